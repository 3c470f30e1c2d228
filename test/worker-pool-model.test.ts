import { afterEach, describe, expect, it } from 'vitest';
import { now } from '../source/engine/clock.ts';
import { createWorkerPoolModel, type WorkerPoolModel } from '../source/engine/models/worker-pool-model.ts';
import { expectDone, fixture, input, options, runsATask } from './helpers/model-tasks.ts';
import { TaskGates } from './helpers/task-gates.ts';
import { waitFor } from './helpers/wait-for.ts';

/** Worker threads alive in this process, as the diagnostic report lists them. */
function workerThreadsAlive(): number {
  return (process.report.getReport() as { workers: unknown[] }).workers.length;
}

describe('the worker pool model', () => {
  let model: WorkerPoolModel | undefined;

  afterEach(async () => {
    await model?.close();
    model = undefined;
  });

  it('runs tasks on worker threads and times them there', async () => {
    model = createWorkerPoolModel({ threads: 2 });
    const run = options();
    const outcome = expectDone(await model.run('cpu', input(1, { size: 1 }), run));
    expect(outcome.result).toBe(2941611589);
    expect(outcome.threadId).not.toBe(0);
    expect(run.starts).toEqual([{ startedAt: outcome.startedAt, threadId: outcome.threadId }]);
    expect(outcome.endedAt).toBeGreaterThanOrEqual(outcome.startedAt);
    expect(outcome.startedAt).toBeLessThanOrEqual(now());
  });

  it('runs workload files given as file: URLs', async () => {
    model = createWorkerPoolModel({ threads: 1 });
    const outcome = await model.run(fixture('echo-workload.ts'), input(4, { value: 9 }), options());
    expect(outcome).toMatchObject({ status: 'done', result: { id: 4, value: 9 } });
  });

  it('learns from the thread board that a task is running, before it settles', async () => {
    model = createWorkerPoolModel({ threads: 1 });
    const pool = model;
    const run = options();
    let settled = false;
    const pending = pool.run('blocking', input(7, { latency: 400 }), run).then((outcome) => {
      settled = true;
      return outcome;
    });
    await waitFor(() => runsATask(pool), { everyMs: 5, what: 'a running task' });
    expect(settled).toBe(false);
    expect(run.starts).toHaveLength(1);
    const sample = pool.sampleThreads(250);
    expect(sample).toMatchObject({ active: true, threads: 1, queueSize: 0 });
    expect(sample.perThread).toEqual([
      { threadId: run.starts[0]?.threadId, label: 1, busyShare: expect.any(Number), taskId: 7 },
    ]);
    const outcome = expectDone(await pending);
    expect(outcome.startedAt).toBe(run.starts[0]?.startedAt);
    expect(run.starts).toHaveLength(1);
  });

  it('measures utilization over the window from task run times', async () => {
    model = createWorkerPoolModel({ threads: 1 });
    await model.run('cpu', input(1, { size: 1 }), options());
    const from = now();
    model.sampleThreads(1);
    await Promise.all([2, 3, 4].map((id) => model?.run('blocking', input(id, { latency: 60 }), options())));
    const sample = model.sampleThreads(now() - from);
    expect(sample.utilization).toBeGreaterThan(0.75);
    expect(sample.utilization).toBeLessThanOrEqual(1);
    expect(sample.perThread[0]?.busyShare).toBeCloseTo(sample.utilization);
  });

  it('records a throwing task as failed with its message and where it ran', async () => {
    model = createWorkerPoolModel({ threads: 1 });
    const outcome = await model.run(fixture('throw-workload.ts'), input(1), options());
    expect(outcome).toMatchObject({
      status: 'failed',
      error: 'boom from throw-workload',
      startedAt: expect.any(Number),
      threadId: expect.any(Number),
    });
  });

  it('fails a task whose workload cannot be found', async () => {
    model = createWorkerPoolModel({ threads: 1 });
    const outcome = await model.run('nope', input(1), options());
    expect(outcome).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('unknown workload "nope"'),
    });
  });

  it('replaces a thread that exits mid-task, fails that task and runs the next', async () => {
    model = createWorkerPoolModel({ threads: 1 });
    const crashed = await model.run(fixture('exit-workload.ts'), input(1), options());
    expect(crashed).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/^worker thread \d+ died: .*code: 3/),
    });
    const next = expectDone(await model.run('cpu', input(2, { size: 1 }), options()));
    expect(next.result).toBe(2941611589);
    if (crashed.status === 'failed') expect(next.threadId).not.toBe(crashed.threadId);
    expect(model.liveThreads).toBe(1);
  });

  it('never says a task died when it finished and the task behind it ended the thread before its result was read', async () => {
    // The main thread is busy while the gated task finishes and the exit task behind it ends the thread, so it
    // finds both the finished task's message and the thread's exit waiting, and may hear of the exit first.
    const results = { done: 0, lost: 0 };
    for (let round = 0; round < 6; round++) {
      model = createWorkerPoolModel({ threads: 1 });
      const gates = new TaskGates();
      const finished = model.run(
        fixture('thread-gate-workload.ts'),
        { ...input(1), context: gates.context },
        options(),
      );
      const exits = model.run(fixture('exit-workload.ts'), input(2), options());
      await waitFor(() => model?.sampleThreads(250).perThread[0]?.taskId === 1, {
        what: 'the gated task to run',
      });
      gates.open(1);
      const until = performance.now() + 150;
      while (performance.now() < until) {
        // The main thread busy, as when it draws a frame.
      }
      const [outcome, crashed] = await Promise.all([finished, exits]);
      expect(crashed).toMatchObject({
        status: 'failed',
        error: expect.stringMatching(/^worker thread \d+ died/),
      });
      if (outcome.status === 'done') {
        expect(outcome.result).toBe(1);
        results.done++;
      } else {
        expect(outcome).toMatchObject({
          status: 'failed',
          error: expect.stringMatching(
            /^finished on worker thread \d+, but the thread died before its result reached the main thread: .*code: 3/,
          ),
        });
        results.lost++;
      }
      await model.close();
    }
    expect(results.done + results.lost).toBe(6);
  });

  it('replaces a thread killed by an uncaught error, fails that task and runs the next', async () => {
    model = createWorkerPoolModel({ threads: 1 });
    const crashed = await model.run(fixture('uncaught-workload.ts'), input(1), options());
    expect(crashed).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/^worker thread \d+ died: uncaught boom from uncaught-workload/),
    });
    await expect(model.run('cpu', input(2, { size: 1 }), options())).resolves.toMatchObject({
      status: 'done',
    });
    await waitFor(() => model?.sampleThreads(250).perThread.length === 1, { what: 'the replacement thread' });
  });

  it('cancels the tasks not started on abort, in its queue and inside Piscina, and lets the running one finish', async () => {
    model = createWorkerPoolModel({ threads: 1 });
    const pool = model;
    const controller = new AbortController();
    const queued = options(controller.signal);
    const running = pool.run('blocking', input(1, { latency: 100 }), options(controller.signal));
    await waitFor(() => runsATask(pool), { everyMs: 5, what: 'a running task' });
    // Task 2 waits inside Piscina (one per thread does), tasks 3 and 4 in the model's own queue.
    const waiting = [2, 3, 4].map((id) => pool.run('cpu', input(id, { size: 1 }), queued));
    expect(pool.sampleThreads(250).queueSize).toBe(3);
    controller.abort();
    await expect(Promise.all(waiting)).resolves.toMatchObject([
      { status: 'cancelled' },
      { status: 'cancelled' },
      { status: 'cancelled' },
    ]);
    expect(queued.starts).toEqual([]);
    expect(pool.inFlight).toBe(1);
    await expect(running).resolves.toMatchObject({ status: 'done', result: 100 });
    expect(pool.inFlight).toBe(0);
    await expect(pool.run('cpu', input(5), queued)).resolves.toMatchObject({ status: 'cancelled' });
    const next = await pool.run('cpu', input(6, { size: 1 }), options());
    expect(next).toMatchObject({ status: 'done' });
    expect(pool.sampleThreads(250).queueSize).toBe(0);
  });

  it('on close, cancels queued tasks, waits for running ones and leaves no thread behind', async () => {
    const threadsBefore = workerThreadsAlive();
    const pool = createWorkerPoolModel({ threads: 1 });
    const running = pool.run('blocking', input(1, { latency: 100 }), options());
    const queued = pool.run('cpu', input(2, { size: 1 }), options());
    await waitFor(() => runsATask(pool), { everyMs: 5, what: 'a running task' });
    expect(workerThreadsAlive()).toBe(threadsBefore + 1);
    await pool.close();
    await expect(running).resolves.toMatchObject({ status: 'done' });
    await expect(queued).resolves.toMatchObject({ status: 'cancelled' });
    expect(pool.liveThreads).toBe(0);
    expect(workerThreadsAlive()).toBe(threadsBefore);
    await expect(pool.run('cpu', input(3), options())).resolves.toMatchObject({ status: 'cancelled' });
  });

  it('on close, terminates a task that outlives the bound', async () => {
    const threadsBefore = workerThreadsAlive();
    const pool = createWorkerPoolModel({ threads: 1, closeTimeoutMs: 50 });
    const running = pool.run('blocking', input(1, { latency: 10_000 }), options());
    await waitFor(() => runsATask(pool), { everyMs: 5, what: 'a running task' });
    const started = performance.now();
    await pool.close();
    expect(performance.now() - started).toBeLessThan(2000);
    await expect(running).resolves.toMatchObject({
      status: 'failed',
      error: expect.stringContaining('pool closed'),
    });
    expect(workerThreadsAlive()).toBe(threadsBefore);
  });
});
