import { describe, expect, it } from 'vitest';
import type { TaskRecord } from '../source/engine/types.ts';
import {
  leastContendedShare,
  onCpuShareOf,
  onCpuShareOfSums,
  onCpuShareOfTasks,
  perTaskShareMinRunMs,
} from '../source/engine/verdict-on-cpu.ts';
import { seededRandom } from './helpers/seeded-random.ts';

const task = (fields: Partial<TaskRecord>): TaskRecord => ({
  id: 1,
  state: 'done',
  model: 'workers',
  submittedAt: 0,
  startedAt: 10,
  endedAt: 30,
  ...fields,
});

describe('the on-CPU share of a set of tasks', () => {
  it('is the sum of their CPU times over the sum of their run times', () => {
    // 2 + 20 + 10 ms of CPU over 3 × 20 ms of run: not the mean or the median of 0.1, 1 and 0.5.
    const tasks = [task({ cpuMs: 2 }), task({ cpuMs: 20 }), task({ cpuMs: 10 })];
    expect(onCpuShareOfTasks(tasks)).toBeCloseTo(32 / 60, 12);
  });

  it('weighs each task by its run time', () => {
    const long = task({ startedAt: 0, endedAt: 90, cpuMs: 90 });
    const short = task({ startedAt: 0, endedAt: 10, cpuMs: 0 });
    expect(onCpuShareOfTasks([long, short])).toBeCloseTo(0.9, 12);
  });

  it('counts only done tasks with a CPU time and a run time', () => {
    const counted = task({ cpuMs: 5 });
    const others = [
      task({}),
      task({ state: 'failed', cpuMs: 20 }),
      task({ state: 'running', cpuMs: 20, endedAt: undefined }),
      task({ cpuMs: 3, startedAt: 10, endedAt: 10 }),
    ];
    expect(onCpuShareOfTasks([counted, ...others])).toBe(0.25);
    expect(onCpuShareOfTasks(others)).toBeUndefined();
    expect(onCpuShareOfTasks([])).toBeUndefined();
  });

  it('clamps the ratio of the sums to 0–1, never a task on its own', () => {
    // One task reads a tick more than it ran, the other a tick less: together they are right.
    const over = task({ startedAt: 0, endedAt: 2, cpuMs: 4 });
    const under = task({ startedAt: 0, endedAt: 4, cpuMs: 0 });
    expect(onCpuShareOfTasks([over, under])).toBeCloseTo(4 / 6, 12);
    expect(onCpuShareOfSums({ cpuMs: 70, runMs: 60 })).toBe(1);
    expect(onCpuShareOfSums({ cpuMs: 0, runMs: 60 })).toBe(0);
    expect(onCpuShareOfSums({ cpuMs: 0, runMs: 0 })).toBeUndefined();
    expect(onCpuShareOfSums(undefined)).toBeUndefined();
  });

  it('judges a task by the model where it had its thread most to itself, once that model ran long enough', () => {
    const onLoop = { cpuMs: 990, runMs: 1000 };
    // A computing task on 8 threads over 2 cores: runnable all along, on CPU a quarter of its run time.
    const oversubscribed = { cpuMs: 2500, runMs: 10_000 };
    expect(leastContendedShare([oversubscribed, onLoop])).toBe(0.99);
    expect(leastContendedShare([oversubscribed, { cpuMs: 10, runMs: 10 }])).toBe(0.25);
    expect(leastContendedShare([undefined, { cpuMs: 1, runMs: 100 }])).toBeUndefined();
    expect(leastContendedShare([])).toBeUndefined();
  });
});

/**
 * The CPU clock of a thread that runs `onMs` then is preempted for `offMs`, over and over, read as Linux keeps it:
 * brought up to date at each `tickMs` tick while the thread runs, and when it is switched out.
 */
function tickedThreadClock(onMs: number, offMs: number, tickMs: number): (at: number) => number {
  const period = onMs + offMs;
  const cpuAt = (at: number) => {
    const slices = Math.floor(at / period);
    return slices * onMs + Math.min(at - slices * period, onMs);
  };
  return (at) => {
    const slice = Math.floor(at / period) * period;
    if (at - slice >= onMs) return cpuAt(slice + onMs);
    const tick = Math.floor(at / tickMs) * tickMs;
    return tick >= slice ? cpuAt(tick) : cpuAt(slice);
  };
}

