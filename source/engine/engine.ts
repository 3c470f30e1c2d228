// Options and their pure helpers live in engine-options.ts; re-exported for drivers.
export { type EngineOptions, maxThreads, stepConcurrency } from './engine-options.ts';

import { applyAction } from './action-dispatch.ts';
import type { EngineAction } from './actions.ts';
import { now } from './clock.ts';
import type { EngineHandle, WorkloadSummary } from './engine-handle.ts';
import type { EngineOptions } from './engine-options.ts';
import { createEngineParts, type EngineParts } from './engine-parts.ts';
import { LiveTask } from './live-task.ts';
import { probeMachineDetails } from './metrics/machine-details-probe.ts';
import { SelfCostMeter } from './metrics/self-cost.ts';
import { messageOf } from './notices.ts';
import type { CountedInterval } from './scoreboard.ts';
import { codeVersionOf } from './setting-changes.ts';
import { assembleSnapshot } from './snapshot-assembly.ts';
import type { MachineInfo, Snapshot } from './types.ts';
import { within } from './within.ts';
import { workloadFileFields } from './workload-file-name.ts';

/**
 * The live system: runs a workload under a model, measures it, and publishes an immutable
 * snapshot every `sampleIntervalMs`. Drivers (dashboard, bench, tests) act on it only through `dispatch`.
 * Every change of setting begins a new measurement (see settling.ts); nothing a driver dispatches throws.
 */
export class Engine implements EngineHandle {
  readonly workloads: readonly WorkloadSummary[];
  /** Everything the engine drives and measures, wired in engine-parts.ts. */
  readonly #parts: EngineParts;
  readonly #listeners = new Set<(snapshot: Snapshot) => void>();
  #machine: MachineInfo;
  readonly #selfCost = new SelfCostMeter();
  #startedAt = now();
  #lastSampleAt = this.#startedAt;
  #sampleTimer: NodeJS.Timeout | undefined;
  #latest: Snapshot | undefined;
  #stopped = false;
  /** Whether `start` held the tasks (`releaseTasks` starts them). */
  #tasksHeld = false;
  /** Tasks of an older generation than this (from before the last reset) stay out of the live window. */
  #windowFloor = 0;

