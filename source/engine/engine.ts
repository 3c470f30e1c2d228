// Options and their pure helpers live in engine-options.ts; re-exported for drivers.
export { type EngineOptions, maxThreads, stepConcurrency } from './engine-options.ts';

import { setMaxListeners } from 'node:events';
import { resolveKnobs } from '../../workloads/index.ts';
import { applyAction } from './action-dispatch.ts';
import type { EngineAction } from './actions.ts';
import { now } from './clock.ts';
import type { EngineHandle, WorkloadSummary } from './engine-handle.ts';
import {
  clampThreads,
  type EngineOptions,
  type EngineSettings,
  engineSettings,
  type Services,
} from './engine-options.ts';
import { Insight } from './insight.ts';
import { LiveTask, type TaskSink } from './live-task.ts';
import { probeMachineDetails } from './metrics/machine-details-probe.ts';
import { loadMachineInfo } from './metrics/machine-info.ts';
import { RingBuffer } from './metrics/ring-buffer.ts';
import { SelfCostMeter } from './metrics/self-cost.ts';
import { ModelSet } from './model-set.ts';
import { modelNames } from './models/model-descriptors.ts';
import { messageOf, Notices } from './notices.ts';
import { ProcessMeter } from './process-meter.ts';
import { Scheduler } from './scheduler.ts';
import { type CountedInterval, Scoreboard } from './scoreboard.ts';
import { codeVersionOf, SettingChanges } from './setting-changes.ts';
import { Settling } from './settling.ts';
import { assembleSnapshot } from './snapshot-assembly.ts';
import { Suspension } from './suspension.ts';
import { TaskRegistry } from './task-registry.ts';
import { createTaskSink } from './task-sink.ts';
import { TaskWindow } from './task-window.ts';
import type { EngineEvent, MachineInfo, ModelName, Snapshot } from './types.ts';
import { WindowSampler } from './window-sampler.ts';
import { within } from './within.ts';
import { WorkloadCatalogue } from './workload-catalogue.ts';
import { WorkloadChanges } from './workload-changes.ts';
import { workloadFileFields } from './workload-file-name.ts';
import { WorkloadServices } from './workload-services.ts';

/** The model an engine starts with when none is named: the first of the descriptor table (async). */
function defaultModel(): ModelName {
  return modelNames()[0] as ModelName;
}

/**
 * The live system: runs a workload under a model, measures it, and publishes an immutable
 * snapshot every `sampleIntervalMs`. Drivers (dashboard, bench, tests) act on it only through `dispatch`.
 * Every change of setting begins a new measurement (see settling.ts); nothing a driver dispatches throws.
 */
export class Engine implements EngineHandle {
  readonly workloads: readonly WorkloadSummary[];
  readonly #options: EngineSettings;
  readonly #catalogue: WorkloadCatalogue;
  readonly #registry = new TaskRegistry();
  readonly #window = new TaskWindow();
  /** What measures the process (lag, ELU, CPU, memory); the rest of the engine drives the workload. */
  readonly #process: ProcessMeter;
  readonly #scoreboard: Scoreboard;
  readonly #settling: Settling;
  readonly #scheduler: Scheduler;
  readonly #sampler: WindowSampler;
  readonly #events = new RingBuffer<EngineEvent>(128);
  readonly #listeners = new Set<(snapshot: Snapshot) => void>();
  readonly #abort = new AbortController();
  readonly #models: ModelSet;
  readonly #services: Services;
  readonly #notices: Notices;
  #machine: MachineInfo;
  readonly #selfCost = new SelfCostMeter();
  readonly #settings: SettingChanges;
  #startedAt = now();
  #lastSampleAt = this.#startedAt;
  #sampleTimer: NodeJS.Timeout | undefined;
  #latest: Snapshot | undefined;
  #stopped = false;
  readonly #suspension: Suspension;
  readonly #taskSink: TaskSink;
  readonly #workloadChanges: WorkloadChanges;
  /** Slices, stalls and their blame, advice, histograms and the inspected task (insight.ts). */
  readonly #insight: Insight;
  /** Tasks of an older generation than this (from before the last reset) stay out of the live window. */
  #windowFloor = 0;

