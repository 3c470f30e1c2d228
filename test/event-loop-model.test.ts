import { afterEach, describe, expect, it } from 'vitest';
import { createEventLoopModel } from '../source/engine/models/event-loop-model.ts';
import type { ExecutionModel, RunOptions, TaskStart } from '../source/engine/models/execution-model.ts';
import type { TaskInput } from '../source/engine/types.ts';

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url).href;

function input(id: number, knobs: Record<string, number> = {}): TaskInput {
  return { id, knobs, context: {} };
}

function options(signal = new AbortController().signal): RunOptions & { starts: TaskStart[] } {
  const starts: TaskStart[] = [];
  return { signal, starts, onStart: (start) => starts.push(start) };
}

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

  it('starts each task from its own macrotask, so the loop gets a turn between tasks', async () => {
    model = createEventLoopModel();
    const order: string[] = [];
    const first = model.run('cpu', input(1, { size: 1 }), {
      ...options(),
      onStart: () => order.push('task 1'),
    });
    setImmediate(() => order.push('setImmediate'));
    const second = model.run('cpu', input(2, { size: 1 }), {
      ...options(),
      onStart: () => order.push('task 2'),
    });
    expect(order).toEqual([]);
    await Promise.all([first, second]);
    expect(order).toEqual(['task 1', 'setImmediate', 'task 2']);
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
});
