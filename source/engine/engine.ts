// Options and their pure helpers live in engine-options.ts; re-exported for drivers.
export { type EngineOptions, maxThreads, stepConcurrency } from './engine-options.ts';

import { setMaxListeners } from 'node:events';
import { builtinWorkloads, findWorkload, resolveKnobs } from '../../workloads/index.ts';
import type { EngineAction } from './actions.ts';
import { now } from './clock.ts';
import type { EngineHandle, WorkloadSummary } from './engine-handle.ts';
import {
  clampThreads,
  type EngineOptions,
  type EngineSettings,
  engineSettings,
  requireWorkload,
} from './engine-options.ts';
import { LiveTask, type TaskSink } from './live-task.ts';
import { createCpuSampler } from './metrics/cpu-sampler.ts';
import { createLagMonitor, type LagMonitor } from './metrics/lag-monitor.ts';
import { loadMachineInfo } from './metrics/machine-info.ts';
import { RingBuffer } from './metrics/ring-buffer.ts';
import { createEventLoopModel } from './models/event-loop-model.ts';
import type { ExecutionModel } from './models/execution-model.ts';
import { createWorkerPoolModel } from './models/worker-pool-model.ts';
import { Scheduler } from './scheduler.ts';
import { Scoreboard } from './scoreboard.ts';
import { assembleSnapshot, historyPoint, poolSample } from './snapshot-assembly.ts';
import { TaskRegistry } from './task-registry.ts';
import { TaskWindow } from './task-window.ts';
import type {
  EngineEvent,
  Freeze,
  HistoryPoint,
  Knobs,
  MachineInfo,
  ModelName,
  Snapshot,
  Workload,
} from './types.ts';
import { WorkloadServices } from './workload-services.ts';

/**
 * The live system: runs a workload under a model, measures it, and publishes an immutable
 * snapshot every `sampleIntervalMs`. Drivers (dashboard, bench, tests) act on it only through `dispatch`.
 */
export class Engine implements EngineHandle {
  readonly workloads: readonly WorkloadSummary[] = builtinWorkloads.map(({ name, kind, description }) => ({
    name,
    kind,
    description,
  }));

  readonly #options: EngineSettings;
  readonly #knobOverrides: Partial<Knobs>;
  readonly #registry = new TaskRegistry();
  readonly #window = new TaskWindow();
  readonly #lagMonitor: LagMonitor;
  readonly #cpuSampler = createCpuSampler();
  readonly #scoreboard: Scoreboard;
  readonly #scheduler: Scheduler;
  readonly #history: RingBuffer<HistoryPoint>;
  readonly #events = new RingBuffer<EngineEvent>(64);
  readonly #listeners = new Set<(snapshot: Snapshot) => void>();
  readonly #abort = new AbortController();
  readonly #eventLoopModel = createEventLoopModel();
  #workerModel: ExecutionModel | undefined;
  #model: ModelName;
  #workload: Workload;
  #knobs: Knobs;
  #threads: number;
  readonly #services = new WorkloadServices();
  readonly #machine: MachineInfo;
  #startedAt = now();
  #lastSampleAt = this.#startedAt;
  #sampleTimer: NodeJS.Timeout | undefined;
  #latest: Snapshot | undefined;
  #lastFreeze: Freeze | undefined;
  #stopped = false;
  #workloadChange: Promise<void> = Promise.resolve();

