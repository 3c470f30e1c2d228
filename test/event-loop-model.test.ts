import { afterEach, describe, expect, it } from 'vitest';
import { createEventLoopModel } from '../source/engine/models/event-loop-model.ts';
import type { ExecutionModel, TaskOutcome } from '../source/engine/models/execution-model.ts';
import { fixture, input, options } from './helpers/model-tasks.ts';

describe('the event loop model', () => {
  let model: ExecutionModel;

  afterEach(async () => {
    await model.close();
  });

  it('runs a task on the main thread and reports its result and timing', async () => {
    model = createEventLoopModel();
    const run = options();
    const outcome = await model.run('cpu', input(1, { size: 1 }), run);
    expect(outcome).toMatchObject({ status: 'done', result: 2941611589, threadId: 0 });
    expect(run.starts).toHaveLength(1);
    expect(run.starts[0]?.threadId).toBe(0);
    if (outcome.status !== 'done') throw new Error('not done');
    expect(outcome.startedAt).toBe(run.starts[0]?.startedAt);
    expect(outcome.endedAt).toBeGreaterThanOrEqual(outcome.startedAt);
  });

  it('starts tasks from a macrotask, never synchronously from run()', async () => {
    model = createEventLoopModel();
    const order: string[] = [];
    const first = model.run('cpu', input(1, { size: 1 }), {
      ...options(),
      onStart: () => order.push('task 1'),
    });
    expect(order).toEqual([]);
    await first;
    expect(order).toEqual(['task 1']);
  });

  it('lets timers run between tasks that outlast the turn budget', async () => {
    model = createEventLoopModel({ turnBudgetMs: 1 });
    const order: string[] = [];
    // Each cpu task of size 2000 takes a few ms, far more than the 1 ms budget.
    const tasks = [1, 2, 3].map((id) =>
      model?.run('cpu', input(id, { size: 2000 }), { ...options(), onStart: () => order.push(`task ${id}`) }),
    );
    const timer = setInterval(() => order.push('timer'), 0);
    await Promise.all(tasks);
    clearInterval(timer);
    const firstTask = order.indexOf('task 1');
    const between = (a: string, b: string) => order.slice(order.indexOf(a) + 1, order.indexOf(b));
    expect(firstTask).toBeGreaterThanOrEqual(0);
    expect(between('task 1', 'task 2')).toContain('timer');
    expect(between('task 2', 'task 3')).toContain('timer');
  });

  it('starts many short tasks in one turn', async () => {
    model = createEventLoopModel({ turnBudgetMs: 50 });
    const order: string[] = [];
    const tasks = [1, 2, 3].map((id) =>
      model?.run('io-timer', input(id, { latency: 1 }), {
        ...options(),
        onStart: () => order.push(`task ${id}`),
      }),
    );
    setImmediate(() => order.push('next immediate'));
    await Promise.all(tasks);
    expect(order.slice(0, 4)).toEqual(['task 1', 'task 2', 'task 3', 'next immediate']);
  });

  it('records a throwing task as failed with its message', async () => {
    model = createEventLoopModel();
    const outcome = await model.run(fixture('throw-workload.ts'), input(1), options());
    expect(outcome).toMatchObject({ status: 'failed', error: 'boom from throw-workload', threadId: 0 });
  });

  it('records a rejecting task as failed with its message', async () => {
    model = createEventLoopModel();
    const outcome = await model.run('io-http', input(1, { latency: 1 }), options());
    expect(outcome).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('needs the loopback HTTP server'),
    });
  });

  it('fails a task whose workload cannot be found', async () => {
    model = createEventLoopModel();
    const outcome = await model.run('nope', input(1), options());
    expect(outcome).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('unknown workload "nope"'),
    });
  });

  it('cancels a task aborted before it started, without starting it', async () => {
    model = createEventLoopModel();
    const controller = new AbortController();
    const run = options(controller.signal);
    const pending = model.run('cpu', input(1, { size: 1 }), run);
    controller.abort();
    await expect(pending).resolves.toMatchObject({ status: 'cancelled' });
    await expect(model.run('cpu', input(2), run)).resolves.toMatchObject({ status: 'cancelled' });
    expect(run.starts).toEqual([]);
    expect(model.inFlight).toBe(0);
  });

  it('counts tasks in flight until they settle', async () => {
    model = createEventLoopModel();
    const pending = [
      model.run('io-timer', input(1, { latency: 5 }), options()),
      model.run('cpu', input(2, { size: 1 }), options()),
    ];
    expect(model.inFlight).toBe(2);
    expect(model.sampleThreads(250).queueSize).toBe(2);
    await Promise.all(pending);
    expect(model.inFlight).toBe(0);
  });

  it('reports no pool: the main thread load is event-loop utilization, measured by the engine', () => {
    model = createEventLoopModel();
    expect(model.sampleThreads(250)).toEqual({
      active: false,
      threads: 0,
      busyThreads: 0,
      utilization: 0,
      queueSize: 0,
      perThread: [],
    });
  });

  it('on close, lets running tasks finish and cancels those not started', async () => {
    model = createEventLoopModel();
    const running = model.run('io-timer', input(1, { latency: 30 }), options());
    await new Promise((resolve) => setImmediate(resolve));
    const waiting = model.run('io-timer', input(2, { latency: 30 }), options());
    await model.close();
    await expect(running).resolves.toMatchObject({ status: 'done', result: 30 });
    await expect(waiting).resolves.toMatchObject({ status: 'cancelled' });
    await expect(model.run('cpu', input(3), options())).resolves.toMatchObject({ status: 'cancelled' });
  });

  it('on close, cancels every task not started before it returns, however short its bound', async () => {
    model = createEventLoopModel({ closeTimeoutMs: 0 });
    const waiting = Array.from({ length: 10_000 }, (_, index) =>
      model.run('io-timer', input(index + 1, { latency: 1000 }), options()),
    );
    await model.close();
    expect(model.inFlight).toBe(0);
    const settled = await Promise.race([
      Promise.all(waiting),
      new Promise((resolve) => setImmediate(resolve)),
    ]);
    expect(settled).toHaveLength(10_000);
    expect((settled as { status: string }[]).every((outcome) => outcome.status === 'cancelled')).toBe(true);
  });

  it('hands back waiting tasks under the specifier they came with, even while their file loads', async () => {
    model = createEventLoopModel();
    const url = fixture('echo-workload.ts');
    const starts: number[] = [];
    const callbacks = (id: number) => ({
      ...options(),
      onStart: () => starts.push(id),
      onSettled: () => {},
    });
    model.submit('cpu', input(1, { size: 1 }), callbacks(1));
    model.submit(url, input(2), callbacks(2));
    const withdrawn = model.withdrawWaiting();
    expect(withdrawn.map((task) => [task.workload, task.input.id])).toEqual([
      ['cpu', 1],
      [url, 2],
    ]);
    expect(model.inFlight).toBe(0);
    expect(model.sampleThreads(250).queueSize).toBe(0);
    // Nothing withdrawn starts here once the file has loaded.
    await model.run(url, input(3), options());
    expect(starts).toEqual([]);
  });

  it('fails the tasks of a file that cannot load, and loads it afresh for later tasks', async () => {
    model = createEventLoopModel();
    const outcome = await model.run(fixture('bad-workload.ts'), input(1), options());
    expect(outcome).toMatchObject({ status: 'failed', error: expect.stringContaining('is not a workload') });
    const again = await model.run(fixture('bad-workload.ts'), input(2), options());
    expect(again).toMatchObject({ status: 'failed' });
    expect(model.inFlight).toBe(0);
  });

  it('settles a task once, with its first value, when its thenable calls back synchronously and again', async () => {
    model = createEventLoopModel();
    const settled: unknown[] = [];
    const outcome = await model.run(fixture('unruly-thenable-workload.ts'), input(7), {
      ...options(),
      onStart: () => settled.push('started'),
    });
    expect(outcome).toMatchObject({ status: 'done', result: 7 });
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toEqual(['started']);
    expect(model.inFlight).toBe(0);
  });

  it('settles each awaiting task with its own value and start when their promises settle out of order', async () => {
    model = createEventLoopModel();
    const runs: { latency: number; run: ReturnType<typeof options>; outcome: Promise<TaskOutcome> }[] = [];
    // Waves of waits, longest first, each started once the shortest of the wave before has ended: the later
    // tasks take the slots that tasks ended out of order have freed, while the others still hold theirs.
    for (let wave = 0; wave < 3; wave++) {
      for (let index = 0; index < 40; index++) {
        const latency = 2 * (40 - index);
        const run = options();
        runs.push({ latency, run, outcome: model.run('io-timer', input(runs.length, { latency }), run) });
      }
      await runs.at(-1)?.outcome;
    }
    for (const { latency, run, outcome } of runs) {
      const settled = await outcome;
      expect(settled).toMatchObject({ status: 'done', result: latency, threadId: 0 });
      if (settled.status !== 'done') throw new Error('not done');
      expect(settled.startedAt).toBe(run.starts[0]?.startedAt);
    }
    expect(model.inFlight).toBe(0);
  });
});
