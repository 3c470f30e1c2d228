import { afterEach, describe, expect, it } from 'vitest';
import { Insight } from '../source/engine/insight.ts';
import type { TaskRecord } from '../source/engine/types.ts';
import { WorkloadCatalogue } from '../source/engine/workload-catalogue.ts';

const records = (list: TaskRecord[]) => ({ find: (id: number) => list.find((record) => record.id === id) });

let insight: Insight | undefined;
afterEach(() => insight?.stop());

describe('insight', () => {
  it('blames a recorded stall on the loop slice that covered it, and forgets it on reset', () => {
    insight = new Insight({ recordSlices: true, stallThresholdMs: 20, catalogue: new WorkloadCatalogue() });
    insight.slices.log.recordLoopSlice(7, 'cpu', 1000, 150, 2);
    insight.onStall(1010, 140);
    const state = { pools: {}, droppedSlices: 0, knobs: {}, records: records([]), recent: [] };
    const stall = insight.sample(1200, state).stalls?.recent.at(-1);
    expect(stall?.culprits[0]).toMatchObject({ taskId: 7, sliceMs: 150, sliceNumber: 2 });
    insight.reset();
    expect(insight.sample(1300, state).stalls?.recent).toEqual([]);
  });

  it('shows the inspected task with its slices until it is closed', () => {
    insight = new Insight({ recordSlices: true, stallThresholdMs: 20, catalogue: new WorkloadCatalogue() });
    insight.slices.log.recordLoopSlice(3, 'cpu', 500, 4, 1);
    const task: TaskRecord = {
      id: 3,
      state: 'done',
      model: 'async',
      submittedAt: 490,
      startedAt: 500,
      endedAt: 504,
    };
    const state = { pools: {}, droppedSlices: 0, knobs: {}, records: records([task]), recent: [] };
    insight.inspect(3);
    expect(insight.sample(600, state).inspected).toEqual({
      record: task,
      slices: [{ lane: 'main', start: 500, lengthMs: 4 }],
    });
    insight.inspect(undefined);
    expect(insight.sample(600, state).inspected).toBeUndefined();
  });

  it('says slices are off, and hands the pools no sink, without recording', () => {
    insight = new Insight({ recordSlices: false, stallThresholdMs: 20, catalogue: new WorkloadCatalogue() });
    expect(insight.poolSlices.recordSlices).toBe(false);
    const state = { pools: {}, droppedSlices: 0, knobs: {}, records: records([]), recent: [] };
    expect(insight.sample(100, state).timeline?.recording).toBe(false);
  });

  it('opens a task the table showed after the registry dropped it, as last seen, and forgets it on reset', () => {
    insight = new Insight({ recordSlices: true, stallThresholdMs: 20, catalogue: new WorkloadCatalogue() });
    const task: TaskRecord = { id: 9, state: 'running', model: 'async', submittedAt: 10, startedAt: 12 };
    const shown = { pools: {}, droppedSlices: 0, knobs: {}, records: records([task]), recent: [task] };
    insight.sample(100, shown);
    // The registry turned over: the task is no longer in it, nor in the table.
    const gone = { ...shown, records: records([]), recent: [] };
    insight.inspect(9);
    expect(insight.sample(350, gone).inspected).toEqual({ record: task, lastSeenAt: 100, slices: [] });
    insight.reset();
    expect(insight.sample(600, gone).inspected).toBeUndefined();
  });
});
