// How long a live reload blocks the main loop: the engine runs a workload file with many tasks waiting (the
// handover moves each to the new version), and a 2 ms timer measures the longest gap while the file is saved
// and reloaded, against the longest gap over as long with no reload, in the same run.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { Engine } from '../../source/engine/engine.ts';
import { SettingChanges } from '../../source/engine/setting-changes.ts';
import type { ModelName, Workload } from '../../source/engine/types.ts';
import { pinWorkloadFile } from '../../source/engine/workload-reload-pins.ts';
import { BlockProbe, probePeriodMs } from './block-probe.ts';
import type { Figure, Measurements } from './figure.ts';

const reloads = 5;
/** How long each window lasts, with or without a reload in it. */
const windowMs = 1000;
/**
 * Tasks in flight per model: on async few enough that the loop is not saturated (a saturated loop's own blocks
 * would hide the reload's); on workers many, nearly all waiting in the queue of the one thread.
 */
const inFlight: Partial<Record<ModelName, number>> = { async: 100, workers: 1000 };

/**
 * A task that waits 5 ms on a timer, so the loop is free and the probe sees the reload's own blocks rather than
 * the tasks'; each version differs only in the number it returns.
 */
function source(version: number): string {
  return `export default {
  name: 'reloaded',
  kind: 'io',
  description: 'waits 5 ms',
  knobs: [{ name: 'ms', min: 0, max: 100, default: 5, unit: 'ms' }],
  async run(input) {
    await new Promise((resolve) => setTimeout(resolve, input.knobs.ms));
    return ${version};
  },
};
`;
}

/** The longest single call of SettingChanges.reload (the switch and the handover of the waiting tasks), ms. */
function timeReloadCalls(): { longestMs: number } {
  const longest = { longestMs: 0 };
  const original = SettingChanges.prototype.reload;
  Object.defineProperty(SettingChanges.prototype, 'reload', {
    value(this: SettingChanges, ...args: Parameters<SettingChanges['reload']>) {
      const startedAt = performance.now();
      try {
        return original.apply(this, args);
      } finally {
        longest.longestMs = Math.max(longest.longestMs, performance.now() - startedAt);
      }
    },
  });
  return longest;
}

/** The longest block over `reloads` windows with a reload and as many without, on `model`. */
async function measureOn(model: ModelName, directory: string): Promise<{ reload: number; floor: number }> {
  const file = path.join(directory, `task-${model}.mjs`);
  writeFileSync(file, source(1));
  const url = pathToFileURL(file).href;
  const pinned = await pinWorkloadFile(url, 1);
  const { default: workload } = (await import(pinned)) as { default: Workload };
  const engine = new Engine({
    workload: url,
    workloadFiles: [{ url: pinned, workload }],
    model,
    // One thread: nearly every task waits in the pool's queue, and the reload moves each to the new version.
    threads: 1,
    concurrency: inFlight[model] ?? 100,
  });
  const probe = new BlockProbe();
  let reload = 0;
  let floor = 0;
  try {
    await engine.start();
    await delay(windowMs);
    for (let version = 2; version < 2 + reloads; version++) {
      // Alternating, so the machine's noise falls on both sides alike.
      probe.start();
      await delay(windowMs);
      floor = Math.max(floor, probe.stop());

      probe.start();
      writeFileSync(file, source(version));
      engine.dispatch({ type: 'reloadWorkload', url });
      await engine.settled();
      const notice = engine.snapshotNow().notice?.message ?? '';
      if (!notice.startsWith('reloaded')) throw new Error(`the reload failed: ${notice}`);
      await delay(windowMs);
      reload = Math.max(reload, probe.stop());
    }
  } finally {
    probe.stop();
    await engine.stop();
  }
  return { reload, floor };
}

async function measureReloads(): Promise<Measurements> {
  const directory = mkdtempSync(path.join(tmpdir(), 'concur-reload-bench-'));
  const handover = timeReloadCalls();
  try {
    const async = await measureOn('async', directory);
    const workers = await measureOn('workers', directory);
    return {
      asyncReloadBlockMs: async.reload,
      asyncFloorBlockMs: async.floor,
      workersReloadBlockMs: workers.reload,
      workersFloorBlockMs: workers.floor,
      reloadBlockMs: Math.max(async.reload - async.floor, workers.reload - workers.floor, 0),
      longestSwitchCallMs: handover.longestMs,
    };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

export const reloadBlock: Figure = {
  name: 'reload-block',
  method: `a workload file of tasks that wait 5 ms, ${inFlight.async} in flight on async and ${inFlight.workers} on workers (1 thread, so nearly every task waits and moves to the new version); a ${probePeriodMs} ms timer measures the longest main-loop block in ${reloads} windows of ${windowMs} ms that each hold one save and reload, and in as many windows without; the figure is the larger difference (reload − floor) of the two models; also the longest switch call (new measurement and handover), timed alone`,
  timeoutSeconds: 120,
  measure: measureReloads,
  checks: [
    {
      label: 'reload: longest loop block',
      key: 'reloadBlockMs',
      unit: 'ms',
      bound: { kind: 'below', value: 20 },
    },
    { label: 'reload: longest switch call', key: 'longestSwitchCallMs', unit: 'ms', bound: { kind: 'none' } },
    {
      label: 'reload: async, block with reloads',
      key: 'asyncReloadBlockMs',
      unit: 'ms',
      bound: { kind: 'none' },
    },
    { label: 'reload: async, block without', key: 'asyncFloorBlockMs', unit: 'ms', bound: { kind: 'none' } },
    {
      label: 'reload: workers, block with reloads',
      key: 'workersReloadBlockMs',
      unit: 'ms',
      bound: { kind: 'none' },
    },
    {
      label: 'reload: workers, block without',
      key: 'workersFloorBlockMs',
      unit: 'ms',
      bound: { kind: 'none' },
    },
  ],
};
