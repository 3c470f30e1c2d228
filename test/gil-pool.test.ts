import { afterEach, describe, expect, it } from 'vitest';
import type { TaskOutcome } from '../source/engine/models/execution-model.ts';
import { gilHolder, gilSwitches, isGilOn } from '../source/engine/models/gil-lock.ts';
import { createWorkerPoolModel, type WorkerPoolModel } from '../source/engine/models/worker-pool-model.ts';
import type { TaskContext } from '../source/engine/types.ts';
import { fixture, input, options } from './helpers/model-tasks.ts';
import { waitFor } from './helpers/wait-for.ts';

function sharedCells(): { cells: Int32Array; context: TaskContext } {
  const buffer = new SharedArrayBuffer(16);
  return { cells: new Int32Array(buffer), context: { cells: buffer } as unknown as TaskContext };
}

/** Waits until every thread of the pool is up, so tasks spread over all of them. */
async function threadsUp(pool: WorkerPoolModel, threads: number): Promise<void> {
  await waitFor(
    () => {
      const perThread = pool.sampleThreads(250).perThread;
      return perThread.length === threads && perThread.every((thread) => thread.threadId !== 0);
    },
    { what: `${threads} threads up` },
  );
}

function doneResult(outcome: TaskOutcome): unknown {
  if (outcome.status !== 'done') throw new Error(`expected done, got ${JSON.stringify(outcome)}`);
  return outcome.result;
}

describe('the worker pool with the GIL on', () => {
  let model: WorkerPoolModel | undefined;

  afterEach(async () => {
    await model?.close();
    model = undefined;
  });

  it('lets one thread compute at a time, and several without it', async () => {
    for (const gil of [true, false]) {
      const pool = createWorkerPoolModel({ threads: 3, gil });
      model = pool;
      await threadsUp(pool, 3);
      const { cells, context } = sharedCells();
      const runs = Array.from({ length: 12 }, (_, id) =>
        pool.run(fixture('gil-probe-workload.ts'), { ...input(id, { spin: 10 }), context }, options()),
      );
      const results = (await Promise.all(runs)).map(doneResult);
      expect(results).toHaveLength(12);
      // Three threads spinning 10 ms each overlap without the lock, whatever else the machine runs.
      if (gil) expect(Atomics.load(cells, 1), 'tasks computing at once under the GIL').toBe(1);
      else expect(Atomics.load(cells, 1), 'tasks computing at once without the GIL').toBeGreaterThan(1);
      await pool.close();
    }
  });

  it('releases the lock while a thread blocks in Atomics.wait, so blocked threads overlap', async () => {
    const pool = createWorkerPoolModel({ threads: 3, gil: true });
    model = pool;
    await threadsUp(pool, 3);
    const { context } = sharedCells();
    // Each task blocks until all three block together: that needs every one of them to have let go of the lock.
    const runs = [1, 2, 3].map((id) =>
      pool.run(fixture('rendezvous-workload.ts'), { ...input(id, { need: 3 }), context }, options()),
    );
    expect((await Promise.all(runs)).map(doneResult)).toEqual([3, 3, 3]);
  });

  it('hands the lock over at a yield point to a thread that has waited a switch interval', async () => {
    const pool = createWorkerPoolModel({ threads: 2, gil: true });
    model = pool;
    await threadsUp(pool, 2);
    const long = options();
    const ended: string[] = [];
    // About half a second of computing in 1 ms chunks; the short task (no yield point) needs the lock once.
    const longRun = pool.run('cpu', input(1, { size: 300_000, chunk: 1 }), long).then((outcome) => {
      ended.push('long');
      return outcome;
    });
    await waitFor(
      () => long.starts.length === 1 || pool.sampleThreads(250).perThread.some((t) => t.taskId === 1),
      {
        everyMs: 2,
        what: 'the long task running',
      },
    );
    const switchesBefore = gilSwitches(pool.gil);
    const shortRun = pool.run('cpu', input(2, { size: 1000 }), options()).then((outcome) => {
      ended.push('short');
      return outcome;
    });
    await Promise.all([longRun, shortRun]);
    expect(ended).toEqual(['short', 'long']);
    expect(gilSwitches(pool.gil)).toBeGreaterThan(switchesBefore);
  });

  it('frees the lock of a thread that dies holding it, and the other threads go on', async () => {
    const pool = createWorkerPoolModel({ threads: 2, gil: true });
    model = pool;
    const exit = pool.run(fixture('exit-workload.ts'), input(1), options());
    const after = Array.from({ length: 4 }, (_, index) =>
      pool.run('cpu', input(index + 2, { size: 1000 }), options()),
    );
    expect((await exit).status).toBe('failed');
    for (const outcome of await Promise.all(after)) expect(outcome.status).toBe('done');
    await waitFor(() => gilHolder(pool.gil) === 0, { what: 'the lock free' });
  });

  it('switches on and off while tasks run, losing none', async () => {
    const pool = createWorkerPoolModel({ threads: 2 });
    model = pool;
    expect(isGilOn(pool.gil)).toBe(false);
    const runs = Array.from({ length: 24 }, (_, index) => {
      if (index % 6 === 0) pool.setGil(index % 12 === 0);
      return pool.run('cpu', input(index, { size: 1500, chunk: 1 }), options());
    });
    pool.setGil(true);
    for (const outcome of await Promise.all(runs)) expect(outcome.status).toBe('done');
    expect(isGilOn(pool.gil)).toBe(true);
    await waitFor(() => gilHolder(pool.gil) === 0, { what: 'the lock free once idle' });
  });
});
