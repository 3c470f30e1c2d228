import { performance } from 'node:perf_hooks';
import type { EventLoopSample, Percentiles } from '../types.ts';
import { LatencyHistogram } from './percentiles.ts';

// Idle cost of this monitor sampled every 250 ms, measured with process.cpuUsage over 8 s on a 2-core VM:
// 1 ms 1.8-2.6 % of a core (most of the dashboard's 3 % budget), 2 ms 1.4 %, 5 ms 1.0-1.3 % (each wakeup has
// a fixed cost, so coarser saves little). A block reads up to one resolution short, so at 2 ms a 100 ms block
// reads 98-100 ms; 5 ms would only just meet the ±5 ms target.
const defaultResolutionMs = 2;
const defaultStallThresholdMs = 20;

/**
 * Called when the probe fires later than its period by more than the stall threshold: the loop did not answer from
 * `from` (engine clock: when the probe was due) for `durationMs` (until it fired).
 */
export type StallListener = (from: number, durationMs: number) => void;

export type LagMonitorOptions = {
  /**
   * Interval of the probe timer, in whole milliseconds. Lag is how late the probe fires, so a block is reported
   * up to one resolution short; each tick also wakes the process, so lower costs more CPU.
   * @default 2
   */
  resolutionMs?: number;
  /**
   * A probe later than its period by more than this is a stall of the loop, reported to `onStall`, ms.
   * @default 20
   */
  stallThresholdMs?: number;
  /** Told of each stall as the probe that ends it fires; never while held (job control). @default undefined */
  onStall?: StallListener;
};

/**
 * Lag over a stretch of the run that spans many windows, e.g. the time one model was active. It records every
 * probe delay while it is recording, from `openSegment()` on, so its edges fall between probes, not windows.
 */
export type LagSegment = {
  /** Lag (ms, resolution subtracted) over everything the segment recorded. */
  read(): Percentiles;
  /** Pauses recording, e.g. while its model is not the active one; `read()` keeps what it had. */
  suspend(): void;
  /** Records again after `suspend()`. Does nothing once closed or the monitor stopped. */
  resume(): void;
  /** Stops recording for good; `read()` keeps returning what it had. */
  close(): void;
};

export type LagMonitor = {
  /** Closes the current window: its lag and main-thread event-loop utilization. The next window starts now. */
  sample(): EventLoopSample;
  openSegment(): LagSegment;
  /**
   * Records nothing until `release()`: the process is about to be stopped (job control), and the time it spends
   * stopped is not lag. The delay of the probe that spans the stop is dropped.
   */
  hold(): void;
  release(): void;
  /** Stops the probe timer. Nothing is measured afterwards. */
  stop(): void;
};

/**
 * Measures main-thread event-loop lag with a repeating probe timer, and event-loop utilization; a probe late by
 * more than the stall threshold is also reported as a stall (`onStall`), so blame can name who held the loop.
 *
 * Why not `perf_hooks.monitorEventLoopDelay`: its `reset()` drops the delay that spans the reset, so a block
 * starting right after a window closed vanished entirely (tested on Node 24: a 100 ms block read as max 1.1 ms),
 * and `RecordableHistogram.add()` rejects its histogram, so segments could not be merged from windows.
 * Owning the probe also tells us how long the loop has gone without it, which a blocked window needs.
 * The price: a JS timer costs about 0.4 % of a core more than the native monitor at 2 ms.
 */
export function createLagMonitor(options: LagMonitorOptions = {}): LagMonitor {
  const resolutionMs = options.resolutionMs ?? defaultResolutionMs;
  if (!Number.isInteger(resolutionMs) || resolutionMs < 1) {
    throw new RangeError(
      `Lag monitor resolution must be a whole number of milliseconds ≥ 1, got ${resolutionMs}`,
    );
  }
  const stallThresholdMs = options.stallThresholdMs ?? defaultStallThresholdMs;
  if (!(stallThresholdMs > 0) || !Number.isFinite(stallThresholdMs)) {
    throw new RangeError(`Stall threshold must be a number of milliseconds > 0, got ${stallThresholdMs}`);
  }
  const { onStall } = options;
  const { timeOrigin } = performance;

  /** Raw probe delays of the current window, resolution included, like everything recorded here. */
  const window = new LatencyHistogram();
  const openSegments = new Set<LatencyHistogram>();
  // Reused to add the in-progress delay to a reading without allocating a native histogram each time.
  const scratch = new LatencyHistogram();
  let lastProbeAt = performance.now();
  let windowStartUtilization = performance.eventLoopUtilization();
  let stopped = false;
  let held = false;

  const probe = setInterval(() => {
    const at = performance.now();
    const delay = at - lastProbeAt;
    lastProbeAt = at;
    if (held) return;
    window.record(delay);
    for (const segment of openSegments) {
      segment.record(delay);
    }
    // Numbers only, no object: this path runs 500 times a second.
    const late = delay - resolutionMs;
    if (late > stallThresholdMs && onStall !== undefined) onStall(timeOrigin + at - late, late);
  }, resolutionMs);
  // The probe only watches; it must never be the reason the process stays alive.
  probe.unref();

  /** Lag of `histogram`, counting the delay of a probe that is overdue right now. */
  function readLag(histogram: LatencyHistogram): Percentiles {
    const openDelay = performance.now() - lastProbeAt;
    if (stopped || held || openDelay <= resolutionMs) {
      return lagOf(histogram.read(), resolutionMs);
    }
    // The loop has not reached the probe since it came due: we run inside the blocking callback, or just
    // after it and before the probe. Without this, a window the loop spent frozen would read as lag-free.
    // The probe still records the whole delay when it fires, so segments are not counted twice.
    scratch.reset();
    scratch.add(histogram);
    scratch.record(openDelay);
    return lagOf(scratch.read(), resolutionMs);
  }

  return {
    sample() {
      const lag = readLag(window);
      const now = performance.eventLoopUtilization();
      const { utilization } = performance.eventLoopUtilization(now, windowStartUtilization);
      windowStartUtilization = now;
      window.reset();
      // NaN when no time passed between two samples.
      return { lag, utilization: Number.isFinite(utilization) ? Math.min(1, Math.max(0, utilization)) : 0 };
    },

    openSegment() {
      const histogram = new LatencyHistogram();
      let closed = false;
      const resume = () => {
        if (!closed && !stopped) {
          openSegments.add(histogram);
        }
      };
      resume();
      return {
        read: () =>
          openSegments.has(histogram) ? readLag(histogram) : lagOf(histogram.read(), resolutionMs),
        suspend: () => {
          openSegments.delete(histogram);
        },
        resume,
        close: () => {
          closed = true;
          openSegments.delete(histogram);
        },
      };
    },

    hold() {
      held = true;
    },

    release() {
      held = false;
      lastProbeAt = performance.now();
    },

    stop() {
      stopped = true;
      clearInterval(probe);
      openSegments.clear();
    },
  };
}

/** Probe delays to lag: how late the probe fired, so its own interval comes off. */
export function lagOf(delays: Percentiles, resolutionMs: number): Percentiles {
  const late = (delay: number) => Math.max(0, delay - resolutionMs);
  return { p50: late(delays.p50), p99: late(delays.p99), max: late(delays.max) };
}
