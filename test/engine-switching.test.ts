import { describe, expect, it } from 'vitest';
import { currentRow, gate, gateEngine, snapshotOf, tasksById } from './fixtures/gate-engine.ts';
import { waitFor } from './helpers/wait-for.ts';

describe('a switch of model', () => {
  it('moves the tasks that have not started to the new model, with their id and submit time', async () => {
    gate.close();
    const engine = gateEngine({ model: 'workers', threads: 1, concurrency: 12, recentTasks: 100 });
    await engine.start();
    await waitFor(() => gate.held === 1 && snapshotOf(engine).tasks.counts.running === 1, {
      what: 'one task held on the only thread',
    });
    const before = tasksById(snapshotOf(engine));
    const running = [...before.values()].filter((task) => task.state === 'running');
    expect(running.map((task) => task.model)).toEqual(['workers']);

    engine.dispatch({ type: 'switchModel', model: 'async' });
    const after = tasksById(snapshotOf(engine));
    const moved = [...after.values()].filter(
      (task) => before.get(task.id)?.state === 'queued' && task.model === 'async',
    );
    // The pool may still hold the next task for its thread (handed to Piscina); every other one moves.
    expect(moved.length).toBeGreaterThanOrEqual(12 - 2);
    for (const task of moved) expect(task.submittedAt).toBe(before.get(task.id)?.submittedAt);
    // On the loop the moved tasks start at once and wait at the gate too.
    await waitFor(() => gate.held >= 1 + moved.length, { what: 'the moved tasks to start on the loop' });

    // The gate stays closed: the tasks that replace them wait, so the records stay among the newest.
    gate.releaseHeld();
    await waitFor(() => {
      const tasks = tasksById(snapshotOf(engine));
      return [...running, ...moved].every((task) => tasks.get(task.id)?.state === 'done');
    });
    const done = tasksById(snapshotOf(engine));
    for (const task of running) {
      expect(done.get(task.id)).toMatchObject({ model: 'workers', threadId: task.threadId });
    }
    for (const task of moved) expect(done.get(task.id)).toMatchObject({ model: 'async', threadId: 0 });
  });

  it('keeps exactly the concurrency in flight, the old model’s started tasks included', async () => {
    gate.close();
    const engine = gateEngine({ model: 'workers', threads: 1, concurrency: 200 });
    await engine.start();
    await waitFor(() => gate.held === 1, { what: 'a task held on the thread' });
    engine.dispatch({ type: 'switchModel', model: 'async' });
    await waitFor(() => gate.held >= 199, { what: 'the moved tasks to start on the loop' });
    const { counts } = snapshotOf(engine).tasks;
    expect(counts.queued + counts.running).toBe(200);
    // The async row waits for the task still on the pool (and any the pool was handed) before it counts.
    expect(currentRow(snapshotOf(engine))).toMatchObject({ model: 'async', phase: 'settling' });
  });

  it('cancels the old workload’s tasks that have not started when the workload changes, and lets started ones finish', async () => {
    gate.close();
    const engine = gateEngine({ model: 'workers', threads: 1, concurrency: 10, recentTasks: 100 });
    await engine.start();
    await waitFor(() => gate.held === 1 && snapshotOf(engine).tasks.counts.running === 1);
    const [running] = snapshotOf(engine).tasks.recent.filter((task) => task.state === 'running');
    engine.dispatch({ type: 'setWorkload', workload: 'io-timer' });
    await engine.settled();
    const snapshot = snapshotOf(engine);
    expect(snapshot.workload.name).toBe('io-timer');
    expect(snapshot.tasks.counts.cancelled).toBeGreaterThanOrEqual(10 - 2);
    expect(tasksById(snapshot).get(running?.id ?? -1)?.state).toBe('running');
    gate.releaseHeld();
    await waitFor(() => tasksById(snapshotOf(engine)).get(running?.id ?? -1)?.state === 'done', {
      what: 'the started gate task to finish on its thread',
    });
    const { counts } = snapshotOf(engine).tasks;
    expect(counts.done + counts.failed + counts.cancelled + counts.queued + counts.running).toBe(
      counts.submitted,
    );
  });

  it('moves the tasks waiting on the loop to the pool', async () => {
    // Tasks that spin hold the loop for their whole run, so all but one wait for their turn.
    const engine = gateEngine({ model: 'async', concurrency: 6, knobs: { spin: 20 }, recentTasks: 100 });
    await engine.start();
    const queued = snapshotOf(engine).tasks.recent.filter((task) => task.state === 'queued');
    expect(queued.length).toBe(6);
    engine.dispatch({ type: 'switchModel', model: 'workers' });
    await waitFor(() => queued.every((task) => tasksById(snapshotOf(engine)).get(task.id)?.state === 'done'));
    const after = tasksById(snapshotOf(engine));
    for (const task of queued) {
      const record = after.get(task.id);
      expect(record?.model).toBe('workers');
      expect(record?.threadId).not.toBe(0);
      expect(record?.submittedAt).toBe(task.submittedAt);
    }
  });
});
