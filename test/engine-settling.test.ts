import { describe, expect, it } from 'vitest';
import type { Engine } from '../source/engine/engine.ts';
import type { ScoreboardRow } from '../source/engine/types.ts';
import { currentRow, gate, gateEngine, snapshotOf } from './fixtures/gate-engine.ts';
import { waitFor } from './helpers/wait-for.ts';

const rowOf = (engine: Engine, model: string): ScoreboardRow | undefined =>
  snapshotOf(engine).scoreboard.find((row) => row.model === model);

/** Workers on one thread with a task held there; then the gate opens for new tasks (the held one waits). */
async function heldOnThePool(engine: Engine): Promise<void> {
  gate.close();
  await engine.start();
  await waitFor(() => gate.held === 1, { what: 'a task held on the thread' });
  gate.open();
}

describe('settling', () => {
  it('counts nothing for the new row until the tasks started before the switch have finished', async () => {
    const counted = new Map<number, string>();
    const engine = gateEngine({
      model: 'workers',
      threads: 1,
      concurrency: 4,
      onTaskCounted: (task, key) => counted.set(task.id, key),
    });
    await heldOnThePool(engine);
    engine.dispatch({ type: 'switchModel', model: 'async' });
    // New tasks run and finish on the loop meanwhile: none of them counts yet.
    await waitFor(() => snapshotOf(engine).tasks.counts.done > 200, { what: 'async tasks finishing' });
    const settling = snapshotOf(engine);
    expect(currentRow(settling)).toMatchObject({
      model: 'async',
      phase: 'settling',
      settling: { tasksFromBefore: expect.any(Number) },
      activeMs: 0,
      finished: 0,
    });
    expect(currentRow(settling).settling?.tasksFromBefore).toBeGreaterThanOrEqual(1);
    expect(settling.history.at(-1)?.settling).toBe(true);
    expect(counted.size).toBe(0);

    const doneBeforeRelease = settling.tasks.counts.done;
    gate.releaseHeld();
    await waitFor(() => currentRow(snapshotOf(engine)).phase === 'measuring', { what: 'settling to end' });
    await waitFor(() => (rowOf(engine, 'async')?.finished ?? 0) > 100, { what: 'async tasks counted' });
    const measuring = snapshotOf(engine);
    const row = currentRow(measuring);
    expect(row.overlapping).toBe(false);
    expect(row.settling).toBeUndefined();
    // Tasks that finished while the row settled count for no row.
    expect(row.finished).toBeLessThanOrEqual(measuring.tasks.counts.done - doneBeforeRelease);
    // The tasks from before finished on the pool and count for no row either.
    expect(rowOf(engine, 'workers')).toMatchObject({ phase: 'past', finished: 0, failed: 0 });
    expect([...counted.values()].every((key) => key === row.key)).toBe(true);
  });

  it('starts counting after the bound while tasks from before still run, marked overlapping', async () => {
    const counted = new Set<number>();
    const engine = gateEngine({
      model: 'workers',
      threads: 1,
      concurrency: 4,
      settlingBoundMs: 50,
      recentTasks: 100,
      onTaskCounted: (task) => counted.add(task.id),
    });
    gate.close();
    await engine.start();
    await waitFor(() => gate.held === 1 && snapshotOf(engine).tasks.counts.running === 1);
    const held = snapshotOf(engine).tasks.recent.find((task) => task.state === 'running');
    engine.dispatch({ type: 'switchModel', model: 'async' });
    expect(currentRow(snapshotOf(engine)).phase).toBe('settling');
    await waitFor(() => currentRow(snapshotOf(engine)).phase === 'measuring', { what: 'the bound' });
    expect(currentRow(snapshotOf(engine))).toMatchObject({ model: 'async', overlapping: true });
    await waitFor(() => gate.held >= 3, { what: 'async tasks held too' });
    // Everything held goes: the task from before counts for no row, the async ones for the async row.
    gate.releaseHeld();
    await waitFor(() =>
      snapshotOf(engine).tasks.recent.some((task) => task.id === held?.id && task.state === 'done'),
    );
    await waitFor(() => counted.size > 0, { what: 'async tasks counted' });
    expect(counted.has(held?.id ?? -1)).toBe(false);
    expect(currentRow(snapshotOf(engine)).overlapping).toBe(true);
  });

  it('keys rows by configuration and goes back to a row when its configuration comes back', async () => {
    const engine = gateEngine({ model: 'async', concurrency: 4 });
    await engine.start();
    await waitFor(() => currentRow(snapshotOf(engine)).finished > 50);
    const first = currentRow(snapshotOf(engine));
    expect(first.config).toMatchObject({ workload: 'gate', model: 'async', mode: 'closed', load: 4 });
    expect(first.config.threads).toBeUndefined();

    engine.dispatch({ type: 'changeConcurrency', delta: 1 });
    const second = currentRow(snapshotOf(engine));
    expect(second.config.load).toBe(8);
    expect(second.key).not.toBe(first.key);

    engine.dispatch({ type: 'switchModel', model: 'workers' });
    const workers = currentRow(snapshotOf(engine));
    expect(workers.config).toMatchObject({ model: 'workers', load: 8, threads: 1 });
    // Same work, another way of running it: the two rows compare.
    expect(workers.loadKey).toBe(second.loadKey);
    engine.dispatch({ type: 'changeThreads', delta: 1 });
    expect(currentRow(snapshotOf(engine)).config.threads).toBe(2);

    engine.dispatch({ type: 'switchModel', model: 'async' });
    engine.dispatch({ type: 'changeConcurrency', delta: -1 });
    await waitFor(() => currentRow(snapshotOf(engine)).finished > first.finished);
    const snapshot = snapshotOf(engine);
    expect(currentRow(snapshot).key).toBe(first.key);
    expect(snapshot.scoreboard.map((row) => [row.model, row.config.load, row.config.threads ?? 0])).toEqual([
      ['async', 4, 0],
      ['async', 8, 0],
      ['workers', 8, 1],
      ['workers', 8, 2],
    ]);
    expect(snapshot.scoreboard.filter((row) => row.phase !== 'past')).toHaveLength(1);
    expect(snapshot.events.map((event) => event.kind)).toEqual([
      'load',
      'switch',
      'threads',
      'switch',
      'load',
    ]);
  });

  it('never lets two rows count at the same time', async () => {
    const engine = gateEngine({ model: 'async', concurrency: 4 });
    await engine.start();
    for (const action of ['workers', 'async', 'workers'] as const) {
      await waitFor(() => currentRow(snapshotOf(engine)).phase === 'measuring');
      engine.dispatch({ type: 'switchModel', model: action });
    }
    const intervals = engine.countedIntervals().sort((a, b) => a.from - b.from);
    expect(intervals.length).toBeGreaterThanOrEqual(3);
    for (let index = 1; index < intervals.length; index++) {
      expect(intervals[index]?.from).toBeGreaterThanOrEqual(intervals[index - 1]?.to ?? Number.NaN);
    }
  });

  it('settles again after a resume, and counts nothing while paused', async () => {
    const engine = gateEngine({ model: 'async', concurrency: 4 });
    await engine.start();
    await waitFor(() => currentRow(snapshotOf(engine)).finished > 10);
    gate.close();
    engine.dispatch({ type: 'togglePause' });
    const paused = currentRow(snapshotOf(engine));
    await waitFor(() => gate.held === 4, { what: 'the in-flight tasks held' });
    expect(currentRow(snapshotOf(engine)).activeMs).toBe(paused.activeMs);
    engine.dispatch({ type: 'togglePause' });
    expect(currentRow(snapshotOf(engine))).toMatchObject({ phase: 'settling', key: paused.key });
    gate.open();
    gate.releaseHeld();
    await waitFor(() => currentRow(snapshotOf(engine)).phase === 'measuring');
    await waitFor(() => currentRow(snapshotOf(engine)).finished > paused.finished);
    expect(snapshotOf(engine).scoreboard).toHaveLength(1);
  });
});

