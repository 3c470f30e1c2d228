import { afterEach, describe, expect, it } from 'vitest';
import { createEventLoopModel } from '../source/engine/models/event-loop-model.ts';
import type { ExecutionModel, TaskOutcome } from '../source/engine/models/execution-model.ts';
import { createProcessPoolModel, type ProcessPoolModel } from '../source/engine/models/process-pool-model.ts';
import { boundText, replacedLine, timedOutLine } from '../source/engine/models/task-timeout.ts';
import { createWorkerPoolModel, type WorkerPoolModel } from '../source/engine/models/worker-pool-model.ts';
import type { AsyncGateContext } from './fixtures/async-gate-workload.ts';
import { processRuns } from './fixtures/process-alive.ts';
import { fixture, input, options, recordingCallbacks } from './helpers/model-tasks.ts';
import { waitFor } from './helpers/wait-for.ts';

const stuck = fixture('stuck-workload.ts');
const timeoutMs = 300;
const awaitForever = { stuck: 1 };
const blockForever = { stuck: 2 };
const answer = { stuck: 0 };

/** The thread id (or pid) each pool position shows, t1 … tN. */
const idsByLabel = (model: ExecutionModel) =>
  model.sampleThreads(1000).perThread.map((row) => row.pid ?? row.threadId);

describe('the lines a timeout fails tasks with', () => {
  it('say the bound in seconds, or in ms below one', () => {
    expect(timedOutLine(5000)).toBe('timed out after 5 s');
    expect(timedOutLine(1500)).toBe('timed out after 1.5 s');
    expect(timedOutLine(300)).toBe('timed out after 300 ms');
    expect(boundText(10_000)).toBe('10 s');
    expect(replacedLine('thread', 7)).toBe('its thread was replaced after task #7 timed out');
  });
});

describe('a task timeout on the event loop', () => {
  it('drops the outcome of a task that settles after it timed out: one outcome per task', async () => {
    const model = createEventLoopModel({ taskTimeoutMs: timeoutMs });
    const context: AsyncGateContext = {
      gates: new SharedArrayBuffer(16),
      started: new SharedArrayBuffer(16),
    };
    const gateInput = (id: number) => ({
      id,
      knobs: {},
      context: context as unknown as Record<string, unknown>,
    });
    const late = recordingCallbacks();
    model.submit(fixture('async-gate-workload.ts'), gateInput(1), late);
    await waitFor(() => late.outcomes.length === 1, { what: 'the timeout' });
    expect(late.outcomes[0]).toMatchObject({ status: 'failed', error: timedOutLine(timeoutMs) });
    const next = recordingCallbacks();
    model.submit(fixture('async-gate-workload.ts'), gateInput(2), next);
    await waitFor(() => Atomics.load(new Int32Array(context.started), 2) === 1);
    // Task 1's gate opens first, so its late answer arrives before task 2's.
    const gates = new Int32Array(context.gates);
    for (const id of [1, 2]) {
      Atomics.store(gates, id, 1);
      Atomics.notify(gates, id);
    }
    await waitFor(() => next.outcomes.length === 1, { what: 'task 2' });
    expect(next.outcomes[0]).toMatchObject({ status: 'done', result: 2 });
    expect(late.outcomes).toHaveLength(1);
    expect(model.inFlight).toBe(0);
    await model.close();
  });

  it('fails a task that never settles and frees its place', async () => {
    const model = createEventLoopModel({ taskTimeoutMs: timeoutMs });
    const hung = await model.run(stuck, input(1, awaitForever), options());
    expect(hung).toMatchObject({ status: 'failed', error: timedOutLine(timeoutMs), threadId: 0 });
    expect(hung.status === 'failed' && hung.endedAt - (hung.startedAt ?? 0) >= timeoutMs).toBe(true);
    expect(model.inFlight).toBe(0);
    const done = await model.run(stuck, input(2, answer), options());
    expect(done).toMatchObject({ status: 'done', result: 2 });
    await model.close();
  });

  it('never times out a task that settles in time, and is off when the bound is 0', async () => {
    const bounded = createEventLoopModel({ taskTimeoutMs: 60_000 });
    const outcomes = await Promise.all(
      Array.from({ length: 200 }, (_, id) => bounded.run(stuck, input(id, answer), options())),
    );
    expect(outcomes.every((outcome) => outcome.status === 'done')).toBe(true);
    const unbounded = createEventLoopModel({ taskTimeoutMs: 0 });
    const pending: TaskOutcome[] = [];
    void unbounded.run(stuck, input(1, awaitForever), options()).then((outcome) => pending.push(outcome));
    await waitFor(() => unbounded.inFlight === 1);
    expect(pending).toEqual([]);
    await Promise.all([bounded.close(), unbounded.close()]);
  });
});

