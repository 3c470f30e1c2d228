import { setTimeout as delay } from 'node:timers/promises';
import { now } from '../../source/engine/clock.ts';
import { Engine, type EngineOptions } from '../../source/engine/engine.ts';
import type { ModelName, Snapshot } from '../../source/engine/types.ts';
import type { Figure } from './figure.ts';
import { median } from './stats.ts';

const switches = 4;
const timerLatencyMs = 200;

/** Polls until the current row counts; returns when counting began (engine clock) and the snapshot then. */
async function countingStart(engine: Engine, since: number): Promise<{ from: number; snapshot: Snapshot }> {
  const deadline = performance.now() + 15_000;
  for (;;) {
    const snapshot = engine.snapshotNow();
    const row = snapshot.scoreboard.find((entry) => entry.phase !== 'past');
    const interval = engine.countedIntervals().find((entry) => entry.key === row?.key && entry.from >= since);
    if (row?.phase === 'measuring' && interval) return { from: interval.from, snapshot };
    if (performance.now() > deadline) throw new Error('the new row never began counting');
    await delay(5);
  }
}

/**
 * Switches back and forth `switches` times after a warm-up, and returns for each direction the median time
 * from the switch until the new row counted, and until the last task from before ended (on the clock of the
 * thread that ran it): the earliest the row could have counted.
 */
async function measureSwitches(options: EngineOptions, models: [ModelName, ModelName]) {
  const engine = new Engine({ ...options, model: models[0], sampleIntervalMs: 250, recentTasks: 4096 });
  const settle: Partial<Record<ModelName, number[]>> = {};
  const lastOldTask: Partial<Record<ModelName, number[]>> = {};
  const longestTask: number[] = [];
  try {
    await engine.start();
    await delay(1000);
    for (let index = 0; index < switches; index++) {
      const to = models[(index + 1) % 2] as ModelName;
      // The window that ends now: the tasks that ran just before the switch, and how long the longest took.
      longestTask.push(engine.snapshotNow().tasks.run.max);
      const switchedAt = now();
      engine.dispatch({ type: 'switchModel', model: to });
      const { from, snapshot } = await countingStart(engine, switchedAt);
      settle[to] = [...(settle[to] ?? []), from - switchedAt];
      const fromBefore = snapshot.tasks.recent.filter(
        (task) => task.model !== to && task.startedAt !== undefined && task.startedAt < from,
      );
      const lastEnd = Math.max(switchedAt, ...fromBefore.map((task) => task.endedAt ?? switchedAt));
      lastOldTask[to] = [...(lastOldTask[to] ?? []), lastEnd - switchedAt];
      await delay(600);
    }
  } finally {
    await engine.stop();
  }
  return { settle, lastOldTask, longestTaskMs: median(longestTask) };
}

export const settling: Figure = {
  name: 'settling',
  method: `in-process engine, ${switches} model switches after a 1 s warm-up: time from the switch until the new scoreboard row counts (its first counted interval), against the longest task run time in the window before the switch; cpu at concurrency 8 on 2 threads, and io-timer (${timerLatencyMs} ms) at concurrency 200`,
  timeoutSeconds: 90,
  async measure() {
    const cpu = await measureSwitches({ workload: 'cpu', concurrency: 8, threads: 2 }, ['workers', 'async']);
    const timer = await measureSwitches(
      { workload: 'io-timer', knobs: { latency: timerLatencyMs }, concurrency: 200, threads: 2 },
      ['async', 'workers'],
    );
    const cpuToAsync = median(cpu.settle.async ?? []);
    const cpuOldDone = median(cpu.lastOldTask.async ?? []);
    const timerToWorkers = median(timer.settle.workers ?? []);
    return {
      cpuTaskMs: cpu.longestTaskMs,
      cpuWorkersToAsyncMs: cpuToAsync,
      cpuWorkersToAsyncLastOldTaskMs: cpuOldDone,
      cpuWorkersToAsyncOverLastOldTask: cpuToAsync / Math.max(1, cpuOldDone),
      cpuWorkersToAsyncOverTask: cpuToAsync / cpu.longestTaskMs,
      cpuAsyncToWorkersMs: median(cpu.settle.workers ?? []),
      timerAsyncToWorkersMs: timerToWorkers,
      timerAsyncToWorkersLastOldTaskMs: median(timer.lastOldTask.workers ?? []),
      timerAsyncToWorkersOverTask: timerToWorkers / timerLatencyMs,
    };
  },
  checks: [
    {
      // The row counts as soon as the main thread learns that the last task from before ended: after at most
      // one cpu task of its own (the loop notices between tasks), so within about one task length of it.
      label: 'settling: cpu workers → async, ÷ last old task end',
      key: 'cpuWorkersToAsyncOverLastOldTask',
      unit: '×',
      bound: { kind: 'atMost', value: 1.5 },
    },
    {
      // Tasks running on the pool have up to one task length left, slowed by the loop's own cpu tasks (three
      // busy threads on two cores), and a task Piscina was already handed for a thread runs there after it
      // until withdrawWaiting reaches into Piscina.
      label: 'settling: cpu workers → async, ÷ task length',
      key: 'cpuWorkersToAsyncOverTask',
      unit: '×',
      bound: { kind: 'atMost', value: 3 },
    },
    {
      // A key press never lands while a synchronous task runs on the loop: nothing from before is left.
      label: 'settling: cpu async → workers',
      key: 'cpuAsyncToWorkersMs',
      unit: 'ms',
      bound: { kind: 'atMost', value: 5 },
    },
    {
      label: `settling: io-timer async → workers, ÷ ${timerLatencyMs} ms task`,
      key: 'timerAsyncToWorkersOverTask',
      unit: '×',
      bound: { kind: 'atMost', value: 1.1 },
    },
  ],
};
