import { afterEach, describe, expect, it } from 'vitest';
import type { TaskOutcome } from '../source/engine/models/execution-model.ts';
import { createProcessPoolModel, type ProcessPoolModel } from '../source/engine/models/process-pool-model.ts';
import { processRuns } from './fixtures/process-alive.ts';
import { fixture, input, options } from './helpers/model-tasks.ts';
import { waitFor } from './helpers/wait-for.ts';

const pidsOf = (model: ProcessPoolModel) => model.sampleThreads(1000).perThread.map((row) => row.pid ?? 0);

describe('a task that kills its process', () => {
  const models: ProcessPoolModel[] = [];

  afterEach(async () => {
    await Promise.all(models.splice(0).map((model) => model.close()));
  });

  it.each([
    {
      how: 'process.exit(3)',
      file: 'exit-workload.ts',
      says: /^process \d+ exited with code 3 while running this task$/,
    },
    {
      how: 'process.abort()',
      file: 'process-abort-workload.ts',
      says: /^process \d+ was killed by SIGABRT while running this task$/,
    },
  ])(
    'fails alone with a clear message when it calls $how; the process is replaced and the run goes on',
    async ({ file, says }) => {
      const model = createProcessPoolModel({ processes: 2 });
      models.push(model);
      await waitFor(() => pidsOf(model).every((pid) => pid > 0), { what: 'both processes up' });
      const before = pidsOf(model);
      // Tasks in flight around the crash, on both processes and in the queue.
      const signal = new AbortController().signal;
      const around: Promise<TaskOutcome>[] = [];
      for (let id = 1; id <= 6; id++) around.push(model.run('cpu', input(id, { size: 1 }), options(signal)));
      const crash = model.run(fixture(file), input(100), options(signal));
      for (let id = 7; id <= 12; id++) around.push(model.run('cpu', input(id, { size: 1 }), options(signal)));

      const outcome = await crash;
      expect(outcome.status).toBe('failed');
      expect(outcome.status === 'failed' && outcome.error).toMatch(says);
      const others = await Promise.all(around);
      expect(others.map((other) => other.status)).toEqual(others.map(() => 'done'));

      // The dead process is gone and a new one took its place; the other process was untouched.
      const dead = before.find(
        (pid) => outcome.status === 'failed' && outcome.error.includes(`process ${pid} `),
      );
      expect(dead).toBeDefined();
      await waitFor(() => !processRuns(dead as number), { what: 'the crashed process to be gone' });
      await waitFor(() => pidsOf(model).every((pid) => pid > 0), { what: 'the replacement up' });
      const after = pidsOf(model);
      expect(after).toHaveLength(2);
      expect(after).not.toContain(dead);
      expect(after.filter((pid) => before.includes(pid))).toHaveLength(1);
      const later = await Promise.all(
        [1, 2, 3, 4].map((id) => model.run('cpu', input(200 + id, { size: 1 }), options())),
      );
      expect(later.map((task) => task.status)).toEqual(['done', 'done', 'done', 'done']);
      expect(model.inFlight).toBe(0);
    },
  );
});
