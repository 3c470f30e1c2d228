import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { WaitingTask } from '../source/engine/models/execution-model.ts';
import { createProcessPoolModel, type ProcessPoolModel } from '../source/engine/models/process-pool-model.ts';
import type { TaskContext } from '../source/engine/types.ts';
import {
  type Done,
  expectDone,
  fixture,
  holdMainThread,
  input,
  mostAtOnce,
  options,
  recordingCallbacks,
} from './helpers/model-tasks.ts';
import { waitFor } from './helpers/wait-for.ts';

// A pool process holds the task after the ones it runs, so it starts it the moment one ends, whatever the main
// process is doing. Without it a process finishing a task while the main thread drew a frame sat idle until
// the frame was done and the main thread sent the next (BENCHMARKS.md).

const spin = fixture('spin-ms-workload.ts');
const hold = fixture('process-hold-workload.ts');

type Recorded = ReturnType<typeof recordingCallbacks>;

describe('a pool process and its next task', () => {
  let model: ProcessPoolModel | undefined;

  afterEach(async () => {
    await model?.close();
    model = undefined;
  });

  it('starts its next task while the main thread is busy, and never two at once', async () => {
    model = createProcessPoolModel({ processes: 1 });
    const pool = model;
    // A first task, so the process has loaded the workload file and is warm.
    await pool.run(spin, input(1, { ms: 1 }), options());
    const first = pool.run(spin, input(2, { ms: 40 }), options());
    const second = pool.run(spin, input(3, { ms: 40 }), options());
    // Both went to the process: the second waits there, not in the model's queue.
    expect(pool.sampleThreads(1000).queueSize).toBe(0);
    const held = holdMainThread(250);
    const [a, b] = [expectDone(await first), expectDone(await second)];
    expect(b.threadId).toBe(a.threadId);
    expect(b.startedAt).toBeGreaterThanOrEqual(a.endedAt);
    // It started during the hold: the process did not wait for the main thread.
    expect(b.startedAt).toBeLessThan(held.to);
    // The main thread stays held about 200 ms after the first task ends, so a start within 100 ms of it did not
    // wait for the main thread; a loaded machine delays a process's wake-up by tens of ms (29 ms seen in CI).
    expect(b.startedAt - a.endedAt).toBeLessThan(100);
  });

  it('holds a next task with several tasks per process too, running at most that many at once', async () => {
    model = createProcessPoolModel({ processes: 1, tasksPerWorker: 2 });
    const pool = model;
    await pool.run(spin, input(1, { ms: 1 }), options());
    const runs = [2, 3, 4].map((id) => pool.run(spin, input(id, { ms: 40 }), options()));
    const held = holdMainThread(250);
    const outcomes = (await Promise.all(runs)).map((outcome) => expectDone(outcome));
    const third = outcomes[2] as Done;
    expect(third.startedAt).toBeLessThan(held.to);
    // At no task's start were two others running.
    expect(mostAtOnce(outcomes)).toBeLessThanOrEqual(2);
  });

  it('gives back a held task withdrawn while its process computes, and never runs it', async () => {
    model = createProcessPoolModel({ processes: 1 });
    const pool = model;
    const late: WaitingTask[] = [];
    pool.onTakenBack = (tasks) => late.push(...tasks);
    await pool.run(spin, input(1, { ms: 1 }), options());
    const running = options();
    const first = pool.run(spin, input(2, { ms: 150 }), running);
    const second = recordingCallbacks();
    pool.submit(spin, input(3, { ms: 40 }), second);
    await waitFor(() => running.starts.length === 1, { what: 'the first task sent' });
    // The process reads the cancel only once the task it computes ends: the cancel still wins.
    expect(pool.withdrawWaiting()).toEqual([]);
    expect(pool.inFlight).toBe(2);
    expectDone(await first);
    await waitFor(() => late.length === 1, { what: 'the held task back' });
    expect(late.map((task) => [task.input.id, task.callbacks])).toEqual([[3, second]]);
    // Handed back unsettled and never started.
    expect(second.starts).toEqual([]);
    expect(second.outcomes).toEqual([]);
    expect(pool.inFlight).toBe(0);
  });

  it('moves a held task to a process left idle while its own still runs an awaiting task', async () => {
    model = createProcessPoolModel({ processes: 2 });
    const pool = model;
    const holds = mkdtempSync(path.join(tmpdir(), 'concur-hold-'));
    const context = { holdDir: holds } as unknown as TaskContext;
    try {
      await waitFor(() => pool.pids.every((pid) => pid > 0), { what: 'both processes up' });
      const tasks = [1, 2, 3].map((id) => {
        const task = recordingCallbacks();
        pool.submit(hold, { ...input(id), context }, task);
        return task;
      });
      const [first, second, third] = tasks as [Recorded, Recorded, Recorded];
      await waitFor(() => first.starts.length === 1 && second.starts.length === 1, {
        what: 'two tasks running',
      });
      // The third waits in the first process, behind the first task.
      expect(third.starts).toEqual([]);
      expect(pool.sampleThreads(1000).queueSize).toBe(0);
      writeFileSync(path.join(holds, '2'), '');
      await waitFor(() => third.starts.length === 1, { what: 'the held task to start' });
      // It went where the second had finished, not behind the first, which still runs.
      expect(third.starts[0]?.threadId).toBe(second.starts[0]?.threadId);
      expect(first.outcomes).toEqual([]);
      writeFileSync(path.join(holds, '1'), '');
      writeFileSync(path.join(holds, '3'), '');
      await waitFor(() => pool.inFlight === 0, { what: 'every task to end' });
      expect(tasks.map((task) => task.outcomes.map((outcome) => outcome.status))).toEqual([
        ['done'],
        ['done'],
        ['done'],
      ]);
    } finally {
      rmSync(holds, { recursive: true, force: true });
    }
  });

  it('runs the task it held on the replacement when the process dies, without failing it', async () => {
    model = createProcessPoolModel({ processes: 1 });
    const pool = model;
    // A first task that runs long enough for the process to hold the next (holdFromMs).
    await pool.run(spin, input(1, { ms: 1 }), options());
    const crashed = pool.run(fixture('exit-workload.ts'), input(2), options());
    const held = options();
    const next = pool.run('cpu', input(3, { size: 1 }), held);
    expect(pool.sampleThreads(1000).queueSize).toBe(0);
    expect(await crashed).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/exited with code 3/),
    });
    const done = expectDone(await next);
    expect(done.result).toBe(2941611589);
    expect(held.starts).toHaveLength(1);
    expect(pool.pids).toEqual([done.threadId]);
  });
});