describe('r', () => {
  it('starts counters, history, events, rows, settling and the task window afresh', async () => {
    const engine = gateEngine({ model: 'workers', threads: 1, concurrency: 4, recentTasks: 100 });
    await engine.start();
    await waitFor(() => snapshotOf(engine).tasks.counts.done > 100);
    gate.close();
    await waitFor(() => gate.held === 1, { what: 'a task held on the thread' });
    engine.dispatch({ type: 'switchModel', model: 'async' });
    await waitFor(() => gate.held >= 3, { what: 'moved tasks held on the loop' });
    expect(snapshotOf(engine).scoreboard).toHaveLength(2);

    engine.dispatch({ type: 'resetStatistics' });
    const reset = snapshotOf(engine);
    expect(reset.scoreboard).toHaveLength(1);
    expect(currentRow(reset)).toMatchObject({ model: 'async', phase: 'settling', finished: 0, activeMs: 0 });
    expect(reset.events.map((event) => event.kind)).toEqual(['reset']);
    expect(reset.history).toHaveLength(1);
    expect(reset.tasks.counts.done).toBe(0);
    const { counts } = reset.tasks;
    expect(counts.queued + counts.running).toBe(counts.submitted);

    // The tasks held on the pool since before `r` must not show in the pool's wait and run times.
    const poolWaits: number[] = [];
    engine.subscribe((snapshot) => {
      const pool = snapshot.pools.workers;
      if (pool) poolWaits.push(pool.waitTime.max, pool.runTime.max);
    });
    gate.open();
    gate.releaseHeld();
    await waitFor(() => currentRow(snapshotOf(engine)).phase === 'measuring');
    await waitFor(() => currentRow(snapshotOf(engine)).finished > 0);
    expect(poolWaits.length).toBeGreaterThan(1);
    expect(poolWaits.every((wait) => wait === 0)).toBe(true);
  });
});
