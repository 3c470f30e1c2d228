import { resolveKnobs } from '../../workloads/index.ts';
import { now } from './clock.ts';
import { clampThreads, maxThreads, type Services } from './engine-options.ts';
import { describeLimit, loadOf } from './load-limits.ts';
import type { RingBuffer } from './metrics/ring-buffer.ts';
import type { ModelSet } from './model-set.ts';
import type { WaitingTask } from './models/execution-model.ts';
import { findModel } from './models/model-descriptors.ts';
import { messageOf, type Notices } from './notices.ts';
import { threadingOfPool, usesThreads } from './run-config.ts';
import type { Scheduler } from './scheduler.ts';
import type { Settling } from './settling.ts';
import { handOver } from './task-handover.ts';
import type { TaskRegistry } from './task-registry.ts';
import type { EngineEvent, Knobs, ModelName, RunConfig } from './types.ts';
import type { CatalogueEntry, WorkloadCatalogue } from './workload-catalogue.ts';

/** The engine's parts a change of setting acts on. */
export type ChangeParts = {
  scheduler: Scheduler;
  models: ModelSet;
  registry: TaskRegistry;
  settling: Settling;
  events: RingBuffer<EngineEvent>;
  notices: Notices;
  catalogue: WorkloadCatalogue;
  services: Services;
  knobOverrides: Partial<Knobs>;
};

/** Waiting tasks under the specifier `from` go on under `to` (a reloaded workload file). */
type Respecify = { from: string; to: string };

function knobsEqual(a: Knobs, b: Knobs): boolean {
  const names = Object.keys(a);
  return names.length === Object.keys(b).length && names.every((name) => a[name] === b[name]);
}

/** A reloaded file's version, for a configuration: unset as started, so a run without reloads keys as before. */
export function codeVersionOf(entry: CatalogueEntry): Pick<RunConfig, 'codeVersion'> {
  return entry.version !== undefined && entry.version > 1 ? { codeVersion: entry.version } : {};
}

/** The settings one may change while the engine runs. */
export type CurrentSettings = {
  model: ModelName;
  workload: CatalogueEntry;
  knobs: Knobs;
  threads: number;
  /** Whether the worker pool's threads take turns under one lock. */
  gil?: boolean;
  /** Tasks each worker thread runs at once. */
  tasksPerWorker?: number;
  /** Kilobytes each task carries in and back, fixed for the run. */
  payloadKb?: number;
};

/**
 * The settings the engine runs with, and every change to them. Each change marks the charts (an event) and
 * begins a new measurement; none throws: what cannot be done leaves the settings as they were, with a notice.
 */
export class SettingChanges {
  readonly #parts: ChangeParts;
  readonly #current: CurrentSettings;
  /** The last reload that moved waiting tasks to its new version: tasks taken back late move too. */
  #moved: Respecify | undefined;

  constructor(parts: ChangeParts, initial: CurrentSettings) {
    this.#parts = parts;
    this.#current = { ...initial };
    parts.models.onTakenBack = (tasks) => this.#takenBackLate(tasks);
  }

  get current(): Readonly<CurrentSettings> {
    return this.#current;
  }

  /** The configuration measured now: the scoreboard row's identity. */
  config(): RunConfig {
    const { mode, concurrency, rate } = this.#parts.scheduler.settings;
    const { model, workload, threads, knobs, gil = false, tasksPerWorker = 1, payloadKb = 0 } = this.#current;
    return {
      workload: workload.workload.name,
      model,
      mode,
      load: loadOf(mode, concurrency, rate),
      threads: usesThreads(model) ? threads : undefined,
      knobs,
      ...threadingOfPool({ gil, tasksPerWorker }, model),
      ...(payloadKb > 0 ? { payloadKb } : {}),
      ...codeVersionOf(workload),
    };
  }

