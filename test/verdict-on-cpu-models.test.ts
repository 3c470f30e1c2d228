import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine, type EngineOptions } from '../source/engine/engine.ts';
import { threadCpuMs } from '../source/engine/task-cpu-clock.ts';
import type { ModelName } from '../source/engine/types.ts';
import { addOnCpuTask, noOnCpuSums, onCpuShareOfSums } from '../source/engine/verdict-on-cpu.ts';
import spinMsWorkload from './fixtures/spin-ms-workload.ts';
import { waitFor } from './helpers/wait-for.ts';

const hasClock = !Number.isNaN(threadCpuMs());
const spinUrl = pathToFileURL(`${import.meta.dirname}/fixtures/spin-ms-workload.ts`).href;

const engines: Engine[] = [];
afterEach(async () => {
  await Promise.all(engines.splice(0).map((engine) => engine.stop()));
});

/** Runs a workload until its measured tasks have run `runMs` in all; their sums and the scoreboard row's share. */
async function measuredShare(model: ModelName, options: Partial<EngineOptions>, runMs = 1000) {
  const sums = noOnCpuSums();
  let done = 0;
  const engine = new Engine({
    model,
    // One thread and two tasks in flight: the pool's thread never waits for work, and leaves a core to the rest.
    threads: 1,
    concurrency: 2,
    sampleIntervalMs: 3_600_000,
    ...options,
    onTaskCounted: (task) => {
      if (task.state === 'done') done++;
      addOnCpuTask(sums, task);
    },
  });
  engines.push(engine);
  await engine.start();
  await waitFor(() => sums.runMs >= runMs || (done >= 200 && sums.runMs === 0), {
    what: `${runMs} ms of measured ${options.workload} tasks on ${model}`,
    timeoutMs: 30_000,
  });
  const row = engine.snapshotNow().scoreboard.find((entry) => entry.model === model);
  await engine.stop();
  return { share: onCpuShareOfSums(sums), rowShare: row?.onCpuShare, sums, done };
}

describe.runIf(hasClock)("the share on CPU of tasks shorter than the kernel's tick", () => {
  for (const model of ['async', 'workers', 'processes'] as const) {
    it(`is high for 1.5 ms tasks that only compute, on ${model}`, async () => {
      const { share, rowShare, sums, done } = await measuredShare(model, {
        workload: spinUrl,
        workloadFiles: [{ url: spinUrl, workload: spinMsWorkload }],
        knobs: { ms: 1.5 },
      });
      const what = `${done} tasks, ${sums.cpuMs.toFixed(1)} ms on CPU of ${sums.runMs.toFixed(1)} ms run`;
      // All CPU; the machine is shared, so a runnable thread is off its core now and then.
      expect(share, what).toBeGreaterThan(0.7);
      expect(rowShare, what).toBeGreaterThan(0.7);
    }, 40_000);
  }

  it('is low for tasks that wait 5 ms on a timer, on workers', async () => {
    const { share, sums, done } = await measuredShare('workers', {
      workload: 'io-timer',
      knobs: { latency: 5 },
    });
    const what = `${done} tasks, ${sums.cpuMs.toFixed(1)} ms on CPU of ${sums.runMs.toFixed(1)} ms run`;
    expect(share, what).toBeLessThan(0.2);
  }, 40_000);

  it('is not measured for tasks that wait on a timer on async (their thread runs others meanwhile)', async () => {
    const { share, done } = await measuredShare('async', { workload: 'io-timer', knobs: { latency: 5 } });
    expect(done).toBeGreaterThanOrEqual(200);
    expect(share).toBeUndefined();
  }, 40_000);
});