/** Tasks one after the other on a thread whose CPU clock is `clock`, each of `runMs()`, `gapMs` apart. */
function tasksOn(clock: (at: number) => number, count: number, runMs: () => number, gapMs: number) {
  const tasks: TaskRecord[] = [];
  let at = 0;
  for (let id = 1; id <= count; id++) {
    const startedAt = at;
    const endedAt = startedAt + runMs();
    tasks.push(task({ id, startedAt, endedAt, cpuMs: clock(endedAt) - clock(startedAt) }));
    at = endedAt + gapMs;
  }
  return tasks;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

describe('tasks shorter than the clock tick', () => {
  it('read 0 mostly and a whole tick sometimes, and their sums still give the share they computed', () => {
    // 1.6 ms tasks, 0.1 ms apart, on a thread that computes all along; a 4 ms tick (HZ=250).
    const clock = tickedThreadClock(1e12, 0, 4);
    const tasks = tasksOn(clock, 2000, () => 1.6, 0.1);
    const readings = tasks.map((one) => one.cpuMs as number);
    expect(readings.every((reading) => reading === 0 || reading === 4)).toBe(true);
    expect(readings.filter((reading) => reading === 0).length).toBeGreaterThan(tasks.length / 2);
    // The median of the tasks' own shares says they never ran on CPU; the sums say they hardly did anything else.
    expect(median(tasks.map((one) => Math.min(1, (one.cpuMs as number) / 1.6)))).toBe(0);
    expect(onCpuShareOfTasks(tasks)).toBeGreaterThan(0.95);
  });

  it('give the share of the time the thread was on CPU, whatever the tasks, the tick and the preemption', () => {
    const random = seededRandom(13);
    for (let round = 0; round < 30; round++) {
      const tickMs = [1, 4, 10][round % 3] as number;
      // The thread has the core for 2–12 ms at a time, then waits for it for 0–12 ms: on CPU 14–100 % of the time.
      const onMs = 2 + random() * 10;
      const offMs = round % 5 === 0 ? 0 : random() * 12;
      const shortest = 0.2 + random() * 2;
      const spread = random() * 3;
      // Enough tasks to span 5,000 ticks, so that where the ticks fall averages out.
      const count = Math.ceil((5000 * tickMs) / (shortest + spread / 2));
      const tasks = tasksOn(
        tickedThreadClock(onMs, offMs, tickMs),
        count,
        () => shortest + random() * spread,
        0.01,
      );
      const what = `round ${round}: tick ${tickMs}, on ${onMs.toFixed(1)}, off ${offMs.toFixed(1)}, tasks ${shortest.toFixed(2)}+${spread.toFixed(2)} ms`;
      const share = onCpuShareOfTasks(tasks) as number;
      expect(Math.abs(share - onMs / (onMs + offMs)), what).toBeLessThan(0.02);
    }
  });
});

describe('the on-CPU share of one task, for the task table', () => {
  it('is its CPU time over its run time once it ran long against the tick', () => {
    expect(onCpuShareOf(task({ startedAt: 10, endedAt: 10 + perTaskShareMinRunMs, cpuMs: 15 }))).toBe(0.75);
  });

  it('is not shown for a task shorter than that, whatever it read', () => {
    const short = { startedAt: 10, endedAt: 10 + perTaskShareMinRunMs - 0.1 };
    expect(onCpuShareOf(task({ ...short, cpuMs: 0 }))).toBeUndefined();
    expect(onCpuShareOf(task({ ...short, cpuMs: 4 }))).toBeUndefined();
  });

  it('is unknown when not measured or not done', () => {
    expect(onCpuShareOf(task({}))).toBeUndefined();
    expect(onCpuShareOf(task({ state: 'failed', cpuMs: 5 }))).toBeUndefined();
  });

  it('never passes 1 when the clocks disagree by their granularity', () => {
    expect(onCpuShareOf(task({ cpuMs: 20.3 }))).toBe(1);
  });
});