  constructor(options: EngineOptions = {}) {
    this.#parts = createEngineParts(options, {
      submit: (at) => this.#submit(at),
      stopped: () => this.#stopped,
      notify: (message) => this.#notify(message),
      windowFloor: () => this.#windowFloor,
    });
    this.workloads = this.#parts.catalogue.summaries;
    this.#machine = this.#parts.machine;
  }

  /**
   * Starts the services the workload needs and the model, then the sampling and the scheduler. With
   * `holdTasks`, no task starts and nothing is counted until `releaseTasks()`: the dashboard holds them while
   * Ink loads, which a cpu workload on the loop would otherwise slow down.
   */
  async start({ holdTasks = false }: { holdTasks?: boolean } = {}): Promise<void> {
    const { settings, services, models, insight, options } = this.#parts;
    const { workload, model } = settings.current;
    await services.prepare(workload.workload);
    models.get(model);
    insight.start();
    this.#startedAt = now();
    this.#lastSampleAt = this.#startedAt;
    this.#sampleTimer = setInterval(() => this.#publish(), options.sampleIntervalMs);
    this.#tasksHeld = holdTasks;
    // Held, the row is chosen but counts nothing (as while paused) until the release begins it afresh.
    if (holdTasks) this.#parts.settling.begin(settings.config(), this.#startedAt, 0, true);
    else this.#startTasks(this.#startedAt);
    this.#publish();
  }

  /** Starts the tasks `start({ holdTasks: true })` held: the scoreboard counts from now. */
  releaseTasks(): void {
    if (!this.#tasksHeld || this.#stopped) return;
    this.#tasksHeld = false;
    this.#startTasks(now());
  }

  #startTasks(at: number): void {
    const { settings, settling, scheduler } = this.#parts;
    settling.begin(settings.config(), at, 0, scheduler.settings.paused);
    scheduler.start();
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
    this.#parts.models.warmUp();
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
        settings: this.#parts.settings,
        scheduler: this.#parts.scheduler,
        suspension: this.#parts.suspension,
        setWorkload: (name) => this.#parts.workloadChanges.switchTo(name),
        reloadWorkload: (url) => this.#parts.workloadChanges.reload(url),
        resetStatistics: () => this.#resetStatistics(),
        inspectTask: (id) => this.#parts.insight.inspect(id),
      });
    } catch (error) {
      // Each change guards what it knows can fail; this is the last line: a key never ends the process.
      this.#notify(`${action.type} failed: ${messageOf(error)}`);
    }
  }

  /** Resolves once every workload change asked so far has taken effect (or failed, with a notice). */
  settled(): Promise<void> {
    return this.#parts.workloadChanges.settled();
  }

  /** Closes the current window and publishes a snapshot now. */
  snapshotNow(): Snapshot {
    this.#publish();
    return this.#latest as Snapshot;
  }

  /** The intervals each scoreboard row counted since the last reset: for tests and diagnostics. */
  countedIntervals(): CountedInterval[] {
    return this.#parts.scoreboard.countedIntervals(now());
  }

  /**
   * Stops submitting, cancels what has not started, gives running tasks `stopTimeoutMs` to finish, and frees
   * every thread and server. Returns within about that bound whatever the tasks do.
   */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    const { scheduler, abort, models, services, options, settling, insight } = this.#parts;
    scheduler.stop();
    if (this.#sampleTimer) clearInterval(this.#sampleTimer);
    abort.abort();
    // Together: closing the services ends the requests in flight at once, so the models need not wait them out.
    await Promise.all([models.close(), within(services.close(), options.stopTimeoutMs)]);
    // A last snapshot, for drivers that read the final counts.
    this.#publish();
    settling.stop(now());
    this.#parts.process.stop();
    insight.stop();
    this.#listeners.clear();
  }

  #submit(at: number): void {
    const { models, settings, taskSink, settling, registry } = this.#parts;
    const model = models.get(settings.current.model);
    const { specifier } = settings.current.workload;
    const task = new LiveTask(taskSink.setupFor(specifier), model.name, at, settling.generation);
    registry.track(task);
    model.submit(specifier, task, task);
  }

  #resetStatistics(): void {
    const { scheduler, registry, window, sampler, events, notices, scoreboard, settings, settling, insight } =
      this.#parts;
    const at = now();
    scheduler.withheld(() => {
      registry.resetCounts();
      window.reset();
      sampler.reset();
      events.clear();
      notices.clear();
      events.push({ at, kind: 'reset' });
      scoreboard.reset(at);
      settings.measureAfresh(at, 'move');
      this.#windowFloor = settling.generation;
      insight.reset();
    });
  }

  #notify(message: string): void {
    this.#parts.notices.post(now(), 'error', message);
  }

  #publish(): void {
    const {
      settings,
      sampler,
      settling,
      registry,
      options,
      scheduler,
      events,
      scoreboard,
      notices,
      insight,
      models,
    } = this.#parts;
    const at = now();
    const windowMs = Math.max(1, at - this.#lastSampleAt);
    this.#lastSampleAt = at;
    const { model, workload, knobs, threads, gil = false, tasksPerWorker = 1 } = settings.current;
    const reading = sampler.sample(at, windowMs, model, settling.settlingInWindow());
    const recentTasks = registry.recent(options.recentTasks);
    const { name, kind, description } = workload.workload;
    this.#selfCost.record({
      windowMs,
      // This process alone: the pool's child processes are the workload's, never the dashboard's cost.
      processCores: reading.measured.cpu.processCores - (reading.measured.cpu.childProcessCores ?? 0),
      idle: scheduler.settings.paused && registry.inFlight === 0,
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
      scheduler: scheduler.settings,
      poolThreads: threads,
      threading: { gil, tasksPerWorker },
      payloadKb: options.payloadKb,
      taskCounts: registry.counts(),
      recentTasks,
      history: reading.history,
      events: events.toArray(),
      lastFreeze: reading.lastFreeze,
      scoreboard: scoreboard.rows(at, settling.status()),
      machine: this.#machine,
      selfCost: this.#selfCost.sample(),
      notice: notices.current(at),
      services: reading.services,
      ...insight.sample(at, {
        pools: reading.measured.pools,
        droppedSlices: models.droppedSlices(),
        knobs,
        records: registry,
        recent: recentTasks,
      }),
    });
    insight.advise(snapshot);
    this.#latest = snapshot;
    for (const listener of this.#listeners) listener(snapshot);
  }
}
