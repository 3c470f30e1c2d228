import type { Worker as ClusterWorkerHandle } from 'node:cluster';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FixedClusterPool } from 'poolifier';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  TaskCallbacks,
  TaskOutcome,
  TaskStart,
  WaitingTask,
} from '../source/engine/models/execution-model.ts';
import {
  isProcessReport,
  type ProcessPayload,
  type ProcessReport,
  type ProcessResult,
} from '../source/engine/models/process-messages.ts';
import { createProcessPoolModel, type ProcessPoolModel } from '../source/engine/models/process-pool-model.ts';
import { poolifierOptions, processEntryFile } from '../source/engine/models/process-slot.ts';
import type { TaskContext } from '../source/engine/types.ts';
import { fixture, input, recordingCallbacks } from './helpers/model-tasks.ts';
import { waitFor } from './helpers/wait-for.ts';

const hold = fixture('process-hold-workload.ts');

type Recorded = TaskCallbacks & { starts: TaskStart[]; outcomes: TaskOutcome[] };

const callbacks = recordingCallbacks;

describe('several tasks per process (--tasks-per-worker)', () => {
  const models: ProcessPoolModel[] = [];
  const pools: FixedClusterPool<ProcessPayload, ProcessResult>[] = [];
  let holdDir = '';
  let context = {} as TaskContext;
  const release = (id: number) => writeFileSync(path.join(holdDir, String(id)), '');

  beforeEach(() => {
    holdDir = mkdtempSync(path.join(tmpdir(), 'concur-hold-'));
    context = { holdDir } as unknown as TaskContext;
  });

  afterEach(async () => {
    for (let id = 0; id < 200; id++) release(id);
    await Promise.all([
      ...models.splice(0).map((model) => model.close()),
      ...pools.splice(0).map((pool) => pool.destroy()),
    ]);
    rmSync(holdDir, { recursive: true, force: true });
  });

  function submitHeld(model: ProcessPoolModel, ids: number[]): Recorded[] {
    return ids.map((id) => {
      const task = callbacks();
      model.submit(hold, { ...input(id), context }, task);
      return task;
    });
  }

  it('runs up to N tasks at once on one process; withdrawing hands back exactly the ones not started', async () => {
    const model = createProcessPoolModel({ processes: 1, tasksPerWorker: 3 });
    models.push(model);
    const late: WaitingTask[] = [];
    model.onTakenBack = (tasks) => late.push(...tasks);
    const tasks = submitHeld(model, [1, 2, 3, 4, 5]);
    // The first three run at the same time in the one process: each reports its start while all are held.
    await waitFor(() => tasks.slice(0, 3).every((task) => task.starts.length === 1), {
      timeoutMs: 10_000,
      what: 'three held tasks started on one process',
    });
    const pids = new Set(tasks.slice(0, 3).map((task) => task.starts[0]?.threadId));
    expect(pids.size).toBe(1);
    const sample = model.sampleThreads(1000);
    // Task 4 waits in the process; task 5 here.
    expect(sample.queueSize).toBe(1);
    expect(sample.perThread[0]?.taskId).toBe(1);

    const withdrawn = model.withdrawWaiting();
    expect(withdrawn.map((task) => task.input.id)).toEqual([5]);
    await waitFor(() => late.length === 1, { what: 'the held task back from its process' });
    expect(late.map((task) => task.input.id)).toEqual([4]);
    expect(model.inFlight).toBe(3);

    for (const id of [3, 1, 2]) release(id);
    await waitFor(() => model.inFlight === 0, { what: 'the three sent tasks to finish' });
    expect(tasks.slice(0, 3).map((task) => task.outcomes.map((outcome) => outcome.status))).toEqual([
      ['done'],
      ['done'],
      ['done'],
    ]);
    for (const task of tasks.slice(3)) expect(task.starts.length + task.outcomes.length).toBe(0);
  });

  it('spreads tasks over the processes and never puts more than N on one', async () => {
    const model = createProcessPoolModel({ processes: 2, tasksPerWorker: 2 });
    models.push(model);
    await waitFor(() => model.pids.every((pid) => pid > 0), { what: 'both processes up' });
    const tasks = submitHeld(model, [1, 2, 3, 4, 5]);
    await waitFor(() => tasks.slice(0, 4).every((task) => task.starts.length === 1), {
      timeoutMs: 10_000,
      what: 'four held tasks started',
    });
    const perPid = new Map<number, number>();
    for (const task of tasks.slice(0, 4)) {
      const pid = task.starts[0]?.threadId as number;
      perPid.set(pid, (perPid.get(pid) ?? 0) + 1);
    }
    expect([...perPid.values()]).toEqual([2, 2]);
    // The fifth waits in a process, behind its two.
    expect(model.sampleThreads(1000).queueSize).toBe(0);
    expect(tasks[4]?.starts).toEqual([]);
    release(1);
    await waitFor(() => tasks[4]?.starts.length === 1, {
      timeoutMs: 10_000,
      what: 'task 5 in the freed place',
    });
    expect(tasks[4]?.starts[0]?.threadId).toBe(tasks[0]?.starts[0]?.threadId);
  });

  it('a process that dies fails only the tasks it had out; the other process finishes its own', async () => {
    const model = createProcessPoolModel({ processes: 2, tasksPerWorker: 3 });
    models.push(model);
    await waitFor(() => model.pids.every((pid) => pid > 0), { what: 'both processes up' });
    const tasks = submitHeld(model, [1, 2, 3, 4]);
    await waitFor(() => tasks.every((task) => task.starts.length === 1), {
      timeoutMs: 10_000,
      what: 'four held tasks started',
    });
    const crash = callbacks();
    model.submit(fixture('exit-workload.ts'), input(100), crash);
    await waitFor(() => crash.outcomes.length === 1, { what: 'the crashing task to fail' });
    const error = crash.outcomes[0]?.status === 'failed' ? crash.outcomes[0].error : '';
    expect(error).toMatch(/^process \d+ exited with code 3 while running this task$/);
    const dead = Number(/process (\d+)/.exec(error)?.[1]);
    const onDead = tasks.filter((task) => task.starts[0]?.threadId === dead);
    const onOther = tasks.filter((task) => task.starts[0]?.threadId !== dead);
    expect(onDead).toHaveLength(2);
    for (const task of onDead)
      expect(task.outcomes).toEqual([expect.objectContaining({ status: 'failed', error })]);
    // The other process's tasks still run, untouched.
    for (const task of onOther) expect(task.outcomes).toEqual([]);
    for (let id = 1; id <= 4; id++) release(id);
    await waitFor(() => model.inFlight === 0, { what: 'the other tasks to finish' });
    for (const task of onOther) expect(task.outcomes.map((outcome) => outcome.status)).toEqual(['done']);
    const later = callbacks();
    model.submit('cpu', input(200, { size: 1 }), later);
    await waitFor(() => later.outcomes.length === 1, { what: 'a task after the crash' });
    expect(later.outcomes[0]?.status).toBe('done');
  });

  it('a process counts its busy time once however many tasks run, and reports each running task', async () => {
    const pool = new FixedClusterPool<ProcessPayload, ProcessResult>(1, processEntryFile, poolifierOptions());
    pools.push(pool);
    const worker = pool.workerNodes[0]?.worker as ClusterWorkerHandle;
    const reports: ProcessReport['processReport'][] = [];
    worker.on('message', (message: unknown) => {
      if (isProcessReport(message)) reports.push(message.processReport);
    });
    const results = [1, 2, 3].map((ticket) =>
      pool.execute({ workload: hold, input: { ...input(ticket), context }, ticket }),
    );
    await waitFor(() => reports.filter((report) => report.running?.length === 3).length >= 2, {
      timeoutMs: 10_000,
      what: 'two reports while all three run',
    });
    const [first, second] = reports.filter((report) => report.running?.length === 3);
    expect(first?.running?.map((running) => running.ticket).sort()).toEqual([1, 2, 3]);
    // Busy the whole time between the two reports, counted once: as much busy time as time passed.
    const passed = (second?.at ?? 0) - (first?.at ?? 0);
    expect(passed).toBeGreaterThan(0);
    expect((second?.busyMs ?? 0) - (first?.busyMs ?? 0)).toBeCloseTo(passed, 3);
    for (const ticket of [1, 2, 3]) release(ticket);
    const answers = await Promise.all(results);
    expect(answers.map((answer) => [answer.status, answer.ticket])).toEqual([
      ['done', 1],
      ['done', 2],
      ['done', 3],
    ]);
  });
});
