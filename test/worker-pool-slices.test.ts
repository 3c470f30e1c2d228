import { afterEach, describe, expect, it } from 'vitest';
import type { TaskOutcome } from '../source/engine/models/execution-model.ts';
import { createWorkerPoolModel, type WorkerPoolModel } from '../source/engine/models/worker-pool-model.ts';
import { fixture, input, options } from './helpers/model-tasks.ts';
import { waitFor } from './helpers/wait-for.ts';

type Slice = { lane: string; taskId: number; start: number; lengthMs: number; sliceNumber: number };

function collect(): {
  slices: Slice[];
  onSlice: (...args: [string, number, number, number, number]) => void;
} {
  const slices: Slice[] = [];
  return {
    slices,
    onSlice: (lane, taskId, start, lengthMs, sliceNumber) =>
      slices.push({ lane, taskId, start, lengthMs, sliceNumber }),
  };
}

function done(outcome: TaskOutcome): Extract<TaskOutcome, { status: 'done' }> {
  if (outcome.status !== 'done') throw new Error(`expected done, got ${JSON.stringify(outcome)}`);
  return outcome;
}

/** Waits until `count` threads answered their warm-up, so tasks spread over all of them. */
async function threadsUp(model: WorkerPoolModel, count: number): Promise<void> {
  await waitFor(
    () => model.sampleThreads(250).perThread.filter((thread) => thread.threadId !== 0).length >= count,
    {
      what: `${count} threads up`,
    },
  );
}

const steps = fixture('slice-steps-workload.ts');

describe('slices in the worker pool', () => {
  let model: WorkerPoolModel | undefined;

  afterEach(async () => {
    await model?.close();
    model = undefined;
  });

  it('records cpu tasks as back-to-back slices on t1…tN, each task one slice as long as its run', async () => {
    const { slices, onSlice } = collect();
    model = createWorkerPoolModel({ threads: 2, recordSlices: true, onSlice });
    await threadsUp(model, 2);
    const outcomes = (
      await Promise.all(
        Array.from({ length: 8 }, (_, id) => model?.run('cpu', input(id + 1, { size: 3000 }), options())),
      )
    ).map((outcome) => done(outcome as TaskOutcome));
    model.sampleThreads(250);
    expect(new Set(slices.map((slice) => slice.lane))).toEqual(new Set(['t1', 't2']));
    for (let id = 1; id <= 8; id++) {
      const outcome = outcomes[id - 1] as Extract<TaskOutcome, { status: 'done' }>;
      const mine = slices.filter((slice) => slice.taskId === id);
      // `cpu` never awaits: one slice, which is nearly all of its run (the rest is the worker's own steps).
      expect(mine).toHaveLength(1);
      expect(outcome.slices).toBe(1);
      const run = outcome.endedAt - outcome.startedAt;
      expect(outcome.sliceMs).toBeCloseTo(mine[0]?.lengthMs ?? -1, 6);
      expect(outcome.longestSliceMs).toBe(outcome.sliceMs);
      // Wide margins: the machine is shared; the slice sits inside the task's run on the same clock.
      expect(mine[0]?.lengthMs).toBeGreaterThan(run * 0.7);
      expect(mine[0]?.start).toBeGreaterThanOrEqual(outcome.startedAt - 0.5);
      expect((mine[0]?.start ?? 0) + (mine[0]?.lengthMs ?? 0)).toBeLessThanOrEqual(outcome.endedAt + 0.5);
    }
    // Back to back: on one lane, slices never overlap.
    for (const lane of ['t1', 't2']) {
      const onLane = slices.filter((slice) => slice.lane === lane).sort((a, b) => a.start - b.start);
      for (let index = 1; index < onLane.length; index++) {
        const before = onLane[index - 1] as Slice;
        expect((onLane[index] as Slice).start).toBeGreaterThanOrEqual(before.start + before.lengthMs - 0.01);
      }
    }
  });
});
