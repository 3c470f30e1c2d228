import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import type { CpuSample } from '../types.ts';

/** Cumulative CPU times of one logical core, in ms, as `os.cpus()` reports them. */
export type CoreTimes = os.CpuInfo['times'];

/**
 * Busy share (0…1) of each core between two `os.cpus()` readings. A core whose counters did not move, went
 * backwards (counter reset, core taken offline and back) or is new in `next` reads 0 rather than a made-up number.
 */
export function perCoreBusy(previous: readonly CoreTimes[], next: readonly CoreTimes[]): number[] {
  return next.map((after, core) => {
    const before = previous[core];
    if (before === undefined) {
      return 0;
    }
    const deltas = [
      after.user - before.user,
      after.nice - before.nice,
      after.sys - before.sys,
      after.irq - before.irq,
      after.idle - before.idle,
    ];
    if (deltas.some((delta) => delta < 0)) {
      return 0;
    }
    const total = deltas.reduce((sum, delta) => sum + delta, 0);
    if (total <= 0) {
      return 0;
    }
    const idle = after.idle - before.idle;
    return Math.min(1, Math.max(0, (total - idle) / total));
  });
}

export type CpuSampler = {
  /** CPU and memory over the window since the previous sample (or since the sampler was created). */
  sample(): CpuSample;
};

/**
 * Samples per-core load, this process's CPU use and its memory, without blocking the main thread:
 * `os.cpus()` reads /proc/stat in-process (about 50 µs on 2 cores), `process.memoryUsage()` about 8 µs,
 * where `systeminformation.currentLoad()` would run a synchronous child process (7-13 ms).
 *
 * Linux counts core time in 10 ms ticks, so a 250 ms window reads each core in steps of 4 %.
 */
export function createCpuSampler(): CpuSampler {
  let previousTimes = readCoreTimes() ?? [];
  let previousPerCore: number[] = previousTimes.map(() => 0);
  let previousUsage = process.cpuUsage();
  let previousAt = performance.now();
  let memory = readMemory(undefined);

  return {
    sample() {
      // Both reads open a /proc file. Out of descriptors (or /proc gone) they fail: the sample keeps the last
      // values rather than throwing, since a sampler that throws ends the process it watches.
      const times = readCoreTimes();
      const usage = process.cpuUsage();
      const at = performance.now();
      // process.cpuUsage covers every thread of the process, so worker threads count here too; the loopback
      // server runs in a process of its own and does not.
      const usedMicroseconds = usage.user - previousUsage.user + (usage.system - previousUsage.system);
      const elapsedMicroseconds = (at - previousAt) * 1000;
      const perCore = times === undefined ? previousPerCore : perCoreBusy(previousTimes, times);
      if (times !== undefined) previousTimes = times;
      previousPerCore = perCore;
      previousUsage = usage;
      previousAt = at;
      memory = readMemory(memory);
      return {
        perCore,
        processCores: elapsedMicroseconds > 0 ? Math.max(0, usedMicroseconds / elapsedMicroseconds) : 0,
        rssBytes: memory.rss,
        heapUsedBytes: memory.heapUsed,
      };
    },
  };
}

/** Every core's times, or undefined when they cannot be read now. */
function readCoreTimes(): CoreTimes[] | undefined {
  try {
    const cores = os.cpus();
    return cores.length > 0 ? cores.map((core) => core.times) : undefined;
  } catch {
    return undefined;
  }
}

type Memory = { rss: number; heapUsed: number };

/**
 * RSS and heap used. `process.memoryUsage()` throws EMFILE when no descriptor is left to read /proc with;
 * then the heap comes from V8 (no file needed) and RSS stays at its last reading.
 */
export function readMemory(last: Memory | undefined, usage: () => Memory = process.memoryUsage): Memory {
  try {
    const { rss, heapUsed } = usage();
    return { rss, heapUsed };
  } catch {
    return { rss: last?.rss ?? 0, heapUsed: getHeapStatistics().used_heap_size };
  }
}
