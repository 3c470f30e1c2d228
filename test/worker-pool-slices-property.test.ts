import { setImmediate as turn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { TaskOutcome } from '../source/engine/models/execution-model.ts';
import { createWorkerPoolModel } from '../source/engine/models/worker-pool-model.ts';
import { fixture, input, recordingCallbacks } from './helpers/model-tasks.ts';
import { seededRandom } from './helpers/seeded-random.ts';
import { waitFor } from './helpers/wait-for.ts';

type Slice = { lane: string; taskId: number; start: number; lengthMs: number; sliceNumber: number };

const steps = fixture('slice-steps-workload.ts');
const maxThreads = 3;

/**
 * One random sequence of thread changes, submits and samples on a recording pool, ended by a close (sometimes
 * with tasks still running); returns what it recorded, for the invariants.
 */
async function randomRun(seed: number, tasksPerWorker: number) {
  const random = seededRandom(seed);
  const slices: Slice[] = [];
  const model = createWorkerPoolModel({
    threads: 1 + Math.floor(random() * maxThreads),
    tasksPerWorker,
    closeTimeoutMs: 20,
    recordSlices: true,
    onSlice: (lane, taskId, start, lengthMs, sliceNumber) =>
      slices.push({ lane, taskId, start, lengthMs, sliceNumber }),
  });
  const outcomes = new Map<number, TaskOutcome[]>();
  const log: string[] = [];
  let nextId = 1;
  for (let step = 0; step < 25; step++) {
    const action = random();
    if (action < 0.2) {
      const threads = 1 + Math.floor(random() * maxThreads);
      log.push(`threads ${threads}`);
      model.setThreads(threads);
    } else if (action < 0.75) {
      const count = 1 + Math.floor(random() * 4);
      log.push(`submit ${count}`);
      for (let index = 0; index < count; index++) {
        const id = nextId++;
        const callbacks = recordingCallbacks();
        outcomes.set(id, callbacks.outcomes);
        const knobs = { steps: Math.floor(random() * 3), spin: random() * 2, wait: random() * 3 };
        model.submit(steps, input(id, knobs), callbacks);
      }
    } else if (action < 0.9) {
      log.push('sample');
      model.sampleThreads(250);
    } else {
      log.push('settle');
      await waitFor(() => model.inFlight === 0, { what: `settled (${log.join(', ')})` });
    }
    await turn();
  }
  if (random() < 0.5) await waitFor(() => model.inFlight === 0, { what: 'settled before close' });
  await model.close();
  return { slices, outcomes, log, dropped: model.droppedSlices };
}

describe('slices over random sequences of thread changes, submits and closes', () => {
  for (const [seed, tasksPerWorker] of [
    [1, 1],
    [2, 1],
    [3, 3],
    [4, 3],
  ] as const) {
    it(`records only slices of tasks that ran, each once and in order (seed ${seed}, ${tasksPerWorker} per thread)`, async () => {
      const { slices, outcomes, log, dropped } = await randomRun(seed, tasksPerWorker);
      expect(slices.length).toBeGreaterThan(0);
      const context = `seed ${seed}: ${log.join(', ')}`;
      expect(dropped, context).toBe(0);
      const byTask = new Map<number, Slice[]>();
      for (const slice of slices) {
        expect(slice.lane, context).toMatch(/^t[1-9]\d*$/);
        expect(Number(slice.lane.slice(1)), context).toBeLessThanOrEqual(2 * maxThreads);
        const list = byTask.get(slice.taskId) ?? [];
        list.push(slice);
        byTask.set(slice.taskId, list);
      }
      for (const [taskId, mine] of byTask) {
        // It ran: it was submitted, and its outcome says it started.
        const outcome = outcomes.get(taskId)?.[0];
        expect(outcome, `${context}: task ${taskId}`).toBeDefined();
        if (!outcome || outcome.status === 'cancelled')
          throw new Error(`${context}: task ${taskId} never ran`);
        expect(outcome.startedAt, `${context}: task ${taskId}`).toBeDefined();
        // Each slice once, in order, inside the task's run.
        expect(
          mine.map((slice) => slice.sliceNumber),
          context,
        ).toEqual(mine.map((_, index) => index + 1));
        if (outcome.status === 'done') expect(outcome.slices, context).toBe(mine.length);
        for (const slice of mine) {
          expect(slice.start, context).toBeGreaterThanOrEqual((outcome.startedAt ?? 0) - 1);
          if (outcome.status === 'done') {
            expect(slice.start + slice.lengthMs, context).toBeLessThanOrEqual(outcome.endedAt + 1);
          }
        }
      }
      // Every task that finished had its slices brought over.
      for (const [taskId, [outcome]] of outcomes) {
        if (outcome?.status === 'done')
          expect(byTask.get(taskId)?.length, `${context}: task ${taskId}`).toBe(outcome.slices);
      }
    });
  }
});
