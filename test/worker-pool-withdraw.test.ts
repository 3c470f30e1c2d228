import { afterEach, describe, expect, it } from 'vitest';
import { createWorkerPoolModel, type WorkerPoolModel } from '../source/engine/models/worker-pool-model.ts';
import { fixture, input, recordingCallbacks } from './helpers/model-tasks.ts';
import { TaskGates } from './helpers/task-gates.ts';
import { waitFor } from './helpers/wait-for.ts';

const callbacks = recordingCallbacks;

const gate = fixture('thread-gate-workload.ts');

describe('withdrawing the tasks that have not started', () => {
  const models: WorkerPoolModel[] = [];
  let gates = new TaskGates();

  afterEach(async () => {
    gates.openAll();
    await Promise.all(models.splice(0).map((model) => model.close()));
    gates = new TaskGates();
  });

  it('hands back, oldest first and unsettled, the tasks in its queue and those a thread holds but has not started', async () => {
    const pool = createWorkerPoolModel({ threads: 1 });
    models.push(pool);
    const tasks = [1, 2, 3, 4].map(() => callbacks());
    tasks.forEach((task, index) => {
      pool.submit(gate, { ...input(index + 1), context: gates.context }, task);
    });
    await waitFor(() => pool.sampleThreads(250).perThread[0]?.taskId === 1, { what: 'task 1 running' });
    // Task 2 waits inside Piscina, behind task 1 on the same thread; 3 and 4 in the model's queue.
    expect(pool.sampleThreads(250).queueSize).toBe(3);

    const withdrawn = pool.withdrawWaiting();
    expect(withdrawn.map((task) => task.input.id)).toEqual([2, 3, 4]);
    expect(withdrawn.map((task) => task.callbacks)).toEqual(tasks.slice(1));
    expect(pool.inFlight).toBe(1);
    expect(pool.sampleThreads(250).queueSize).toBe(0);

    gates.open(1);
    gates.open(2);
    await waitFor(() => tasks[0]?.outcomes.length === 1, { what: 'task 1 to finish' });
    expect(tasks[0]?.outcomes[0]).toMatchObject({ status: 'done', result: 1 });
    // The thread skips task 2 (its ticket was cancelled) and runs the next one it is given.
    const next = callbacks();
    pool.submit('cpu', input(5, { size: 1 }), next);
    await waitFor(() => next.outcomes.length === 1, { what: 'task 5' });
    expect(next.outcomes[0]?.status).toBe('done');
    for (const task of tasks.slice(1)) {
      expect(task.starts).toEqual([]);
      expect(task.outcomes).toEqual([]);
    }
    expect(pool.inFlight).toBe(0);

    // Handed to another model, each runs once and settles once, through its own callbacks.
    const other = createWorkerPoolModel({ threads: 2 });
    models.push(other);
    gates.openAll();
    for (const task of withdrawn) other.submit(task.workload, task.input, task.callbacks);
    await waitFor(() => tasks.slice(1).every((task) => task.outcomes.length === 1), {
      what: 'the moved tasks',
    });
    expect(tasks.slice(1).map((task) => task.outcomes[0])).toMatchObject([
      { status: 'done', result: 2 },
      { status: 'done', result: 3 },
      { status: 'done', result: 4 },
    ]);
    expect(tasks.slice(1).every((task) => task.starts.length === 1)).toBe(true);
  });

  it('leaves running tasks where they are and withdraws nothing twice', async () => {
    const pool = createWorkerPoolModel({ threads: 2 });
    models.push(pool);
    const tasks = [1, 2].map(() => callbacks());
    tasks.forEach((task, index) => {
      pool.submit(gate, { ...input(index + 1), context: gates.context }, task);
    });
    await waitFor(() => pool.sampleThreads(250).perThread.every((thread) => thread.taskId !== undefined), {
      what: 'both tasks running',
    });
    expect(pool.withdrawWaiting()).toEqual([]);
    expect(pool.inFlight).toBe(2);
    gates.openAll();
    await waitFor(() => tasks.every((task) => task.outcomes.length === 1), { what: 'both tasks' });
    expect(pool.withdrawWaiting()).toEqual([]);
    expect(pool.inFlight).toBe(0);
  });
});
