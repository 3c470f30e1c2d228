import { afterEach, describe, expect, it } from 'vitest';
import { createWorkerPoolModel, type WorkerPoolModel } from '../source/engine/models/worker-pool-model.ts';
import {
  type Done,
  expectDone,
  fixture,
  holdMainThread,
  input,
  mostAtOnce,
  options,
  runsATask,
} from './helpers/model-tasks.ts';
import { waitFor } from './helpers/wait-for.ts';

// A thread holds the task after the one it runs, so it starts it the moment the first ends, whatever the main
// thread is doing. Without it a thread finishing a task while the main thread drew a frame sat idle until the
// frame was done: with the pool on every core that was 2–3 % of the pool's throughput (BENCHMARKS.md).

const spin = fixture('spin-ms-workload.ts');

describe('a pool thread and its next task', () => {
  let model: WorkerPoolModel | undefined;

  afterEach(async () => {
    await model?.close();
    model = undefined;
  });

  it('starts its next task while the main thread is busy, and never two at once', async () => {
    model = createWorkerPoolModel({ threads: 1 });
    const pool = model;
    // A first task, so the thread has loaded the workload and is warm.
    await pool.run(spin, input(1, { ms: 1 }), options());
    const first = pool.run(spin, input(2, { ms: 40 }), options());
    const second = pool.run(spin, input(3, { ms: 40 }), options());
    await waitFor(() => runsATask(pool), { everyMs: 1, what: 'the first task running' });
    const held = holdMainThread(250);
    const [a, b] = [expectDone(await first), expectDone(await second)];
    expect(b.threadId).toBe(a.threadId);
    expect(b.startedAt).toBeGreaterThanOrEqual(a.endedAt);
    // It started during the hold: the thread did not wait for the main thread.
    expect(b.startedAt).toBeLessThan(held.to);
    expect(b.startedAt - a.endedAt).toBeLessThan(20);
  });

  it('holds a next task per thread with several tasks per thread too, running at most that many at once', async () => {
    model = createWorkerPoolModel({ threads: 1, tasksPerWorker: 2 });
    const pool = model;
    await pool.run(spin, input(1, { ms: 1 }), options());
    const first = options();
    const runs = [2, 3, 4].map((id) => pool.run(spin, input(id, { ms: 40 }), id === 2 ? first : options()));
    await waitFor(() => first.starts.length > 0, { everyMs: 1, what: 'the first task running' });
    const held = holdMainThread(250);
    const outcomes = (await Promise.all(runs)).map((outcome) => expectDone(outcome));
    const third = outcomes[2] as Done;
    expect(third.startedAt).toBeLessThan(held.to);
    // At no task's start were two others running.
    expect(mostAtOnce(outcomes)).toBeLessThanOrEqual(2);
  });

  it('runs the task it held on a fresh thread when the thread dies, without failing it', async () => {
    model = createWorkerPoolModel({ threads: 1 });
    const crashed = model.run(fixture('exit-workload.ts'), input(1), options());
    const held = model.run('cpu', input(2, { size: 1 }), options());
    expect(await crashed).toMatchObject({ status: 'failed', error: expect.stringMatching(/died/) });
    const next = expectDone(await held);
    expect(next.result).toBe(2941611589);
    const after = expectDone(await model.run('cpu', input(3, { size: 1 }), options()));
    expect(after.threadId).toBe(next.threadId);
  });
});
