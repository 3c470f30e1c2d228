import { afterEach, describe, expect, it } from 'vitest';
import type { TaskOutcome } from '../source/engine/models/execution-model.ts';
import { createWorkerPoolModel, type WorkerPoolModel } from '../source/engine/models/worker-pool-model.ts';
import { expectDone, fixture, input, options } from './helpers/model-tasks.ts';
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
        Array.from({ length: 8 }, (_, id) => model?.run('cpu', input(id + 1, { size: 10_000 }), options())),
      )
    ).map((outcome) => expectDone(outcome as TaskOutcome));
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
      // Wide margins: the machine is shared (tasks of ~50 ms, so that a few ms of preemption between the task's
      // start and its slice stay inside them); the slice sits inside the task's run on the same clock.
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

  it('tells interleaved tasks of one thread apart by task id, with gaps while they await', async () => {
    const { slices, onSlice } = collect();
    model = createWorkerPoolModel({ threads: 1, tasksPerWorker: 4, recordSlices: true, onSlice });
    const knobs = { steps: 3, spin: 1, wait: 10 };
    const outcomes = (
      await Promise.all([1, 2, 3, 4].map((id) => model?.run(steps, input(id, knobs), options())))
    ).map((outcome) => expectDone(outcome as TaskOutcome));
    model.sampleThreads(250);
    expect(new Set(slices.map((slice) => slice.lane))).toEqual(new Set(['t1']));
    for (const id of [1, 2, 3, 4]) {
      const mine = slices.filter((slice) => slice.taskId === id);
      // Each step's spin, then the last: numbered 1…4 in order, each in the task's outcome.
      expect(mine.map((slice) => slice.sliceNumber)).toEqual([1, 2, 3, 4]);
      expect(outcomes[id - 1]?.slices).toBe(4);
      const sum = mine.reduce((total, slice) => total + slice.lengthMs, 0);
      expect(outcomes[id - 1]?.sliceMs).toBeCloseTo(sum, 6);
      // Awaiting 10 ms between slices: gaps (wide margin: the timer may fire late, never early).
      for (let index = 1; index < mine.length; index++) {
        const before = mine[index - 1] as Slice;
        expect((mine[index] as Slice).start - (before.start + before.lengthMs)).toBeGreaterThan(5);
      }
    }
    // Interleaved: another task's slice falls between a task's first and last.
    const first = slices.filter((slice) => slice.taskId === 1);
    const from = (first[0] as Slice).start;
    const to = (first.at(-1) as Slice).start;
    expect(slices.some((slice) => slice.taskId !== 1 && slice.start > from && slice.start < to)).toBe(true);
  });

  it('under the GIL, lets no two lanes run slices at the same time', async () => {
    const { slices, onSlice } = collect();
    model = createWorkerPoolModel({ threads: 2, tasksPerWorker: 2, gil: true, recordSlices: true, onSlice });
    await threadsUp(model, 2);
    const knobs = { steps: 3, spin: 2, wait: 1 };
    await Promise.all(
      Array.from({ length: 12 }, (_, id) => model?.run(steps, input(id + 1, knobs), options())),
    );
    model.sampleThreads(250);
    expect(new Set(slices.map((slice) => slice.lane))).toEqual(new Set(['t1', 't2']));
    const sorted = [...slices].sort((a, b) => a.start - b.start);
    for (let index = 1; index < sorted.length; index++) {
      const before = sorted[index - 1] as Slice;
      const slice = sorted[index] as Slice;
      if (slice.lane === before.lane) continue;
      // Taking turns: the next lane starts once the other's slice ended (clocks agree to well under 0.1 ms).
      expect(slice.start).toBeGreaterThanOrEqual(before.start + before.lengthMs - 0.1);
    }
  });

  it('drains a replaced thread and counts the slice its stuck task was cut in', async () => {
    const { slices, onSlice } = collect();
    model = createWorkerPoolModel({ threads: 1, recordSlices: true, onSlice, taskTimeoutMs: 300 });
    const outcome = await model.run(steps, input(7, { steps: 3, spin: 1, wait: 2, hang: 1 }), options());
    expect(outcome.status).toBe('failed');
    const pool = model;
    // The three slices before it hung were written before the thread was terminated: none is lost.
    await waitFor(
      () => {
        pool.sampleThreads(250);
        return slices.filter((slice) => slice.taskId === 7).length >= 3;
      },
      { what: 'the replaced thread drained' },
    );
    expect(slices.filter((slice) => slice.taskId === 7).map((slice) => slice.sliceNumber)).toEqual([1, 2, 3]);
    expect(model.droppedSlices).toBe(1);
    // The replacement takes the same lane.
    await model.run(steps, input(8, { steps: 0 }), options());
    model.sampleThreads(250);
    expect(slices.filter((slice) => slice.taskId === 8).map((slice) => slice.lane)).toEqual(['t1']);
  });

  it('records nothing and returns no slice stats while recording is off', async () => {
    const { slices, onSlice } = collect();
    model = createWorkerPoolModel({ threads: 1, recordSlices: false, onSlice });
    const outcome = expectDone(await model.run(steps, input(1, { steps: 2, spin: 1, wait: 1 }), options()));
    model.sampleThreads(250);
    await model.close();
    expect(slices).toEqual([]);
    expect(outcome.slices).toBeUndefined();
    expect(model.droppedSlices).toBe(0);
  });
});
