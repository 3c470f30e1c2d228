import { afterEach, describe, expect, it } from 'vitest';
import type { TaskOutcome } from '../source/engine/models/execution-model.ts';
import { createProcessPoolModel, type ProcessPoolModel } from '../source/engine/models/process-pool-model.ts';
import type { PoolSliceSink } from '../source/engine/slices/slice-query.ts';
import { expectDone, fixture, input, options } from './helpers/model-tasks.ts';
import { waitFor } from './helpers/wait-for.ts';

type Slice = { lane: string; taskId: number; start: number; lengthMs: number; sliceNumber: number };

function collect(): { slices: Slice[]; onSlice: PoolSliceSink } {
  const slices: Slice[] = [];
  return {
    slices,
    onSlice: (lane, taskId, start, lengthMs, sliceNumber) =>
      slices.push({ lane, taskId, start, lengthMs, sliceNumber }),
  };
}

const steps = fixture('slice-steps-workload.ts');

describe('slices in the process pool', () => {
  let model: ProcessPoolModel | undefined;

  afterEach(async () => {
    await model?.close();
    model = undefined;
  });

  it('brings each process slices on its p lane, within the task run on the main clock', async () => {
    const { slices, onSlice } = collect();
    model = createProcessPoolModel({ processes: 2, tasksPerWorker: 2, recordSlices: true, onSlice });
    const pool = model;
    await waitFor(() => pool.pids.every((pid) => pid > 0) && pool.pids.length === 2, {
      what: 'processes up',
    });
    const knobs = { steps: 2, spin: 2, wait: 5 };
    const outcomes = (
      await Promise.all(
        Array.from({ length: 6 }, (_, id) => pool.run(steps, input(id + 1, knobs), options())),
      )
    ).map((outcome) => expectDone(outcome));
    // Every slice came with a result (the last task's own slices ride on its result).
    expect(new Set(slices.map((slice) => slice.lane))).toEqual(new Set(['p1', 'p2']));
    for (let id = 1; id <= 6; id++) {
      const outcome = outcomes[id - 1] as Extract<TaskOutcome, { status: 'done' }>;
      const mine = slices.filter((slice) => slice.taskId === id);
      expect(mine.map((slice) => slice.sliceNumber)).toEqual([1, 2, 3]);
      expect(outcome.slices).toBe(3);
      expect(new Set(mine.map((slice) => slice.lane)).size).toBe(1);
      // The process's clock against the main one: a wide margin for the skew of their time origins.
      for (const slice of mine) {
        expect(slice.start).toBeGreaterThanOrEqual(outcome.startedAt - 5);
        expect(slice.start + slice.lengthMs).toBeLessThanOrEqual(outcome.endedAt + 5);
        expect(slice.lengthMs).toBeGreaterThanOrEqual(1.5);
      }
    }
  });

  it('records nothing and returns no slice stats while recording is off', async () => {
    const { slices, onSlice } = collect();
    model = createProcessPoolModel({ processes: 1, recordSlices: false, onSlice });
    const outcome = expectDone(await model.run(steps, input(1, { steps: 1, spin: 1, wait: 1 }), options()));
    await model.close();
    expect(slices).toEqual([]);
    expect(outcome.slices).toBeUndefined();
  });

  it('counts the slice a stuck task was cut in when its process is replaced', async () => {
    const { slices, onSlice } = collect();
    model = createProcessPoolModel({ processes: 1, recordSlices: true, onSlice, taskTimeoutMs: 500 });
    // The file loaded first, so the bound counts from the task's start, not from a load that may still run.
    expectDone(await model.run(steps, input(2, { steps: 0 }), options()));
    const outcome = await model.run(steps, input(3, { steps: 1, spin: 1, wait: 1, hang: 1 }), options());
    expect(outcome.status).toBe('failed');
    expect(model.droppedSlices).toBeGreaterThanOrEqual(1);
    const next = expectDone(await model.run(steps, input(4, { steps: 0 }), options()));
    expect(next.slices).toBe(1);
    expect(slices.filter((slice) => slice.taskId === 4).map((slice) => slice.lane)).toEqual(['p1']);
  });
});
