import { afterEach, describe, expect, it } from 'vitest';
import type { TaskOutcome } from '../source/engine/models/execution-model.ts';
import { createProcessPoolModel, type ProcessPoolModel } from '../source/engine/models/process-pool-model.ts';
import { processRuns } from './fixtures/process-alive.ts';
import { input, options } from './helpers/model-tasks.ts';
import { waitFor } from './helpers/wait-for.ts';

const pidsOf = (model: ProcessPoolModel) => model.sampleThreads(1000).perThread.map((row) => row.pid ?? 0);

describe('a pool process stopped from outside (kill -STOP)', () => {
  const models: ProcessPoolModel[] = [];
  const stopped: number[] = [];

  afterEach(async () => {
    for (const pid of stopped.splice(0)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Gone already.
      }
    }
    await Promise.all(models.splice(0).map((model) => model.close()));
  });

  it('does not hold the quit: the pool closes within the second a quit is allowed, and no process is left', async () => {
    // As the engine closes it on a quit: half a second for what runs to finish (engine-options.ts, stopTimeoutMs).
    const model = createProcessPoolModel({ processes: 2, closeTimeoutMs: 500 });
    models.push(model);
    await waitFor(() => pidsOf(model).every((pid) => pid > 0), { what: 'both processes up' });
    const pids = pidsOf(model);
    // Tasks on both processes, and queued behind them.
    const signal = new AbortController().signal;
    const tasks: Promise<TaskOutcome>[] = [];
    const runs = [1, 2, 3, 4, 5, 6].map(() => options(signal));
    runs.forEach((run, index) => {
      tasks.push(model.run('cpu', input(index + 1, { size: 20_000 }), run));
    });
    await waitFor(() => runs.filter((run) => run.starts.length > 0).length >= 2, {
      what: 'a task on each process',
    });
    const pid = pids[0] as number;
    process.kill(pid, 'SIGSTOP');
    stopped.push(pid);

    const begun = performance.now();
    await model.close();
    const tookMs = performance.now() - begun;
    // Half a second for the running tasks to finish, then the processes are ended: the stopped one too, at once
    // (not after another half second, killed).
    expect(tookMs).toBeLessThan(1000);
    for (const each of pids) expect(processRuns(each)).toBe(false);
    // Every task settles: the one on the stopped process dies with it, the queued ones are cancelled.
    const outcomes = await Promise.all(tasks);
    expect(outcomes.filter((outcome) => outcome.status === 'failed').length).toBeGreaterThanOrEqual(1);
    expect(outcomes.filter((outcome) => outcome.status === 'cancelled').length).toBeGreaterThanOrEqual(1);
  });
});
