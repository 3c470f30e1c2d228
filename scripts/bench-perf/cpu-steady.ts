import { setImmediate as nextTurn } from 'node:timers/promises';
import type { TaskInput } from '../../source/engine/types.ts';
import cpu from '../../workloads/cpu.ts';
import type { Figure } from './figure.ts';

const seconds = 36;
const warmupSeconds = 2;
const stretchSeconds = 10;

/**
 * The `cpu` workload's tasks back to back on this thread for `seconds`, one a turn as the event loop runs them:
 * tasks a second over the first stretch after the warm-up and over the last. V8 may recompile a task's code long
 * after it started (it did: a rate that fell to a third after 12 s), and a model measured late would then read
 * slower than one measured early at the same work.
 */
async function rates(): Promise<{ early: number; late: number }> {
  const input = { knobs: { size: 14_000, chunk: 0 }, context: {} } as unknown as TaskInput;
  const ends: number[] = [];
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) {
    cpu.run(input);
    ends.push(performance.now() - start);
    await nextTurn();
  }
  const count = (from: number) =>
    ends.filter((end) => end >= from * 1000 && end < (from + stretchSeconds) * 1000).length / stretchSeconds;
  return { early: count(warmupSeconds), late: count(seconds - stretchSeconds) };
}

export const cpuSteady: Figure = {
  name: 'cpu-steady',
  method: `the cpu workload's tasks back to back on one thread for ${seconds} s: tasks a second over the last ${stretchSeconds} s ÷ over the ${stretchSeconds} s after a ${warmupSeconds} s warm-up`,
  timeoutSeconds: seconds + 30,
  async measure() {
    const { early, late } = await rates();
    return { earlyPerSecond: early, latePerSecond: late, lateVsEarly: late / early };
  },
  checks: [
    {
      label: 'cpu workload: tasks/s in the last 10 s ÷ after warm-up',
      key: 'lateVsEarly',
      unit: '×',
      bound: { kind: 'atLeast', value: 0.9 },
      absolute: { ours: 'latePerSecond', floor: 'earlyPerSecond', unit: 'tasks/s' },
    },
  ],
};
