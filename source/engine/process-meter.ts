// What measures the process, apart from what drives the workload: the event loop's lag and utilization, the
// CPU per core and the process's, its memory, and the last freeze of the loop. It needs no scheduler, model or
// scoreboard, so it can watch any process that loads it (the engine's, or later an app concur-tui attaches to);
// the engine adds the workload's side (tasks, pools, scoreboard) to each window (window-sampler.ts).
// A reading that throws stands in with the last good one (metrics/last-good.ts), and the reason goes to `onError`.

import { type CpuSampler, createCpuSampler } from './metrics/cpu-sampler.ts';
import { createLagMonitor, type LagMonitor, type StallListener } from './metrics/lag-monitor.ts';
import { readOrKeep } from './metrics/last-good.ts';
import type { CpuSample, EventLoopSample, Freeze } from './types.ts';

export type ProcessMeterOptions = {
  /** A lag at least this long is a freeze of the loop, kept as the last freeze, ms. @default 250 */
  freezeThresholdMs?: number;
  /** A probe later than this is a stall, told to `onStall`, ms. @default 20 */
  stallThresholdMs?: number;
  /** Told of each stall of the loop as it ends. @default undefined */
  onStall?: StallListener;
  /**
   * Told when a reading failed and the last good one stood in (`what`: "lag", "CPU and memory"), with the end of
   * the window being read. @default ignore
   */
  onError?: (what: string, error: unknown, at: number) => void;
};

/** One window of the process, as measured. */
export type ProcessReading = {
  eventLoop: EventLoopSample;
  /** The process's CPU and memory, and each core's; child processes are the engine's to add. */
  cpu: CpuSample;
  /** The latest window whose lag reached the freeze threshold, since the start or the last `reset()`. */
  lastFreeze: Freeze | undefined;
};

const zeroLag = { p50: 0, p99: 0, max: 0 };

export class ProcessMeter {
  /** The loop's lag probe: segments of it measure a stretch of the run (a scoreboard row), `hold` job control. */
  readonly lag: LagMonitor;
  readonly #cpuSampler: CpuSampler;
  readonly #freezeThresholdMs: number;
  readonly #onError: (what: string, error: unknown, at: number) => void;
  #eventLoop: EventLoopSample = { lag: zeroLag, utilization: 0 };
  #cpu: CpuSample = { perCore: [], processCores: 0, rssBytes: 0, heapUsedBytes: 0 };
  #lastFreeze: Freeze | undefined;

  constructor(options: ProcessMeterOptions = {}) {
    this.lag = createLagMonitor({
      ...(options.stallThresholdMs === undefined ? {} : { stallThresholdMs: options.stallThresholdMs }),
      ...(options.onStall === undefined ? {} : { onStall: options.onStall }),
    });
    this.#cpuSampler = createCpuSampler();
    this.#freezeThresholdMs = options.freezeThresholdMs ?? 250;
    this.#onError = options.onError ?? (() => {});
  }

  /** Closes the window that ends at `at` (engine clock) and reads it; the next window starts now. */
  sample(at: number): ProcessReading {
    this.#eventLoop = readOrKeep(
      () => this.lag.sample(),
      this.#eventLoop,
      (error) => this.#onError('lag', error, at),
    );
    this.#cpu = readOrKeep(
      () => this.#cpuSampler.sample(),
      this.#cpu,
      (error) => this.#onError('CPU and memory', error, at),
    );
    if (this.#eventLoop.lag.max >= this.#freezeThresholdMs) {
      this.#lastFreeze = { at, durationMs: this.#eventLoop.lag.max };
    }
    return { eventLoop: this.#eventLoop, cpu: this.#cpu, lastFreeze: this.#lastFreeze };
  }

  /** Forgets the last freeze (`r`). */
  reset(): void {
    this.#lastFreeze = undefined;
  }

  /** Stops the lag probe's timer; nothing is measured afterwards. */
  stop(): void {
    this.lag.stop();
  }
}
