import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../source/engine/engine.ts';
import type { SliceQuery } from '../source/engine/slices/slice-query.ts';
import { inspectTask } from '../source/engine/task-inspection.ts';
import { TaskRegistry } from '../source/engine/task-registry.ts';
import { TaskRing } from '../source/engine/task-ring.ts';
import type { SliceRecord, TaskRecord } from '../source/engine/types.ts';
import { waitFor } from './helpers/wait-for.ts';

/** The slice log as the inspection sees it, over a plain array: `[taskId, slice]` pairs, oldest first. */
function sliceQueryOf(entries: [number, SliceRecord][]): Pick<SliceQuery, 'slicesOf'> {
  return { slicesOf: (taskId) => entries.filter(([id]) => id === taskId).map(([, slice]) => slice) };
}

describe('the task ring and the registry find a task by id', () => {
  it('returns the record while the ring holds it, and nothing once it is overwritten', () => {
    const ring = new TaskRing(4);
    const record = (id: number): TaskRecord => ({
      id,
      state: 'queued',
      model: 'async',
      submittedAt: id * 10,
    });
    for (let id = 1; id <= 4; id++) ring.write(record(id));
    expect(ring.find(2)).toEqual(record(2));
    ring.write(record(5));
    ring.write(record(6));
    expect(ring.find(2)).toBeUndefined();
    expect(ring.find(6)).toEqual(record(6));
    expect(ring.find(0)).toBeUndefined();
    expect(ring.find(-3)).toBeUndefined();
    expect(ring.find(99)).toBeUndefined();
  });

  it('follows a task from queued to failed with its error', () => {
    const registry = new TaskRegistry({ capacity: 8 });
    const task = registry.submit('workers', 1);
    expect(registry.find(task.id)).toMatchObject({ state: 'queued' });
    registry.start(task, { startedAt: 3, threadId: 9 });
    registry.settle(task, { status: 'failed', error: 'boom', startedAt: 3, endedAt: 7, threadId: 9 });
    expect(registry.find(task.id)).toEqual({
      id: task.id,
      state: 'failed',
      model: 'workers',
      threadId: 9,
      submittedAt: 1,
      startedAt: 3,
      endedAt: 7,
      error: 'boom',
    });
  });
});

describe('inspecting a task', () => {
  const slices: [number, SliceRecord][] = [
    [1, { lane: 'main', start: 10, lengthMs: 2 }],
    [2, { lane: 't1', start: 11, lengthMs: 5 }],
    [1, { lane: 'main', start: 20, lengthMs: 3 }],
  ];

  it('gives the record and only the slices of that task, oldest first', () => {
    const registry = new TaskRegistry();
    const first = registry.submit('async', 5);
    registry.submit('workers', 6);
    const inspected = inspectTask(first.id, registry, sliceQueryOf(slices));
    expect(inspected?.record).toEqual(registry.find(first.id));
    expect(inspected?.slices).toEqual([
      { lane: 'main', start: 10, lengthMs: 2 },
      { lane: 'main', start: 20, lengthMs: 3 },
    ]);
  });

  it('gives an empty slice list without a slice log (slices not recorded)', () => {
    const registry = new TaskRegistry();
    const task = registry.submit('async', 5);
    expect(inspectTask(task.id, registry, undefined)).toEqual({ record: registry.find(task.id), slices: [] });
  });

  it('gives nothing for no task, or a task the registry no longer holds', () => {
    const registry = new TaskRegistry({ capacity: 2 });
    const old = registry.submit('async', 0);
    registry.submit('async', 1);
    registry.submit('async', 2);
    expect(inspectTask(undefined, registry, sliceQueryOf(slices))).toBeUndefined();
    expect(inspectTask(old.id, registry, sliceQueryOf(slices))).toBeUndefined();
    expect(inspectTask(12_345, registry, sliceQueryOf(slices))).toBeUndefined();
  });
});

describe('the engine publishes the inspected task and the histograms', () => {
  let engine: Engine | undefined;
  afterEach(async () => {
    await engine?.stop();
  });

  it('fills `inspected` from inspectTask until it is closed, and counts finished tasks in the latency histogram', async () => {
    engine = new Engine({
      workload: 'io-timer',
      knobs: { latency: 2 },
      concurrency: 4,
      sampleIntervalMs: 50,
    });
    await engine.start();
    const running = engine;
    await waitFor(() => (running.snapshotNow().tasks.counts.done ?? 0) >= 5, { what: 'five tasks done' });
    const snapshot = running.snapshotNow();
    expect(snapshot.inspected).toBeUndefined();
    const finished = snapshot.histograms?.latencyMs.counts.reduce((sum, count) => sum + count, 0) ?? 0;
    expect(finished).toBeGreaterThanOrEqual(5);
    // Every task finished in this run counts once (the histogram began with the run's workload).
    expect(finished).toBeLessThanOrEqual(snapshot.tasks.counts.done + snapshot.tasks.counts.failed);
    const id = snapshot.tasks.recent.find((task) => task.state === 'done')?.id as number;
    running.dispatch({ type: 'inspectTask', id });
    const inspected = running.snapshotNow().inspected;
    expect(inspected?.record).toMatchObject({ id, state: 'done' });
    // io-timer's task is one slice on the loop (it starts a timer and returns its promise), inside its run.
    expect(inspected?.record.slices).toBe(1);
    expect(inspected?.slices).toHaveLength(1);
    const [slice] = inspected?.slices ?? [];
    expect(slice?.lane).toBe('main');
    const { startedAt = Number.NaN, endedAt = Number.NaN } = inspected?.record ?? {};
    expect(slice?.start).toBeGreaterThanOrEqual(startedAt - 0.01);
    expect((slice?.start ?? Number.NaN) + (slice?.lengthMs ?? Number.NaN)).toBeLessThanOrEqual(
      endedAt + 0.01,
    );
    running.dispatch({ type: 'inspectTask', id: undefined });
    expect(running.snapshotNow().inspected).toBeUndefined();
  });

  it('starts the histograms afresh on reset and on a workload switch', async () => {
    engine = new Engine({
      workload: 'io-timer',
      knobs: { latency: 2 },
      concurrency: 4,
      sampleIntervalMs: 50,
    });
    await engine.start();
    const running = engine;
    const counted = () =>
      running.snapshotNow().histograms?.latencyMs.counts.reduce((sum, count) => sum + count, 0) ?? 0;
    await waitFor(() => counted() >= 3, { what: 'three latencies' });
    running.dispatch({ type: 'togglePause' });
    running.dispatch({ type: 'resetStatistics' });
    // Paused: tasks still in flight may finish after the reset and count, but no more than were in flight.
    expect(counted()).toBeLessThanOrEqual(4);
    running.dispatch({ type: 'togglePause' });
    await waitFor(() => counted() >= 8, { what: 'latencies after the reset' });
    running.dispatch({ type: 'setWorkload', workload: 'cpu' });
    await running.settled();
    const afterSwitch = running.snapshotNow();
    expect(afterSwitch.workload.name).toBe('cpu');
    // Right after the switch only the new workload's tasks count: at most the ones finished since.
    expect(counted()).toBeLessThanOrEqual(afterSwitch.tasks.counts.done + afterSwitch.tasks.counts.failed);
  });
});
