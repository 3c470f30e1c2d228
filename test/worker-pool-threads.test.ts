import { afterEach, describe, expect, it } from 'vitest';
import type { TaskOutcome } from '../source/engine/models/execution-model.ts';
import { createWorkerPoolModel, type WorkerPoolModel } from '../source/engine/models/worker-pool-model.ts';
import { fixture, input, options } from './helpers/model-tasks.ts';
import { TaskGates } from './helpers/task-gates.ts';
import { waitFor } from './helpers/wait-for.ts';

/** Worker threads alive in this process, as the diagnostic report lists them. */
function workerThreadsAlive(): number {
  return (process.report.getReport() as { workers: unknown[] }).workers.length;
}

/** threadId by label once the pool shows exactly `threads` threads t1…tN, all up, and no other thread. */
async function settledAt(model: WorkerPoolModel, threads: number): Promise<number[]> {
  let ids: number[] = [];
  await waitFor(
    () => {
      const perThread = model.sampleThreads(250).perThread;
      ids = perThread.map((thread) => thread.threadId);
      return (
        perThread.length === threads &&
        perThread.every((thread, index) => thread.label === index + 1 && thread.threadId !== 0) &&
        model.liveThreads === threads
      );
    },
    { what: `${threads} threads` },
  );
  return ids;
}

/** Tasks the threads are running now, as the thread board shows them (sampling also reports their start). */
function running(model: WorkerPoolModel): (number | undefined)[] {
  return model.sampleThreads(250).perThread.map((thread) => thread.taskId);
}

const gate = fixture('thread-gate-workload.ts');

describe('changing the thread count', () => {
  let model: WorkerPoolModel | undefined;
  let gates = new TaskGates();

  afterEach(async () => {
    gates.openAll();
    await model?.close();
    model = undefined;
    gates = new TaskGates();
  });

  it('adds and removes threads one at a time: every other thread keeps its place and its label', async () => {
    const before = workerThreadsAlive();
    model = createWorkerPoolModel({ threads: 1 });
    const [first] = await settledAt(model, 1);
    model.setThreads(3);
    const three = await settledAt(model, 3);
    expect(three[0]).toBe(first);
    model.setThreads(2);
    const two = await settledAt(model, 2);
    expect(two).toEqual(three.slice(0, 2));
    model.setThreads(4);
    const four = await settledAt(model, 4);
    expect(four.slice(0, 2)).toEqual(two);
    await waitFor(() => workerThreadsAlive() === before + 4, { what: 'exactly four threads' });
    model.setThreads(1);
    expect(await settledAt(model, 1)).toEqual([first]);
    await waitFor(() => workerThreadsAlive() === before + 1, { what: 'the other threads to exit' });
  });

  it('applies only the last of a burst of changes', async () => {
    model = createWorkerPoolModel({ threads: 2 });
    const [t1, t2] = await settledAt(model, 2);
    for (const threads of [10, 64, 40, 1, 3]) model.setThreads(threads);
    const [s1, s2, s3] = await settledAt(model, 3);
    expect([s1, s2]).toEqual([t1, t2]);
    // Thread ids count every thread the process ever started: one more thread, and no other, was started.
    expect(s3).toBe(Math.max(t1 as number, t2 as number) + 1);
  });

  it('lets a removed thread finish its running task and moves its next task to a thread that stays', async () => {
    model = createWorkerPoolModel({ threads: 2 });
    const pool = model;
    const [t1, t2] = await settledAt(pool, 2);
    const runs = [1, 2, 3, 4].map(() => options());
    const outcomes: Promise<TaskOutcome>[] = [];
    // Tasks 1 and 2 start on t1 and t2; 3 and 4 wait behind them, handed to the threads already.
    for (const id of [1, 2, 3, 4]) {
      outcomes.push(
        pool.run(gate, { ...input(id), context: gates.context }, runs[id - 1] as ReturnType<typeof options>),
      );
    }
    await waitFor(() => running(pool).join() === '1,2', { what: 'tasks 1 and 2 running' });
    expect(runs.map((run) => run.starts.length)).toEqual([1, 1, 0, 0]);
    expect(pool.sampleThreads(250).queueSize).toBe(2);
    pool.setThreads(1);
    // t2 leaves service at once, but runs task 2 to its end: it is still listed (as t2, after the target).
    await waitFor(() => pool.activeThreads === 1, { what: 'the change applied' });
    expect(pool.sampleThreads(250).perThread.length).toBe(2);
    expect(pool.liveThreads).toBe(2);
    expect(running(pool)).toEqual([1, 2]);
    gates.open(2);
    expect(await outcomes[1]).toMatchObject({ status: 'done', threadId: t2 });
    await settledAt(pool, 1);
    gates.open(1);
    gates.open(3);
    gates.open(4);
    const rest = await Promise.all([outcomes[0], outcomes[2], outcomes[3]]);
    expect(rest.map((outcome) => outcome?.status === 'done' && outcome.threadId)).toEqual([t1, t1, t1]);
    expect(pool.inFlight).toBe(0);
  });

  it('gives a thread being removed back before its running task ends when the count goes up again', async () => {
    model = createWorkerPoolModel({ threads: 2 });
    const pool = model;
    const [, t2] = await settledAt(pool, 2);
    const runs = [options(), options()];
    const outcomes = [1, 2].map((id) =>
      pool.run(gate, { ...input(id), context: gates.context }, runs[id - 1] as ReturnType<typeof options>),
    );
    await waitFor(() => running(pool).join() === '1,2', { what: 'tasks 1 and 2 running' });
    pool.setThreads(1);
    await waitFor(() => pool.activeThreads === 1, { what: 't2 retiring' });
    expect(pool.liveThreads).toBe(2);
    pool.setThreads(2);
    // The same thread serves as t2 again: nothing was started for it.
    expect((await settledAt(pool, 2))[1]).toBe(t2);
    gates.openAll();
    await Promise.all(outcomes);
  });

  it('stops a thread that is still booting when the count goes down before it is up', async () => {
    const before = workerThreadsAlive();
    model = createWorkerPoolModel({ threads: 1 });
    await settledAt(model, 1);
    model.setThreads(4);
    await waitFor(() => (model?.liveThreads ?? 0) > 1, { everyMs: 1, what: 'a booting thread' });
    model.setThreads(1);
    await settledAt(model, 1);
    await waitFor(() => workerThreadsAlive() === before + 1, { what: 'the booting threads to exit' });
    const outcome = await model.run('cpu', input(1, { size: 1 }), options());
    expect(outcome.status).toBe('done');
  });

  it('terminates every thread it no longer needs after 8 → 2', async () => {
    const before = workerThreadsAlive();
    model = createWorkerPoolModel({ threads: 2 });
    await settledAt(model, 2);
    model.setThreads(8);
    await settledAt(model, 8);
    expect(workerThreadsAlive()).toBe(before + 8);
    model.setThreads(2);
    await settledAt(model, 2);
    await waitFor(() => workerThreadsAlive() === before + 2, { what: 'six threads to exit' });
  });
});
