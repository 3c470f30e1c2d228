import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../source/engine/engine.ts';
import {
  CpuSampling,
  shortTaskSampling,
  TaskCpuClock,
  threadCpuMs,
} from '../source/engine/task-cpu-clock.ts';
import type { ModelName, ScoreboardRow, TaskRecord } from '../source/engine/types.ts';
import { waitFor } from './helpers/wait-for.ts';

const engines: Engine[] = [];
afterEach(async () => {
  await Promise.all(engines.splice(0).map((engine) => engine.stop()));
});

const hasClock = !Number.isNaN(threadCpuMs());

describe('the task CPU clock', () => {
  it.runIf(hasClock)('measures a task that had its thread to itself', () => {
    const clock = new TaskCpuClock();
    const begun = clock.begin();
    expect(clock.end(begun, 1)).toBeGreaterThanOrEqual(0);
  });

  it('gives no time to tasks that overlapped on one thread, and measures again once alone', () => {
    const clock = new TaskCpuClock();
    const first = clock.begin();
    const second = clock.begin();
    expect(clock.end(second, 1)).toBeUndefined();
    expect(clock.end(first, 1)).toBeUndefined();
    const third = clock.begin();
    const measured = clock.end(third, 1);
    expect(measured === undefined).toBe(!hasClock);
  });

  it('gives none to a task that began alone when another began and ended before it', () => {
    const clock = new TaskCpuClock();
    const first = clock.begin();
    const second = clock.begin();
    clock.end(second, 1);
    expect(clock.end(first, 1)).toBeUndefined();
  });
});

describe('the sampling of short tasks', () => {
  it('measures every task while tasks are long, one in 32 after a short one, and all again after a long one', () => {
    const sampling = new CpuSampling();
    const taken: boolean[] = [];
    for (let task = 0; task < 3; task++) {
      taken.push(sampling.take());
      sampling.ran(5);
    }
    expect(taken).toEqual([true, true, true]);
    sampling.ran(0.01);
    const afterShort = Array.from({ length: shortTaskSampling }, () => sampling.take());
    expect(afterShort.filter(Boolean)).toHaveLength(1);
    expect(afterShort.at(-1)).toBe(true);
    sampling.ran(5);
    expect(sampling.take()).toBe(true);
  });

  it('makes the clock skip unsampled tasks without losing count of overlaps', () => {
    const clock = new TaskCpuClock();
    clock.end(clock.begin(), 0.01);
    for (let task = 1; task < shortTaskSampling; task++) {
      const begun = clock.begin();
      expect(begun).toBeNaN();
      clock.end(begun, 0.01);
    }
    const sampled = clock.begin();
    expect(Number.isNaN(sampled)).toBe(!hasClock);
  });
});

async function finishedTasks(
  workload: string,
  model: ModelName,
  knobs: Record<string, number>,
  onStopped?: (engine: Engine) => void,
) {
  const counted: TaskRecord[] = [];
  const engine = new Engine({
    workload,
    model,
    knobs,
    concurrency: 2,
    threads: 2,
    sampleIntervalMs: 3_600_000,
    onTaskCounted: (task) => {
      if (task.state === 'done') counted.push({ ...task });
    },
  });
  engines.push(engine);
  await engine.start();
  await waitFor(() => counted.length >= 6, { what: `six ${workload} tasks on ${model}`, timeoutMs: 20_000 });
  await engine.stop();
  onStopped?.(engine);
  return counted;
}

describe.runIf(hasClock)('each finished task carries the CPU time of its thread', () => {
  for (const model of ['async', 'workers', 'processes'] as const) {
    it(`on ${model}, a computing task measures CPU time no longer than its run`, async () => {
      const tasks = await finishedTasks('cpu', model, { size: 2000 });
      for (const task of tasks) {
        expect(task.cpuMs, `task ${task.id}`).toBeTypeOf('number');
        // One thread cannot use more CPU than wall time; the two clocks differ by their granularity only.
        expect(task.cpuMs as number).toBeLessThanOrEqual((task.endedAt ?? 0) - (task.startedAt ?? 0) + 1);
      }
    });
  }

  it("gives the scoreboard row its tasks' share on CPU, with the sums it divides", async () => {
    let share: number | undefined;
    let sums: ScoreboardRow['onCpuSums'];
    const tasks = await finishedTasks('cpu', 'workers', { size: 2000 }, (engine) => {
      const row = engine.snapshotNow().scoreboard.find((entry) => entry.model === 'workers');
      share = row?.onCpuShare;
      sums = row?.onCpuSums;
    });
    expect(tasks.length).toBeGreaterThan(0);
    expect(share).toBeGreaterThan(0);
    expect(share).toBeLessThanOrEqual(1);
    expect(sums?.runMs).toBeGreaterThan(0);
    expect(share).toBe(Math.min(1, (sums?.cpuMs ?? 0) / (sums?.runMs ?? 1)));
  });

  it('on async, a task that awaited gets no CPU time: its later slices are not its alone', async () => {
    const tasks = await finishedTasks('io-timer', 'async', { latency: 5 });
    for (const task of tasks) expect(task.cpuMs).toBeUndefined();
  });

  it('on workers, a task that awaited alone on its thread is measured', async () => {
    const tasks = await finishedTasks('io-timer', 'workers', { latency: 5 });
    for (const task of tasks) expect(task.cpuMs).toBeTypeOf('number');
  });
});
