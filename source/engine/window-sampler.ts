// Measures one sampling window for the snapshot: lag, CPU, the pool's threads, the services, the tasks that
// finished. A sampler that throws (EMFILE from process.memoryUsage, a service in trouble) must not end the
// process or the dashboard: its last good reading stands in, and the reason becomes a notice.

import type { Services } from './engine-options.ts';
import { createCpuSampler } from './metrics/cpu-sampler.ts';
import type { LagMonitor } from './metrics/lag-monitor.ts';
import { RingBuffer } from './metrics/ring-buffer.ts';
import type { ModelSet } from './model-set.ts';
import { messageOf, type Notices } from './notices.ts';
import {
  historyPoint,
  poolSample,
  type ThreadsSample,
  type WindowMeasurements,
} from './snapshot-assembly.ts';
import type { TaskWindow } from './task-window.ts';
import type { CpuSample, EventLoopSample, Freeze, HistoryPoint, ModelName, ServicesSample } from './types.ts';

export type WindowSamplerParts = {
  lagMonitor: LagMonitor;
  models: ModelSet;
  services: Services;
  tasks: TaskWindow;
  notices: Notices;
};

export type WindowSamplerOptions = { historyLength: number; freezeThresholdMs: number };

/** What one window adds to the snapshot besides settings and counts. */
export type WindowReading = {
  measured: WindowMeasurements;
  history: HistoryPoint[];
  lastFreeze: Freeze | undefined;
  services: ServicesSample;
};

const zeroLag = { p50: 0, p99: 0, max: 0 };

export class WindowSampler {
  readonly #parts: WindowSamplerParts;
  readonly #freezeThresholdMs: number;
  readonly #history: RingBuffer<HistoryPoint>;
  readonly #cpuSampler = createCpuSampler();
  #lastFreeze: Freeze | undefined;
  #eventLoop: EventLoopSample = { lag: zeroLag, utilization: 0 };
  #cpu: CpuSample = { perCore: [], processCores: 0, rssBytes: 0, heapUsedBytes: 0 };
  #threads: ThreadsSample;
  #services: ServicesSample = {};
  #lastServiceError: string | undefined;
  #lastPoolNotice: string | undefined;

  constructor(parts: WindowSamplerParts, options: WindowSamplerOptions) {
    this.#parts = parts;
    this.#freezeThresholdMs = options.freezeThresholdMs;
    this.#history = new RingBuffer(options.historyLength);
  }

  sample(at: number, windowMs: number, model: ModelName, settling: boolean): WindowReading {
    const { lagMonitor, models, services, tasks: taskWindow } = this.#parts;
    this.#eventLoop = this.#guard(at, 'lag', () => lagMonitor.sample(), this.#eventLoop);
    this.#cpu = this.#guard(at, 'CPU and memory', () => this.#cpuSampler.sample(), this.#cpu);
    this.#threads = this.#guard(at, 'the worker pool', () => models.sampleThreads(windowMs), this.#threads);
    this.#services = this.#guard(at, 'the services', () => services.sample(), this.#services);
    this.#noteServiceError(at);
    this.#notePoolNotice(at);
    const tasks = taskWindow.close(windowMs);
    const eventLoop = this.#eventLoop;
    const measured: WindowMeasurements = {
      at,
      model,
      eventLoop,
      tasks,
      pool: poolSample(this.#threads, tasks),
      cpu: this.#cpu,
      settling,
    };
    if (eventLoop.lag.max >= this.#freezeThresholdMs)
      this.#lastFreeze = { at, durationMs: eventLoop.lag.max };
    this.#history.push(historyPoint(measured));
    return {
      measured,
      history: this.#history.toArray(),
      lastFreeze: this.#lastFreeze,
      services: this.#services,
    };
  }

  /** Forgets the charts' history and the last freeze (`r`). */
  reset(): void {
    this.#history.clear();
    this.#lastFreeze = undefined;
  }

  #guard<Reading>(at: number, what: string, read: () => Reading, lastGood: Reading): Reading {
    try {
      return read();
    } catch (error) {
      this.#parts.notices.post(at, 'warning', `could not measure ${what}: ${messageOf(error)}`);
      return lastGood;
    }
  }

  /** A new reason the pool is short of threads (e.g. a process limit) becomes a notice once. */
  #notePoolNotice(at: number): void {
    const notice = this.#threads?.notice;
    if (notice !== undefined && notice !== this.#lastPoolNotice) {
      this.#parts.notices.post(at, 'warning', `worker pool: ${notice}`);
    }
    this.#lastPoolNotice = notice;
  }

  /** A new problem of the loopback service becomes a notice once. */
  #noteServiceError(at: number): void {
    const lastError = this.#services.http?.lastError;
    if (lastError !== undefined && lastError !== this.#lastServiceError) {
      this.#parts.notices.post(at, 'warning', `loopback server: ${lastError}`);
    }
    this.#lastServiceError = lastError;
  }
}