  constructor(options: EngineOptions = {}) {
    this.#options = engineSettings(options);
    this.#knobOverrides = options.knobs ?? {};
    this.#workload = requireWorkload(options.workload ?? 'cpu');
    this.#knobs = resolveKnobs(this.#workload, this.#knobOverrides);
    this.#model = options.model ?? 'async';
    this.#threads = clampThreads(this.#options.threads);
    this.#machine = loadMachineInfo();
    // Piscina adds one abort listener per queued task; thousands in flight are expected here.
    setMaxListeners(0, this.#abort.signal);
    this.#lagMonitor = createLagMonitor();
    this.#scoreboard = new Scoreboard(this.#lagMonitor);
    this.#history = new RingBuffer(Math.ceil(this.#options.historyMs / this.#options.sampleIntervalMs));
    this.#scheduler = new Scheduler(
      {
        mode: this.#options.mode,
        concurrency: this.#options.concurrency,
        rate: this.#options.rate,
        paused: options.paused ?? false,
      },
      { submit: () => this.#submit(), inFlight: () => this.#registry.inFlight, now },
    );
  }

  /** Starts the services the workload needs, then the sampling and the scheduler. */
  async start(): Promise<void> {
    await this.#services.prepare(this.#workload);
    this.#startedAt = now();
    this.#lastSampleAt = this.#startedAt;
    if (!this.#scheduler.settings.paused)
      this.#scoreboard.activate(this.#workload.name, this.#model, this.#startedAt);
    this.#sampleTimer = setInterval(() => this.#publish(), this.#options.sampleIntervalMs);
    this.#scheduler.start();
    this.#publish();
  }

  latest(): Snapshot | undefined {
    return this.#latest;
  }

  subscribe(listener: (snapshot: Snapshot) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  dispatch(action: EngineAction): void {
    if (this.#stopped) return;
    switch (action.type) {
      case 'switchModel':
        this.#switchModel(action.model);
        break;
      case 'setWorkload':
        this.#workloadChange = this.#workloadChange.then(() => this.#setWorkload(action.workload));
        break;
      case 'changeConcurrency':
        this.#scheduler.stepLoad(action.delta);
        break;
      case 'setConcurrency':
        this.#scheduler.setConcurrency(action.concurrency);
        break;
      case 'setRate':
        this.#scheduler.setRate(action.rate);
        break;
      case 'changeThreads':
        this.#setThreads(this.#threads + action.delta);
        break;
      case 'togglePause':
        this.#togglePause();
        break;
      case 'resetStatistics':
        this.#resetStatistics();
        break;
    }
  }

  /** Resolves once every workload change asked so far has taken effect. */
  settled(): Promise<void> {
    return this.#workloadChange;
  }

  /** Closes the current window and publishes a snapshot now. */
  snapshotNow(): Snapshot {
    this.#publish();
    return this.#latest as Snapshot;
  }

  /** Stops submitting, cancels what has not started, waits for the rest, and frees every thread and server. */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#scheduler.stop();
    if (this.#sampleTimer) clearInterval(this.#sampleTimer);
    this.#abort.abort();
    await Promise.all([this.#eventLoopModel.close(), this.#workerModel?.close()]);
    await this.#services.close();
    // A last snapshot with every task settled, for drivers that read the final counts.
    this.#publish();
    this.#scoreboard.close();
    this.#lagMonitor.stop();
    this.#listeners.clear();
  }

  #activeModel(): ExecutionModel {
    if (this.#model === 'async') return this.#eventLoopModel;
    this.#workerModel ??= createWorkerPoolModel({ threads: this.#threads });
    return this.#workerModel;
  }

  #submit(): void {
    const model = this.#activeModel();
    const workload = this.#workload.name;
    const task = this.#registry.track(new LiveTask(this.#taskSink, model.name, workload, now()));
    model.submit(workload, task, task);
  }

  readonly #taskSink: TaskSink = this.#createTaskSink();

  #createTaskSink(): TaskSink {
    const engine = this;
    return {
      signal: this.#abort.signal,
      get knobs() {
        return engine.#knobs;
      },
      get context() {
        return engine.#services.context;
      },
      started: (task, start) => this.#registry.start(task, start),
      settled: (task, outcome, workload) => {
        this.#registry.settle(task, outcome);
        this.#window.record(task);
        this.#scoreboard.record(task, workload);
        this.#scheduler.taskSettled();
      },
    };
  }

  #switchModel(model: ModelName): void {
    if (model === this.#model) return;
    const at = now();
    this.#events.push({ at, kind: 'switch', from: this.#model, to: model });
    this.#model = model;
    if (!this.#scheduler.settings.paused) this.#scoreboard.activate(this.#workload.name, model, at);
    // Closed loop: the old model drains while the new one fills, so top up now rather than waiting.
    this.#scheduler.taskSettled();
  }

  async #setWorkload(name: string): Promise<void> {
    const workload = findWorkload(name);
    if (!workload || workload === this.#workload || this.#stopped) return;
    await this.#services.prepare(workload);
    if (this.#stopped) return;
    const at = now();
    this.#events.push({ at, kind: 'workload', from: this.#workload.name, to: workload.name });
    this.#workload = workload;
    this.#knobs = resolveKnobs(workload, this.#knobOverrides);
    if (!this.#scheduler.settings.paused) this.#scoreboard.activate(workload.name, this.#model, at);
  }

  #setThreads(threads: number): void {
    const next = clampThreads(threads);
    if (next === this.#threads) return;
    this.#threads = next;
    this.#workerModel?.setThreads(next);
  }

  #togglePause(): void {
    const paused = !this.#scheduler.settings.paused;
    const at = now();
    this.#events.push({ at, kind: paused ? 'pause' : 'resume' });
    if (paused) this.#scoreboard.suspend(at);
    else this.#scoreboard.activate(this.#workload.name, this.#model, at);
    this.#scheduler.setPaused(paused);
  }

  #resetStatistics(): void {
    const at = now();
    this.#registry.resetCounts();
    this.#window.reset();
    this.#history.clear();
    this.#events.clear();
    this.#lastFreeze = undefined;
    this.#events.push({ at, kind: 'reset' });
    this.#scoreboard.reset(at);
    if (this.#scheduler.settings.paused) this.#scoreboard.suspend(at);
  }

  #publish(): void {
    const at = now();
    const windowMs = Math.max(1, at - this.#lastSampleAt);
    this.#lastSampleAt = at;
    const eventLoop = this.#lagMonitor.sample();
    const tasks = this.#window.close(windowMs);
    const measured = {
      at,
      model: this.#model,
      eventLoop,
      tasks,
      pool: poolSample(this.#workerModel?.sampleThreads(windowMs), tasks),
      cpu: this.#cpuSampler.sample(),
      settling: false,
    };
    if (eventLoop.lag.max >= this.#options.freezeThresholdMs) {
      this.#lastFreeze = { at, durationMs: eventLoop.lag.max };
    }
    this.#history.push(historyPoint(measured));
    const snapshot = assembleSnapshot(measured, {
      startedAt: this.#startedAt,
      windowMs,
      workload: {
        name: this.#workload.name,
        kind: this.#workload.kind,
        description: this.#workload.description,
        knobs: { ...this.#knobs },
      },
      scheduler: this.#scheduler.settings,
      poolThreads: this.#threads,
      taskCounts: this.#registry.counts(),
      recentTasks: this.#registry.recent(this.#options.recentTasks),
      history: this.#history.toArray(),
      events: this.#events.toArray(),
      lastFreeze: this.#lastFreeze,
      scoreboard: this.#scoreboard.rows(at),
      machine: this.#machine,
      services: this.#services.sample(),
    });
    this.#latest = snapshot;
    for (const listener of this.#listeners) listener(snapshot);
  }
}