describe('a task timeout on the worker pool', () => {
  const models: WorkerPoolModel[] = [];
  afterEach(async () => {
    await Promise.all(models.splice(0).map((model) => model.close()));
  });

  function pool(threads: number, tasksPerWorker = 1): WorkerPoolModel {
    const model = createWorkerPoolModel({
      threads,
      tasksPerWorker,
      taskTimeoutMs: timeoutMs,
      closeTimeoutMs: 50,
    });
    models.push(model);
    return model;
  }

  it.each([
    ['awaits forever', awaitForever],
    ['blocks its thread', blockForever],
  ])('fails a task that %s and replaces its thread in the same place', async (_, knobs) => {
    const model = pool(2);
    await waitFor(() => idsByLabel(model).every((id) => id > 0), { what: 'two threads up' });
    const before = idsByLabel(model);
    const run = options();
    const hung = await model.run(stuck, input(1, knobs), run);
    expect(hung).toMatchObject({ status: 'failed', error: timedOutLine(timeoutMs) });
    const oldThread = run.starts[0]?.threadId as number;
    const label = before.indexOf(oldThread);
    expect(label).toBeGreaterThanOrEqual(0);
    await waitFor(() => model.liveThreads === 2 && idsByLabel(model).every((id) => id > 0), {
      what: 'the old thread gone and its replacement up',
    });
    const after = idsByLabel(model);
    expect(after).toHaveLength(2);
    expect(after[label]).not.toBe(oldThread);
    expect(after[1 - label]).toBe(before[1 - label]);
    const done = await Promise.all(
      [1, 2, 3, 4].map((id) => model.run(stuck, input(10 + id, answer), options())),
    );
    expect(done.map((outcome) => outcome.status)).toEqual(['done', 'done', 'done', 'done']);
    expect(model.inFlight).toBe(0);
  });

  it('fails the other tasks its thread was running, saying why, never counting them done', async () => {
    const model = pool(1, 2);
    const outcomes = await Promise.all([
      model.run(stuck, input(1, awaitForever), options()),
      model.run(stuck, input(2, awaitForever), options()),
    ]);
    const errors = outcomes.map((outcome) => (outcome.status === 'failed' ? outcome.error : outcome.status));
    const timedOut = errors.indexOf(timedOutLine(timeoutMs));
    expect(timedOut).toBeGreaterThanOrEqual(0);
    expect(errors[1 - timedOut]).toBe(replacedLine('thread', timedOut + 1));
    await waitFor(() => model.liveThreads === 1 && model.activeThreads === 1);
    expect(await model.run(stuck, input(3, answer), options())).toMatchObject({ status: 'done' });
  });
});

describe('a task timeout on the process pool', () => {
  const models: ProcessPoolModel[] = [];
  const pids = new Set<number>();
  afterEach(async () => {
    await Promise.all(models.splice(0).map((model) => model.close()));
    for (const pid of pids) expect(processRuns(pid), `process ${pid} left behind`).toBe(false);
    pids.clear();
  });

  function pool(processes: number, tasksPerWorker = 1): ProcessPoolModel {
    const model = createProcessPoolModel({
      processes,
      tasksPerWorker,
      taskTimeoutMs: timeoutMs,
      closeTimeoutMs: 50,
    });
    models.push(model);
    return model;
  }

  it.each([
    ['awaits forever', awaitForever],
    ['blocks its process', blockForever],
  ])(
    'fails a task that %s and replaces its process in the same place',
    async (_, knobs) => {
      const model = pool(2);
      await waitFor(() => model.pids.every((pid) => pid > 0), {
        what: 'two processes up',
        timeoutMs: 20_000,
      });
      const before = model.pids;
      for (const pid of before) pids.add(pid);
      // Both processes have run the file once: a start a blocked process cannot report is then known to be its send.
      await Promise.all([
        model.run(stuck, input(5, answer), options()),
        model.run(stuck, input(7, answer), options()),
      ]);
      const run = options();
      const hung = await model.run(stuck, input(1, knobs), run);
      expect(hung).toMatchObject({ status: 'failed', error: timedOutLine(timeoutMs) });
      const oldPid = run.starts[0]?.threadId as number;
      const label = before.indexOf(oldPid);
      expect(label).toBeGreaterThanOrEqual(0);
      await waitFor(() => model.liveProcesses === 2 && model.pids.every((pid) => pid > 0), {
        what: 'the old process gone and its replacement up',
        timeoutMs: 20_000,
      });
      expect(processRuns(oldPid)).toBe(false);
      const after = model.pids;
      for (const pid of after) pids.add(pid);
      expect(after[label]).not.toBe(oldPid);
      expect(after[1 - label]).toBe(before[1 - label]);
      expect(idsByLabel(model)).toEqual(after);
      const done = await Promise.all(
        [1, 2, 3, 4].map((id) => model.run(stuck, input(10 + id, answer), options())),
      );
      expect(done.map((outcome) => outcome.status)).toEqual(['done', 'done', 'done', 'done']);
    },
    30_000,
  );

  it('fails the other tasks its process was running, saying why', async () => {
    const model = pool(1, 2);
    await waitFor(() => model.pids.every((pid) => pid > 0), { timeoutMs: 20_000 });
    for (const pid of model.pids) pids.add(pid);
    const outcomes = await Promise.all([
      model.run(stuck, input(1, awaitForever), options()),
      model.run(stuck, input(2, awaitForever), options()),
    ]);
    const errors = outcomes.map((outcome) => (outcome.status === 'failed' ? outcome.error : outcome.status));
    const timedOut = errors.indexOf(timedOutLine(timeoutMs));
    expect(timedOut).toBeGreaterThanOrEqual(0);
    expect(errors[1 - timedOut]).toBe(replacedLine('process', timedOut + 1));
    expect(await model.run(stuck, input(3, answer), options())).toMatchObject({ status: 'done' });
    for (const pid of model.pids) pids.add(pid);
  }, 30_000);
});
