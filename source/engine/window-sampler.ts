// Measures one sampling window for the snapshot: the process (process-meter.ts: lag, CPU, memory), and the
// workload's side: the pool's threads, the services, the tasks that finished. A sampler that throws (EMFILE, a
// service in trouble) must not end the process or the dashboard: its last good reading stands in, and the
// reason becomes a notice.

import type { Services } from './engine-options.ts';
import { ChildCpuMeter } from './metrics/child-cpu.ts';
import { readOrKeep } from './metrics/last-good.ts';
import { RingBuffer } from './metrics/ring-buffer.ts';
import type { ModelSet, ThreadsSample } from './model-set.ts';
import { findModel } from './models/model-descriptors.ts';
import { couldNotMeasure, type Notices } from './notices.ts';
import type { ProcessMeter } from './process-meter.ts';
import { processCpuMs } from './scoreboard.ts';
import { historyPoint, poolSamples, type WindowMeasurements } from './snapshot-assembly.ts';
import type { TaskWindow } from './task-window.ts';
import type { CpuSample, Freeze, HistoryPoint, ModelName, ServicesSample } from './types.ts';

export type WindowSamplerParts = {
  process: ProcessMeter;
  models: ModelSet;
  services: Services;
  tasks: TaskWindow;
  notices: Notices;
};

export type WindowSamplerOptions = { historyLength: number };

/** What one window adds to the snapshot besides settings and counts. */
export type WindowReading = {
  measured: WindowMeasurements;
  history: HistoryPoint[];
  lastFreeze: Freeze | undefined;
  services: ServicesSample;
};

export class WindowSampler {
  readonly #parts: WindowSamplerParts;
  readonly #history: RingBuffer<HistoryPoint>;
  readonly #childCpu = new ChildCpuMeter();
  /** CPU time the pool's child processes used, summed over the windows sampled so far, ms. */
  #childCpuMs = 0;
  /** Each started pool's last good reading. */
  readonly #threads = new Map<ModelName, ThreadsSample>();
  #services: ServicesSample = {};
  #lastServiceError: string | undefined;
  readonly #lastPoolNotices = new Map<ModelName, string | undefined>();

  constructor(parts: WindowSamplerParts, options: WindowSamplerOptions) {
    this.#parts = parts;
    this.#history = new RingBuffer(options.historyLength);
  }

  sample(at: number, windowMs: number, model: ModelName, settling: boolean): WindowReading {
    const { process, models, services, tasks: taskWindow } = this.#parts;
    const { eventLoop, cpu, lastFreeze } = process.sample(at);
    for (const { name, model } of models.pooled()) {
      const read = () => model.sampleThreads(windowMs);
      const sample = this.#guard<ThreadsSample | undefined>(
        at,
        `the ${poolName(name)}`,
        read,
        this.#threads.get(name),
      );
      if (sample) this.#threads.set(name, this.#withChildCpu(sample));
      this.#notePoolNotice(at, name);
    }
    this.#services = this.#guard(at, 'the services', () => services.sample(), this.#services);
    this.#noteServiceError(at);
    const tasks = taskWindow.close(windowMs);
    const measured: WindowMeasurements = {
      at,
      model,
      eventLoop,
      tasks,
      pools: poolSamples(this.#threads, tasks),
      cpu: withChildProcesses(cpu, this.#threads.values()),
      settling,
    };
    this.#childCpuMs += (measured.cpu.childProcessCores ?? 0) * windowMs;
    this.#history.push(historyPoint(measured));
    return {
      measured,
      history: this.#history.toArray(),
      lastFreeze,
      services: this.#services,
    };
  }

  /**
   * A pool of child processes, with each child's CPU as the kernel counts it where it can be read (Linux):
   * what a child reports itself arrives only between its tasks, so a CPU task would look idle until it ends.
   */
  #withChildCpu(sample: ThreadsSample): ThreadsSample {
    const pids = sample.perThread.flatMap((member) => (member.pid ? [member.pid] : []));
    if (pids.length === 0) return sample;
    const cores = this.#childCpu.sample(pids);
    const perThread = sample.perThread.map((member) => {
      const measured = member.pid ? cores.get(member.pid) : undefined;
      return measured === undefined ? member : { ...member, cpuShare: measured };
    });
    return { ...sample, perThread };
  }

  /**
   * CPU time the run has used so far, ms: this process's, and that of the pool's child processes up to the last
   * sample (a model that runs tasks in child processes spends the run's CPU there).
   */
  runCpuMs(): number {
    return processCpuMs() + this.#childCpuMs;
  }

  /** Forgets the charts' history and the last freeze (`r`). */
  reset(): void {
    this.#history.clear();
    this.#parts.process.reset();
  }

  #guard<Reading>(at: number, what: string, read: () => Reading, lastGood: Reading): Reading {
    return readOrKeep(read, lastGood, (error) =>
      this.#parts.notices.post(at, 'warning', couldNotMeasure(what, error)),
    );
  }

  /** A new reason a pool is short of threads (e.g. a process limit) becomes a notice once. */
  #notePoolNotice(at: number, model: ModelName): void {
    const notice = this.#threads.get(model)?.notice;
    if (notice !== undefined && notice !== this.#lastPoolNotices.get(model)) {
      this.#parts.notices.post(at, 'warning', `${poolName(model)}: ${notice}`);
    }
    this.#lastPoolNotices.set(model, notice);
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

/** "worker pool": how notices name a model's pool. */
function poolName(model: ModelName): string {
  return findModel(model)?.pool?.title.toLowerCase() ?? `the ${model} pool`;
}

/** The process's CPU plus what the pool's child processes (rows with a pid) measured over the same window. */
function withChildProcesses(cpu: CpuSample, pools: Iterable<ThreadsSample>): CpuSample {
  let childProcessCores = 0;
  for (const pool of pools) {
    for (const member of pool.perThread) if (member.pid) childProcessCores += member.cpuShare ?? 0;
  }
  if (childProcessCores === 0) return cpu;
  return { ...cpu, processCores: cpu.processCores + childProcessCores, childProcessCores };
}