  /**
   * A new measurement from `at`: tasks that have not started are taken back from every model and go on under
   * the new settings (`move`, up to the closed loop's concurrency) or end as cancelled (`cancel`, a workload
   * switch). What is still in flight afterwards started before: the new row settles until it has finished.
   * Call inside `scheduler.withheld`, after the settings changed.
   */
  measureAfresh(at: number, waitingTasks: 'move' | 'cancel', respecify?: Respecify): void {
    const { models, registry, scheduler, settling } = this.#parts;
    const waiting = models.withdrawWaiting();
    // A reload: tasks that have not started run the new code (they carry the workload's specifier).
    if (respecify) {
      for (const task of waiting) if (task.workload === respecify.from) task.workload = respecify.to;
      if (waitingTasks === 'move') this.#moved = respecify;
    }
    const fromBefore = registry.inFlight - waiting.length;
    const { mode, concurrency, paused } = scheduler.settings;
    // Before the scheduler starts (tasks held while the dashboard loads) nothing runs, so nothing counts yet.
    const generation = settling.begin(this.config(), at, fromBefore, paused || !scheduler.started);
    let keep = waiting.length;
    if (waitingTasks === 'cancel') keep = 0;
    else if (mode === 'closed') keep = Math.max(0, concurrency - fromBefore);
    handOver(waiting, keep, models.get(this.#current.model), generation, registry);
  }

  /**
   * Tasks a model took back after the change that withdrew them (a child process held them, and its answer came
   * later): they counted as from before, and now go on under the current measurement if they are of the
   * workload it runs (and while the closed loop has room), else end as cancelled, as at the change itself.
   */
  #takenBackLate(tasks: WaitingTask[]): void {
    const { models, registry, scheduler, settling } = this.#parts;
    settling.takenBack(tasks.length);
    const { specifier } = this.#current.workload;
    for (const task of tasks) if (task.workload === this.#moved?.from) task.workload = this.#moved.to;
    const ordered = [...tasks.filter((task) => task.workload === specifier)];
    let keep = ordered.length;
    for (const task of tasks) if (task.workload !== specifier) ordered.push(task);
    const { mode, concurrency } = scheduler.settings;
    if (mode === 'closed')
      keep = Math.min(keep, Math.max(0, concurrency - (registry.inFlight - tasks.length)));
    scheduler.withheld(() => {
      handOver(ordered, keep, models.get(this.#current.model), settling.generation, registry);
    });
  }

  switchModel(model: ModelName): void {
    if (model === this.#current.model) return;
    try {
      this.#parts.models.get(model);
    } catch (error) {
      this.#notify('error', `could not start ${model}: ${messageOf(error)}`);
      return;
    }
    this.#change({ at: now(), kind: 'switch', from: this.#current.model, to: model }, () => {
      this.#current.model = model;
    });
  }

  /** Throws (for the caller's notice) when the workload is unknown, its knobs do not fit, or a service fails. */
  async setWorkload(name: string, stopped: () => boolean): Promise<void> {
    const { catalogue, knobOverrides, services } = this.#parts;
    const entry = catalogue.find(name);
    if (!entry) throw new Error(`unknown workload (choose from ${catalogue.names()})`);
    if (entry === this.#current.workload || stopped()) return;
    const knobs = resolveKnobs(entry.workload, knobOverrides);
    await services.prepare(entry.workload);
    if (stopped()) return;
    const from = this.#current.workload.workload.name;
    const apply = () => {
      this.#current.workload = entry;
      this.#current.knobs = knobs;
    };
    this.#change({ at: now(), kind: 'workload', from, to: entry.workload.name }, apply, 'cancel');
  }

  /**
   * A new version of the running workload file, already imported and checked (workload-reload.ts): new tasks
   * run it, started tasks finish on the old. Tasks that have not started move to the new version too, unless
   * its knob values differ: a task carries its knobs from submission, and new code must not run with old knobs,
   * so then they are cancelled, as on a workload switch.
   */
  reload(entry: CatalogueEntry, knobs: Knobs, file: string): void {
    const previous = this.#current.workload;
    const sameKnobs = knobsEqual(this.#current.knobs, knobs);
    const event: EngineEvent = {
      at: now(),
      kind: 'reload',
      workload: entry.workload.name,
      file,
      version: entry.version ?? 1,
    };
    const apply = () => {
      this.#current.workload = entry;
      this.#current.knobs = knobs;
    };
    const respecify = { from: previous.specifier, to: entry.specifier };
    this.#change(event, apply, sameKnobs ? 'move' : 'cancel', respecify);
  }

  /** `+`/`-`, or a value set outright; `direction` says which way the user pushed, for the limit notice. */
  changeLoad(direction: number, apply: (scheduler: Scheduler) => void): void {
    const { scheduler, events } = this.#parts;
    const before = scheduler.settings;
    const from = loadOf(before.mode, before.concurrency, before.rate);
    scheduler.withheld(() => {
      apply(scheduler);
      const { mode, concurrency, rate } = scheduler.settings;
      const to = loadOf(mode, concurrency, rate);
      const limit = describeLimit(mode, from, to, direction);
      if (limit) this.#notify('info', limit);
      if (to === from) return;
      const at = now();
      events.push({ at, kind: 'load', mode, from, to });
      this.measureAfresh(at, 'move');
    });
  }

  changeThreads(delta: number): void {
    const next = clampThreads(this.#current.threads + delta);
    if (next === (delta > 0 ? maxThreads : 1)) {
      this.#notify('info', `pool threads are at their ${delta > 0 ? 'maximum' : 'minimum'}, ${next}`);
    }
    if (next === this.#current.threads) return;
    this.#parts.scheduler.withheld(() => {
      const at = now();
      this.#parts.events.push({ at, kind: 'threads', from: this.#current.threads, to: next });
      this.#current.threads = next;
      try {
        this.#parts.models.setThreads(next);
      } catch (error) {
        this.#notify('error', `could not resize the pool to ${next} threads: ${messageOf(error)}`);
      }
      if (findModel(this.#current.model)?.honours?.includes('gil')) this.measureAfresh(at, 'move');
    });
  }

  /** `g`: the GIL on or off; a new measurement when the model runs on threads (async never uses the pool). */
  toggleGil(): void {
    const on = !this.#current.gil;
    this.#parts.scheduler.withheld(() => {
      const at = now();
      this.#parts.events.push({ at, kind: 'gil', to: on ? 'on' : 'off' });
      this.#current.gil = on;
      this.#parts.models.setGil(on);
      if (usesThreads(this.#current.model)) this.measureAfresh(at, 'move');
    });
  }

  togglePause(): void {
    const { scheduler } = this.#parts;
    const paused = !scheduler.settings.paused;
    this.#change({ at: now(), kind: paused ? 'pause' : 'resume' }, () => scheduler.setPaused(paused));
  }

  #change(
    event: EngineEvent,
    apply: () => void,
    waitingTasks: 'move' | 'cancel' = 'move',
    respecify?: Respecify,
  ): void {
    this.#parts.scheduler.withheld(() => {
      this.#parts.events.push(event);
      apply();
      this.measureAfresh(event.at, waitingTasks, respecify);
    });
  }

  #notify(level: 'info' | 'error', message: string): void {
    this.#parts.notices.post(now(), level, message);
  }
}
