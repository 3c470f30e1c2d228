// What watching costs: the CPU the dashboard's own machinery uses (lag probe, sampling, snapshots, drawing).
//
// Why not time the sections with performance.now(): measured with the workload paused on the 2-core test
// machine, the process used ~4.9 % of a core, two thirds on the main thread and one third on V8's helper
// threads (GC, compiler), which no timer around our code sees; and the main thread's share includes the event
// loop's own wake-ups for the 2 ms lag probe, between our callbacks. Timed sections would show a fraction of
// what /proc shows. So the cost is the process's CPU (every thread, as the OS counts it) over windows where
// the workload ran nothing: then everything the process does is the cost of watching. While tasks run their
// CPU cannot be told apart from ours, so the last idle measurement is kept and said to be from then; it is a
// floor for a running dashboard, which draws up to four frames a second where a paused one draws one.

import { RingBuffer } from './ring-buffer.ts';

/** The dashboard's own cost, as a share of one core. */
export type SelfCost = {
  /** Cores the whole process used (every thread) while no task ran, averaged over `overMs`. */
  processCores: number;
  /** Of which the main thread (sampling, lag probe, drawing), when the runtime can tell; else undefined. */
  mainThreadCores?: number;
  /** The time the average covers, ms. */
  overMs: number;
  /** False when tasks run now and the numbers are from the last stretch with none. */
  current: boolean;
};

/** One sampling window as the meter needs it. */
export type SelfCostWindow = {
  /** Window length, ms. */
  windowMs: number;
  /** Cores the whole process used over the window (process.cpuUsage, every thread). */
  processCores: number;
  /** The workload ran nothing in the window: paused, nothing in flight. */
  idle: boolean;
};

export type SelfCostOptions = {
  /** How much idle time the average covers, ms: steady enough to read aloud, fresh enough to follow a change. @default 10000 */
  spanMs?: number;
  /** The main thread's CPU time so far, ms, or undefined where it cannot be measured. @default mainThreadCpuMs */
  readMainThreadMs?: () => number | undefined;
};

type IdleWindow = { windowMs: number; processMs: number; mainThreadMs: number | undefined };

/**
 * Averages the process's CPU over the recent idle windows. The first idle window after work is left out: the
 * last tasks may have run in part of it.
 */
export class SelfCostMeter {
  readonly #spanMs: number;
  readonly #windows = new RingBuffer<IdleWindow>(256);
  readonly #readMainThreadMs: () => number | undefined;
  #previousIdle = false;
  #current = false;
  #lastMainThreadMs: number | undefined;

  constructor(options: SelfCostOptions = {}) {
    this.#spanMs = options.spanMs ?? 10_000;
    this.#readMainThreadMs = options.readMainThreadMs ?? mainThreadCpuMs;
    this.#lastMainThreadMs = this.#readMainThreadMs();
  }

  /** Call once per sampling window, at its end. */
  record(window: SelfCostWindow): void {
    const mainThreadNow = this.#readMainThreadMs();
    const mainThreadMs =
      mainThreadNow === undefined || this.#lastMainThreadMs === undefined
        ? undefined
        : Math.max(0, mainThreadNow - this.#lastMainThreadMs);
    this.#lastMainThreadMs = mainThreadNow;
    const counts = window.idle && this.#previousIdle && window.windowMs > 0;
    if (window.idle && !this.#previousIdle) this.#windows.clear();
    this.#previousIdle = window.idle;
    this.#current = counts || (window.idle && this.#windows.length > 0);
    if (!counts) return;
    this.#windows.push({
      windowMs: window.windowMs,
      processMs: window.processCores * window.windowMs,
      mainThreadMs,
    });
  }

  /** The cost over the last `spanMs` of idle time, or undefined before any idle window counted. */
  sample(): SelfCost | undefined {
    const windows = this.#windows.toArray();
    let overMs = 0;
    let processMs = 0;
    let mainThreadMs: number | undefined = 0;
    for (let index = windows.length - 1; index >= 0 && overMs < this.#spanMs; index--) {
      const window = windows[index] as IdleWindow;
      overMs += window.windowMs;
      processMs += window.processMs;
      mainThreadMs =
        mainThreadMs === undefined || window.mainThreadMs === undefined
          ? undefined
          : mainThreadMs + window.mainThreadMs;
    }
    if (overMs <= 0) return undefined;
    return {
      processCores: processMs / overMs,
      ...(mainThreadMs === undefined ? {} : { mainThreadCores: mainThreadMs / overMs }),
      overMs,
      current: this.#current,
    };
  }
}

/** The main thread's CPU time so far, ms, where the runtime measures one thread (Node ≥ 23.9); else undefined. */
export function mainThreadCpuMs(): number | undefined {
  const threadCpuUsage = (process as { threadCpuUsage?: () => NodeJS.CpuUsage }).threadCpuUsage;
  if (typeof threadCpuUsage !== 'function') return undefined;
  try {
    const usage = threadCpuUsage.call(process);
    return (usage.user + usage.system) / 1000;
  } catch {
    return undefined;
  }
}