  constructor(options: EngineOptions = {}) {
    this.#options = engineSettings(options);
    this.#catalogue = new WorkloadCatalogue(options.workloadFiles);
    const knobOverrides = options.knobs ?? {};
    this.workloads = this.#catalogue.summaries;
    const workload = this.#catalogue.require(options.workload ?? 'cpu');
    // Before anything starts a timer: an unknown workload or a knob out of range throws here.
    const knobs = resolveKnobs(workload.workload, knobOverrides);
    const threads = clampThreads(this.#options.threads);
    this.#machine = loadMachineInfo();
    // Piscina adds one abort listener per queued task; thousands in flight are expected here.
    setMaxListeners(0, this.#abort.signal);
    this.#services = options.services ?? new WorkloadServices();
    this.#notices = new Notices(this.#options.noticeMs);
    const { gil, tasksPerWorker, payloadKb } = this.#options;
    const { taskTimeoutMs, loadTimeoutMs, recordSlices, stallThresholdMs } = this.#options;
    this.#insight = new Insight({ recordSlices, stallThresholdMs, catalogue: this.#catalogue });
    this.#models = new ModelSet(
      threads,
      this.#options.stopTimeoutMs,
      { gil, tasksPerWorker },
      payloadKb,
      { taskTimeoutMs, loadTimeoutMs },
      this.#insight.poolSlices,
    );
    const { sampleIntervalMs, historyMs, freezeThresholdMs } = this.#options;
    this.#process = new ProcessMeter({
      stallThresholdMs,
      onStall: this.#insight.onStall,
      freezeThresholdMs,
      onError: (what, error) =>
        this.#notices.post(now(), 'warning', `could not measure ${what}: ${messageOf(error)}`),
    });
    // A row's CPU is the run's: this process's and its pool's child processes' (window-sampler.ts).
    this.#scoreboard = new Scoreboard(this.#process.lag, () => this.#sampler.runCpuMs());
    this.#settling = new Settling(this.#scoreboard, {
      boundMs: this.#options.settlingBoundMs,
      now,
      onTaskCounted: options.onTaskCounted,
    });
    this.#sampler = new WindowSampler(
      {
        process: this.#process,
        models: this.#models,
        services: this.#services,
        tasks: this.#window,
        notices: this.#notices,
      },
      { historyLength: Math.ceil(historyMs / sampleIntervalMs) },
    );
    const { mode, concurrency, rate } = this.#options;
    this.#scheduler = new Scheduler(
      { mode, concurrency, rate, paused: options.paused ?? false },
      { submit: () => this.#submit(), inFlight: () => this.#registry.inFlight, now },
    );
    this.#settings = new SettingChanges(
      {
        scheduler: this.#scheduler,
        models: this.#models,
        registry: this.#registry,
        settling: this.#settling,
        events: this.#events,
        notices: this.#notices,
        catalogue: this.#catalogue,
        services: this.#services,
        knobOverrides,
      },
      { model: options.model ?? defaultModel(), workload, knobs, threads, gil, tasksPerWorker, payloadKb },
    );
    this.#workloadChanges = new WorkloadChanges(
      {
        catalogue: this.#catalogue,
        settings: this.#settings,
        services: this.#services,
        notices: this.#notices,
        knobOverrides,
        loadTimeoutMs: this.#options.loadTimeoutMs,
        stopped: () => this.#stopped,
      },
      (message) => this.#notify(message),
    );
    this.#taskSink = createTaskSink({
      signal: this.#abort.signal,
      registry: this.#registry,
      window: this.#window,
      settling: this.#settling,
      scheduler: this.#scheduler,
      knobs: () => this.#settings.current.knobs,
      context: () => this.#services.context,
      windowFloor: () => this.#windowFloor,
      slices: this.#insight.slices.loopSink,
      histograms: this.#insight.histograms,
    });
    this.#suspension = new Suspension({
      lagMonitor: this.#process.lag,
      paused: () => this.#scheduler.settings.paused,
      togglePause: () => this.#settings.togglePause(),
    });
  }

  /** Starts the services the workload needs and the model, then the sampling and the scheduler. */
  async start(): Promise<void> {
    const { workload, model } = this.#settings.current;
    await this.#services.prepare(workload.workload);
    this.#models.get(model);
    this.#insight.start();
    this.#startedAt = now();
    this.#lastSampleAt = this.#startedAt;
    this.#settling.begin(this.#settings.config(), this.#startedAt, 0, this.#scheduler.settings.paused);
    this.#sampleTimer = setInterval(() => this.#publish(), this.#options.sampleIntervalMs);
    this.#scheduler.start();
    this.#publish();
  }

  /**
   * Reads the machine's details (physical cores, clock, free memory) in a worker thread and shows them from the
   * next snapshot on. Call once the first frame is drawn: it starts a thread and its readers spawn processes.
   * Resolves whether or not they could be read; until then, or without them, the machine is its logical cores.
   */
  async describeMachine(): Promise<void> {
    const details = await probeMachineDetails({ logicalCores: this.#machine.logicalCores });
    if (details && !this.#stopped) this.#machine = { ...this.#machine, details };
  }

  /**
   * Starts, while nothing is asked of them, the models whose descriptor says they are cheap to keep ready
   * (the worker pool's threads), so a first switch does not boot threads on the cores the run is using.
   */
  warmUp(): void {
    if (this.#stopped) return;
    this.#models.warmUp();
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
    try {
      applyAction(action, {
        settings: this.#settings,
        scheduler: this.#scheduler,
        suspension: this.#suspension,
        setWorkload: (name) => this.#workloadChanges.switchTo(name),
        reloadWorkload: (url) => this.#workloadChanges.reload(url),
        resetStatistics: () => this.#resetStatistics(),
        inspectTask: (id) => this.#insight.inspect(id),
      });
    } catch (error) {
      // Each change guards what it knows can fail; this is the last line: a key never ends the process.
      this.#notify(`${action.type} failed: ${messageOf(error)}`);
    }
  }

  /** Resolves once every workload change asked so far has taken effect (or failed, with a notice). */
  settled(): Promise<void> {
    return this.#workloadChanges.settled();
  }

  /** Closes the current window and publishes a snapshot now. */
  snapshotNow(): Snapshot {
    this.#publish();
    return this.#latest as Snapshot;
  }

  /** The intervals each scoreboard row counted since the last reset: for tests and diagnostics. */
  countedIntervals(): CountedInterval[] {
    return this.#scoreboard.countedIntervals(now());
  }

  /**
   * Stops submitting, cancels what has not started, gives running tasks `stopTimeoutMs` to finish, and frees
   * every thread and server. Returns within about that bound whatever the tasks do.
   */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#scheduler.stop();
    if (this.#sampleTimer) clearInterval(this.#sampleTimer);
    this.#abort.abort();
    // Together: closing the services ends the requests in flight at once, so the models need not wait them out.
    await Promise.all([this.#models.close(), within(this.#services.close(), this.#options.stopTimeoutMs)]);
    // A last snapshot, for drivers that read the final counts.
    this.#publish();
    this.#settling.stop(now());
    this.#process.stop();
    this.#insight.stop();
    this.#listeners.clear();
  }

  #submit(): void {
    const model = this.#models.get(this.#settings.current.model);
    const { specifier } = this.#settings.current.workload;
    const task = new LiveTask(this.#taskSink, model.name, specifier, now(), this.#settling.generation);
    this.#registry.track(task);
    model.submit(specifier, task, task);
  }

  #resetStatistics(): void {
    const at = now();
    this.#scheduler.withheld(() => {
      this.#registry.resetCounts();
      this.#window.reset();
      this.#sampler.reset();
      this.#events.clear();
      this.#notices.clear();
      this.#events.push({ at, kind: 'reset' });
      this.#scoreboard.reset(at);
      this.#settings.measureAfresh(at, 'move');
      this.#windowFloor = this.#settling.generation;
      this.#insight.reset();
    });
  }

  #notify(message: string): void {
    this.#notices.post(now(), 'error', message);
  }

  #publish(): void {
    const at = now();
    const windowMs = Math.max(1, at - this.#lastSampleAt);
    this.#lastSampleAt = at;
    const { model, workload, knobs, threads, gil = false, tasksPerWorker = 1 } = this.#settings.current;
    const reading = this.#sampler.sample(at, windowMs, model, this.#settling.settlingInWindow());
    const recentTasks = this.#registry.recent(this.#options.recentTasks);
    const { name, kind, description } = workload.workload;
    this.#selfCost.record({
      windowMs,
      // This process alone: the pool's child processes are the workload's, never the dashboard's cost.
      processCores: reading.measured.cpu.processCores - (reading.measured.cpu.childProcessCores ?? 0),
      idle: this.#scheduler.settings.paused && this.#registry.inFlight === 0,
    });
    const snapshot = assembleSnapshot(reading.measured, {
      startedAt: this.#startedAt,
      windowMs,
      workload: {
        name,
        kind,
        description,
        knobs: { ...knobs },
        ...workloadFileFields(workload),
        ...codeVersionOf(workload),
      },
      scheduler: this.#scheduler.settings,
      poolThreads: threads,
      threading: { gil, tasksPerWorker },
      payloadKb: this.#options.payloadKb,
      taskCounts: this.#registry.counts(),
      recentTasks,
      history: reading.history,
      events: this.#events.toArray(),
      lastFreeze: reading.lastFreeze,
      scoreboard: this.#scoreboard.rows(at, this.#settling.status()),
      machine: this.#machine,
      selfCost: this.#selfCost.sample(),
      notice: this.#notices.current(at),
      services: reading.services,
      ...this.#insight.sample(at, {
        pools: reading.measured.pools,
        droppedSlices: this.#models.droppedSlices(),
        knobs,
        records: this.#registry,
        recent: recentTasks,
      }),
    });
    this.#insight.advise(snapshot);
    this.#latest = snapshot;
    for (const listener of this.#listeners) listener(snapshot);
  }
}
