import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../source/engine/engine.ts';
import { currentRow, snapshotOf, tasksById } from './fixtures/gate-engine.ts';
import spinWorkload from './fixtures/spin-ms-workload.ts';
import { waitFor } from './helpers/wait-for.ts';

// A pool process holds the task after the one it runs. A switch asks it back with a cancel the process reads
// only once the task it computes ends: until then the held task counts as from before; once back it goes on
// under the new measurement, as the tasks taken back at once do, and no longer holds the new row back.

const spinUrl = new URL('./fixtures/spin-ms-workload.ts', import.meta.url).href;

describe('a task a process held, at a switch of model', () => {
  let engine: Engine | undefined;

  afterEach(async () => {
    await engine?.stop();
    engine = undefined;
  });

  it('comes back once the process lets it go, runs once on the new model and counts for its row', async () => {
    const counted = new Map<number, string>();
    engine = new Engine({
      workload: 'spin-ms',
      workloadFiles: [{ url: spinUrl, workload: spinWorkload }],
      model: 'processes',
      threads: 1,
      concurrency: 2,
      knobs: { ms: 300 },
      sampleIntervalMs: 60_000,
      settlingBoundMs: 30_000,
      recentTasks: 100,
      onTaskCounted: (task, key) => counted.set(task.id, key),
    });
    const running = engine;
    await running.start();
    // One task computes in the process, the other waits there, not in the model's queue.
    await waitFor(
      () => {
        const snapshot = snapshotOf(running);
        const { counts } = snapshot.tasks;
        return counts.running === 1 && counts.queued === 1 && snapshot.pools.processes?.queueSize === 0;
      },
      { what: 'a task running in the process and one held there' },
    );
    const held = snapshotOf(running).tasks.recent.find((task) => task.state === 'queued');
    running.dispatch({ type: 'switchModel', model: 'workers' });
    expect(currentRow(snapshotOf(running))).toMatchObject({
      model: 'workers',
      phase: 'settling',
      settling: { tasksFromBefore: 2 },
    });
    await waitFor(() => currentRow(snapshotOf(running)).phase === 'measuring', {
      what: 'the task from before to end and the held one to come back',
    });
    expect(currentRow(snapshotOf(running)).overlapping).toBe(false);
    await waitFor(() => tasksById(snapshotOf(running)).get(held?.id ?? 0)?.state === 'done', {
      what: 'the held task to run on the workers',
    });
    const record = tasksById(snapshotOf(running)).get(held?.id ?? 0);
    expect(record).toMatchObject({ model: 'workers', state: 'done' });
    expect(counted.get(held?.id ?? 0)).toBe(currentRow(snapshotOf(running)).key);
  }, 20_000);
});
