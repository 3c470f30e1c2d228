import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../source/engine/engine.ts';
import { createEventLoopModel } from '../source/engine/models/event-loop-model.ts';
import type { ExecutionModel } from '../source/engine/models/execution-model.ts';
import { createProcessPoolModel, type ProcessPoolModel } from '../source/engine/models/process-pool-model.ts';
import { createWorkerPoolModel, type WorkerPoolModel } from '../source/engine/models/worker-pool-model.ts';
import type { ModelName, Workload } from '../source/engine/types.ts';
import { defaultLoadTimeoutMs, loadWorkload } from '../workloads/index.ts';
import { processRuns } from './fixtures/process-alive.ts';
import { fixture, input, options } from './helpers/model-tasks.ts';
import { waitFor } from './helpers/wait-for.ts';

const neverLoads = fixture('never-loading-workload.ts');
const loadTimeoutMs = 300;
/** What the dashboard's loader would have read from the file, had it loaded: the engine needs no more. */
const neverLoadingWorkload: Workload = {
  name: 'never-loaded',
  kind: 'io',
  description: 'Never finishes loading',
  knobs: [],
  run: (task) => task.id,
};
/**
 * Each test must end before the loader's default bound could have failed its tasks: so the bound the test gave
 * is the one every thread and process used.
 */
const underDefaultBound = defaultLoadTimeoutMs - 500;

/** The one line the loader rejects a file that never loads with, read from the loader itself. */
let boundLine = '';

beforeAll(async () => {
  boundLine = await loadWorkload(neverLoads, loadTimeoutMs).then(
    () => 'loaded',
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );
});

describe('the load bound', () => {
  it('is 10 s unless given, and rejects a file that never loads with one line naming it', () => {
    expect(defaultLoadTimeoutMs).toBe(10_000);
    expect(boundLine).toContain('never-loading-workload.ts');
    expect(boundLine).not.toContain('\n');
  });
});

describe.each([
  ['async', () => createEventLoopModel({ loadTimeoutMs })],
  ['workers', () => createWorkerPoolModel({ threads: 2, loadTimeoutMs, closeTimeoutMs: 50 })],
  ['processes', () => createProcessPoolModel({ processes: 2, loadTimeoutMs, closeTimeoutMs: 50 })],
] as const)('a file that never loads on the %s model', (name, create) => {
  let model: ExecutionModel | undefined;
  afterEach(async () => {
    await model?.close();
  });

  it(
    'fails its tasks after the bound, keeps running other tasks, and closes without leaving anything',
    async () => {
      model = create();
      const never = await Promise.all([1, 2, 3].map((id) => model?.run(neverLoads, input(id), options())));
      for (const outcome of never) expect(outcome).toMatchObject({ status: 'failed', error: boundLine });
      // Later tasks of the same file fail after the bound too; the others run.
      const [later, builtin] = await Promise.all([
        model.run(neverLoads, input(4), options()),
        model.run('cpu', input(5, { size: 1 }), options()),
      ]);
      expect(later).toMatchObject({ status: 'failed', error: boundLine });
      expect(builtin).toMatchObject({ status: 'done' });
      expect(model.inFlight).toBe(0);
      const pids = name === 'processes' ? (model as ProcessPoolModel).pids : [];
      const closedAt = performance.now();
      await model.close();
      expect(performance.now() - closedAt).toBeLessThan(5000);
      if (name === 'workers') expect((model as WorkerPoolModel).liveThreads).toBe(0);
      if (name === 'processes') {
        expect((model as ProcessPoolModel).liveProcesses).toBe(0);
        for (const pid of pids) expect(processRuns(pid)).toBe(false);
      }
    },
    underDefaultBound,
  );
});

describe.each(['async', 'workers', 'processes'] as const)('an engine on the %s model', (model: ModelName) => {
  let engine: Engine | undefined;
  afterEach(async () => {
    await engine?.stop();
    engine = undefined;
  });

  it(
    'fails the tasks of a file that never loads after loadTimeoutMs, and stops',
    async () => {
      engine = new Engine({
        workload: neverLoads,
        workloadFiles: [{ url: neverLoads, workload: neverLoadingWorkload }],
        model,
        threads: 2,
        concurrency: 4,
        loadTimeoutMs,
        sampleIntervalMs: 50,
        stopTimeoutMs: 200,
      });
      await engine.start();
      const running = engine;
      await waitFor(() => running.snapshotNow().tasks.counts.failed >= 4, {
        what: 'tasks failing after the load bound',
        timeoutMs: underDefaultBound,
      });
      const { tasks } = running.snapshotNow();
      expect(tasks.counts.done).toBe(0);
      const failure = tasks.recent.find((task) => task.state === 'failed');
      expect(failure?.error).toBe(boundLine);
    },
    underDefaultBound,
  );
});
