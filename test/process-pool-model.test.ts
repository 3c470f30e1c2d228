import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExecutionModel, WaitingTask } from '../source/engine/models/execution-model.ts';
import { createProcessPoolModel, type ProcessPoolModel } from '../source/engine/models/process-pool-model.ts';
import type { TaskContext } from '../source/engine/types.ts';
import { processRuns } from './fixtures/process-alive.ts';
import { fixture, input, options, recordingCallbacks } from './helpers/model-tasks.ts';
import { waitFor } from './helpers/wait-for.ts';

const hold = fixture('process-hold-workload.ts');

const callbacks = recordingCallbacks;

/** A folder the hold workload watches: releasing task `id` creates the file `id` in it. */
class Holds {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'concur-hold-'));
  readonly context = { holdDir: this.dir } as unknown as TaskContext;
  release(id: number): void {
    writeFileSync(path.join(this.dir, String(id)), '');
  }
  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

const pidsOf = (model: ExecutionModel) => model.sampleThreads(1000).perThread.map((row) => row.pid ?? 0);

describe('the processes model through the ExecutionModel interface', () => {
  const models: ProcessPoolModel[] = [];
  const holds: Holds[] = [];

  afterEach(async () => {
    for (const held of holds) for (let id = 0; id < 64; id++) held.release(id);
    await Promise.all(models.splice(0).map((model) => model.close()));
    for (const held of holds.splice(0)) held.remove();
  });

  function pool(processes: number): ProcessPoolModel {
    const model = createProcessPoolModel({ processes });
    models.push(model);
    return model;
  }

  it('runs built-in and file workloads in child processes, reporting each start once before the outcome', async () => {
    const model = pool(2);
    const run = options();
    const done = await model.run('cpu', input(1, { size: 1 }), run);
    expect(done.status).toBe('done');
    const echoed = await model.run(fixture('echo-workload.ts'), input(2, { value: 5 }), options());
    expect(echoed).toMatchObject({ status: 'done', result: { id: 2, value: 5 } });
    // The task ran in a child: its thread id is a pid that is not this process.
    expect(run.starts).toHaveLength(1);
    const pid = run.starts[0]?.threadId as number;
    expect(pid).not.toBe(process.pid);
    expect(pidsOf(model)).toContain(pid);
    const failed = await model.run(fixture('throw-workload.ts'), input(3), options());
    expect(failed.status).toBe('failed');
    expect(model.inFlight).toBe(0);
  });

  it('hands back the tasks not sent at once and the one its process held once it is back, unsettled; the one running settles here', async () => {
    const model = pool(1);
    const late: WaitingTask[] = [];
    model.onTakenBack = (tasks) => late.push(...tasks);
    const held = new Holds();
    holds.push(held);
    const tasks = [1, 2, 3, 4].map(() => callbacks());
    tasks.forEach((task, index) => {
      model.submit(hold, { ...input(index + 1), context: held.context }, task);
    });
    await waitFor(() => tasks[0]?.starts.length === 1, { what: 'task 1 started' });
    // Task 2 waits in the process, behind task 1.
    expect(model.sampleThreads(1000).queueSize).toBe(2);
    expect(model.sampleThreads(1000).perThread[0]?.taskId).toBe(1);

    const withdrawn = model.withdrawWaiting();
    expect(withdrawn.map((task) => task.input.id)).toEqual([3, 4]);
    expect(withdrawn.map((task) => task.callbacks)).toEqual(tasks.slice(2));
    expect(model.inFlight).toBe(2);
    await waitFor(() => late.length === 1, { what: 'the held task back from its process' });
    expect(late.map((task) => [task.input.id, task.callbacks])).toEqual([[2, tasks[1]]]);
    expect(model.inFlight).toBe(1);
    expect(model.sampleThreads(1000).queueSize).toBe(0);

    held.release(1);
    await waitFor(() => tasks[0]?.outcomes.length === 1, { what: 'task 1 to finish' });
    expect(tasks[0]?.outcomes[0]).toMatchObject({ status: 'done', result: 1 });
    for (const task of tasks.slice(1)) {
      expect(task.starts).toEqual([]);
      expect(task.outcomes).toEqual([]);
    }
    expect(model.inFlight).toBe(0);
  });

  it('cancels queued tasks whose signal aborts, and never starts them', async () => {
    const model = pool(1);
    const held = new Holds();
    holds.push(held);
    const first = callbacks();
    model.submit(hold, { ...input(1), context: held.context }, first);
    const controller = new AbortController();
    const aborted = { ...callbacks(), signal: controller.signal };
    model.submit(hold, { ...input(2), context: held.context }, aborted);
    controller.abort();
    await waitFor(() => aborted.outcomes.length === 1, { what: 'the queued task to cancel' });
    expect(aborted.outcomes[0]?.status).toBe('cancelled');
    held.release(1);
    await waitFor(() => first.outcomes.length === 1, { what: 'task 1' });
    expect(aborted.starts).toEqual([]);
  });

  it('grows and shrinks one process at a time, keeping the processes that stay', async () => {
    const model = pool(2);
    await waitFor(() => pidsOf(model).filter((pid) => pid > 0).length === 2, { what: '2 processes up' });
    const before = pidsOf(model);
    model.setThreads(3);
    await waitFor(() => pidsOf(model).filter((pid) => pid > 0).length === 3, { what: '3 processes up' });
    expect(pidsOf(model).slice(0, 2)).toEqual(before);
    model.setThreads(1);
    await waitFor(() => model.liveProcesses === 1, { what: 'back to 1 process' });
    expect(pidsOf(model)).toEqual(before.slice(0, 1));
    const third = pidsOf(model);
    await waitFor(() => before.slice(1).every((pid) => !processRuns(pid)), { what: 'removed ones to exit' });
    expect((await model.run('cpu', input(1, { size: 1 }), options())).status).toBe('done');
    expect(pidsOf(model)).toEqual(third);
  });

  it('lists each process with its pid, start time, RSS, and a busy share measured by the process', async () => {
    const model = pool(2);
    const held = new Holds();
    holds.push(held);
    const task = callbacks();
    model.submit(hold, { ...input(1), context: held.context }, task);
    // A held task awaits, so its process keeps reporting: the start shows before the result.
    await waitFor(() => task.starts.length === 1, { what: 'the start reported by the process' });
    await waitFor(
      () => (model.sampleThreads(1000).perThread.find((row) => row.taskId === 1)?.busyShare ?? 0) > 0.5,
      {
        what: 'the busy share of the process that holds the task',
      },
    );
    await waitFor(() => model.sampleThreads(1000).perThread.every((row) => row.rssBytes !== undefined), {
      what: 'a usage report from every process',
    });
    const sample = model.sampleThreads(1000);
    expect(sample.threads).toBe(2);
    for (const row of sample.perThread) {
      expect(row.pid).toBeGreaterThan(0);
      expect(row.threadId).toBe(row.pid);
      expect(row.startMs).toBeGreaterThan(0);
      expect(row.rssBytes).toBeGreaterThan(1024 * 1024);
    }
    const idle = sample.perThread.find((row) => row.taskId === undefined);
    expect(idle?.busyShare).toBeLessThan(0.5);
    expect(task.starts[0]?.threadId).toBe(sample.perThread.find((row) => row.taskId === 1)?.pid);
  });

  it('leaves no child process once closed, even one computing a task that never yields', async () => {
    const model = createProcessPoolModel({ processes: 2, closeTimeoutMs: 50 });
    const spin = callbacks();
    model.submit(fixture('process-spin-workload.ts'), input(1), spin);
    await waitFor(
      () =>
        pidsOf(model).every((pid) => pid > 0) &&
        model.sampleThreads(1000).perThread.some((row) => row.taskId === 1),
      {
        what: 'the spinning task sent',
      },
    );
    const pids = pidsOf(model);
    await model.close();
    expect(pids.filter(processRuns)).toEqual([]);
    expect(spin.outcomes.map((outcome) => outcome.status)).toEqual(['failed']);
  });

  it('leaves no child process once closed, even with tasks running', async () => {
    const model = createProcessPoolModel({ processes: 2, closeTimeoutMs: 50 });
    const held = new Holds();
    holds.push(held);
    const tasks = [1, 2, 3].map(() => callbacks());
    tasks.forEach((task, index) => {
      model.submit(hold, { ...input(index + 1), context: held.context }, task);
    });
    await waitFor(() => tasks[0]?.starts.length === 1 && tasks[1]?.starts.length === 1, {
      what: 'both processes running a task',
    });
    // The third waits in one of them: it never started, and ends cancelled.
    expect(model.sampleThreads(1000).queueSize).toBe(0);
    const pids = pidsOf(model);
    await model.close();
    expect(pids.filter(processRuns)).toEqual([]);
    expect(model.liveProcesses).toBe(0);
    // The running ones failed with the pool, the queued one was cancelled: each settled once.
    expect(tasks.map((task) => task.outcomes.map((outcome) => outcome.status))).toEqual([
      ['failed'],
      ['failed'],
      ['cancelled'],
    ]);
  });
});
