// Slices through the engine: a task that is busy 30 ms, awaits, then is busy 60 ms leaves a record of two
// slices and a timeline whose main lane shows the busy time; with recording off nothing is recorded.
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../source/engine/engine.ts';
import { recordingSlices } from '../source/engine/slices/slice-recorder.ts';
import type { Snapshot, TaskRecord } from '../source/engine/types.ts';
import slicedWorkload from './fixtures/sliced-workload.ts';
import { fixture } from './helpers/model-tasks.ts';
import { waitFor } from './helpers/wait-for.ts';

const sliced = fixture('sliced-workload.ts');
let engine: Engine | undefined;

afterEach(async () => {
  await engine?.stop();
  engine = undefined;
});

async function run(options: { recordSlices?: boolean; throws?: number }): Promise<Snapshot> {
  engine = new Engine({
    workload: sliced,
    workloadFiles: [{ url: sliced, workload: slicedWorkload }],
    knobs: { throws: options.throws ?? 0 },
    model: 'async',
    concurrency: 1,
    sampleIntervalMs: 50,
    ...(options.recordSlices === undefined ? {} : { recordSlices: options.recordSlices }),
  });
  await engine.start();
  const started = engine;
  const ended = () => {
    const counts = started.snapshotNow().tasks.counts;
    return counts.done + counts.failed;
  };
  await waitFor(() => ended() >= 3, { what: 'three tasks to end' });
  return started.snapshotNow();
}

function endedRecords(snapshot: Snapshot): TaskRecord[] {
  return snapshot.tasks.recent.filter((task) => task.state === 'done' || task.state === 'failed');
}

describe('slices through the engine', () => {
  it('records a task that is busy 30 ms, awaits, then busy 60 ms as two slices, the longest about 60 ms', async () => {
    const snapshot = await run({});
    const records = endedRecords(snapshot);
    expect(records.length).toBeGreaterThanOrEqual(3);
    for (const record of records) {
      expect(record.state).toBe('done');
      expect(record.slices).toBe(2);
      // The busy loops guarantee the lower bounds; the upper ones are wide for a loaded 2-core machine.
      expect(record.longestSliceMs).toBeGreaterThanOrEqual(60);
      expect(record.longestSliceMs).toBeLessThan(400);
      expect(record.sliceMs).toBeGreaterThanOrEqual(90);
      expect(record.sliceMs).toBeLessThanOrEqual((record.endedAt ?? 0) - (record.startedAt ?? 0));
    }
  });

  it('shows the busy time on the main lane of the timeline, first', async () => {
    const snapshot = await run({});
    const timeline = snapshot.timeline;
    expect(timeline?.recording).toBe(true);
    const main = timeline?.lanes[0];
    expect(main?.name).toBe('main');
    const busy = Array.from(main?.busyMs ?? []).reduce((sum, ms) => sum + ms, 0);
    const done = endedRecords(snapshot).reduce((sum, task) => sum + (task.sliceMs ?? 0), 0);
    // Every ended task's slices fall in the 10 s span; the running one adds more.
    expect(busy).toBeGreaterThanOrEqual(done - 1);
    const named = new Set(Array.from(main?.taskId ?? []).filter((id) => id > 0));
    for (const task of endedRecords(snapshot)) expect(named.has(task.id)).toBe(true);
  });

  it('keeps the slices of a task that throws after an await', async () => {
    const snapshot = await run({ throws: 1 });
    const records = endedRecords(snapshot);
    expect(records.length).toBeGreaterThanOrEqual(3);
    for (const record of records) {
      expect(record.state).toBe('failed');
      expect(record.error).toMatch(/gave up/);
      expect(record.slices).toBe(2);
      expect(record.longestSliceMs).toBeGreaterThanOrEqual(60);
    }
  });

  it('records nothing with recordSlices false, and says so', async () => {
    const snapshot = await run({ recordSlices: false });
    expect(recordingSlices()).toBe(false);
    expect(snapshot.timeline?.recording).toBe(false);
    for (const record of endedRecords(snapshot)) {
      expect(record.slices).toBeUndefined();
      expect(record.longestSliceMs).toBeUndefined();
    }
  });

  it('stops the promise hooks when the engine stops', async () => {
    await run({});
    expect(recordingSlices()).toBe(true);
    await engine?.stop();
    expect(recordingSlices()).toBe(false);
  });
});
