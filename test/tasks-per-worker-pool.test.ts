import { afterEach, describe, expect, it } from 'vitest';
import { pickSlot } from '../source/engine/models/slot-balancer.ts';
import { createWorkerPoolModel, type WorkerPoolModel } from '../source/engine/models/worker-pool-model.ts';
import { AsyncGates } from './helpers/async-gates.ts';
import { fixture, input, recordingCallbacks } from './helpers/model-tasks.ts';
import { waitFor } from './helpers/wait-for.ts';

const callbacks = recordingCallbacks;

const gate = fixture('async-gate-workload.ts');

describe('a worker pool whose threads run several tasks at once', () => {
  let model: WorkerPoolModel | undefined;
  let gates = new AsyncGates();

  afterEach(async () => {
    gates.openAll();
    await model?.close();
    model = undefined;
    gates = new AsyncGates();
  });

  it('runs up to tasks-per-worker tasks on one thread and counts the rest as waiting', async () => {
    const pool = createWorkerPoolModel({ threads: 1, tasksPerWorker: 4 });
    model = pool;
    const tasks = [1, 2, 3, 4, 5, 6].map(() => callbacks());
    tasks.forEach((task, index) => {
      pool.submit(gate, { ...input(index + 1), context: gates.context }, task);
    });
    await waitFor(() => [1, 2, 3, 4].every((id) => gates.started(id)), { what: 'four tasks running' });
    const sample = pool.sampleThreads(250);
    expect(sample.queueSize).toBe(2);
    expect(sample.perThread).toHaveLength(1);
    expect(sample.perThread[0]?.busyShare).toBeGreaterThan(0);
    expect(gates.started(5) || gates.started(6)).toBe(false);

    // Only the two that never started come back.
    const withdrawn = pool.withdrawWaiting();
    expect(withdrawn.map((task) => task.input.id)).toEqual([5, 6]);
    expect(pool.inFlight).toBe(4);
    expect(pool.sampleThreads(250).queueSize).toBe(0);

    for (const id of [1, 2, 3, 4]) gates.open(id);
    await waitFor(() => pool.inFlight === 0, { what: 'four tasks done' });
    for (const [index, task] of tasks.slice(0, 4).entries()) {
      expect(task.outcomes).toEqual([expect.objectContaining({ status: 'done', result: index + 1 })]);
      expect(task.starts).toHaveLength(1);
    }
    expect(tasks[4]?.outcomes).toEqual([]);
    expect(gates.started(5) || gates.started(6)).toBe(false);
  });

  it('counts a thread busy while it has any task, once however many it runs', async () => {
    const pool = createWorkerPoolModel({ threads: 1, tasksPerWorker: 8 });
    model = pool;
    const before = pool.sampleThreads(250);
    expect(before.perThread[0]?.busyShare ?? 0).toBe(0);
    const tasks = [1, 2, 3, 4, 5, 6, 7, 8].map(() => callbacks());
    tasks.forEach((task, index) => {
      pool.submit(gate, { ...input(index + 1), context: gates.context }, task);
    });
    await waitFor(() => tasks.every((_, index) => gates.started(index + 1)), { what: 'eight tasks running' });
    // Eight tasks over one thread: its busy share is the time it had any, never more than the window.
    await waitFor(() => (pool.sampleThreads(50).perThread[0]?.busyShare ?? 0) > 0.5, {
      what: 'a busy thread',
    });
    const sample = pool.sampleThreads(50);
    expect(sample.perThread[0]?.busyShare).toBeLessThanOrEqual(1);
    expect(sample.utilization).toBeLessThanOrEqual(1);
    expect(sample.busyThreads).toBeLessThanOrEqual(1);
    gates.openAll();
    await waitFor(() => pool.inFlight === 0, { what: 'every task done' });
    await waitFor(() => (pool.sampleThreads(50).perThread[0]?.busyShare ?? 1) === 0, {
      what: 'an idle thread',
    });
  });

  it('fails the tasks of a thread that dies as started on that thread, and goes on with a new one', async () => {
    const pool = createWorkerPoolModel({ threads: 1, tasksPerWorker: 3 });
    model = pool;
    const waiting = [1, 2].map(() => callbacks());
    waiting.forEach((task, index) => {
      pool.submit(gate, { ...input(index + 1), context: gates.context }, task);
    });
    await waitFor(() => gates.started(1) && gates.started(2), { what: 'two tasks running' });
    const exit = callbacks();
    pool.submit(fixture('exit-workload.ts'), input(3), exit);
    await waitFor(() => waiting.every((task) => task.outcomes.length === 1), { what: 'the two to fail' });
    for (const task of waiting) {
      expect(task.outcomes[0]).toMatchObject({ status: 'failed', error: expect.stringMatching(/died/) });
    }
    const after = callbacks();
    pool.submit('cpu', input(4, { size: 1 }), after);
    await waitFor(() => after.outcomes.length === 1, { what: 'a task on the new thread' });
    expect(after.outcomes[0]?.status).toBe('done');
  });
});

describe('the slot balancer with several tasks per thread', () => {
  const slot = (free: number) => ({ state: 'ready' as const, freeTickets: Array.from({ length: free }) });

  it('sends a task to the least loaded thread, so a burst spreads over the threads', () => {
    expect(pickSlot([slot(90), slot(95), slot(95)], 101)).toBe(1);
    expect(pickSlot([slot(0), slot(3)], 101)).toBe(1);
    expect(pickSlot([slot(101), slot(3)], 101)).toBe(0);
    expect(pickSlot([slot(0), slot(0)], 101)).toBe(-1);
  });
});
