// Builds the parts the engine is made of and wires them to one another: the engine (engine.ts) only starts,
// drives and stops them.

import { setMaxListeners } from 'node:events';
import { resolveKnobs } from '../../workloads/index.ts';
import { now } from './clock.ts';
import {
  clampThreads,
  type EngineOptions,
  type EngineSettings,
  engineSettings,
  type Services,
} from './engine-options.ts';
import { Insight } from './insight.ts';
import type { TaskSink } from './live-task.ts';
import { loadMachineInfo } from './metrics/machine-info.ts';
import { RingBuffer } from './metrics/ring-buffer.ts';
import { ModelSet } from './model-set.ts';
import { modelNames } from './models/model-descriptors.ts';
import { couldNotMeasure, Notices } from './notices.ts';
import { ProcessMeter } from './process-meter.ts';
import { Scheduler } from './scheduler.ts';
import { Scoreboard } from './scoreboard.ts';
import { SettingChanges } from './setting-changes.ts';
import { Settling } from './settling.ts';
import { Suspension } from './suspension.ts';
import { TaskRegistry } from './task-registry.ts';
import { createTaskSink } from './task-sink.ts';
import { TaskWindow } from './task-window.ts';
import type { EngineEvent, MachineInfo, ModelName } from './types.ts';
import { WindowSampler } from './window-sampler.ts';
import { WorkloadCatalogue } from './workload-catalogue.ts';
import { WorkloadChanges } from './workload-changes.ts';
import { WorkloadServices } from './workload-services.ts';

/** The model an engine starts with when none is named: the first of the descriptor table (async). */
function defaultModel(): ModelName {
  return modelNames()[0] as ModelName;
}

/** What the parts ask of the engine that holds them. */
export type EngineHooks = {
  /** Submits one task of the current workload under the current model, at `at` (engine clock: now). */
  submit(at: number): void;
  stopped(): boolean;
  /** Posts an error notice. */
  notify(message: string): void;
  /** Tasks of an older generation than this (from before the last reset) stay out of the live window. */
  windowFloor(): number;
};

export type EngineParts = {
  readonly options: EngineSettings;
  readonly catalogue: WorkloadCatalogue;
  readonly registry: TaskRegistry;
  readonly window: TaskWindow;
  /** What measures the process (lag, ELU, CPU, memory); the rest of the engine drives the workload. */
  readonly process: ProcessMeter;
  readonly scoreboard: Scoreboard;
  readonly settling: Settling;
  readonly scheduler: Scheduler;
  readonly sampler: WindowSampler;
  readonly events: RingBuffer<EngineEvent>;
  readonly abort: AbortController;
  readonly models: ModelSet;
  readonly services: Services;
  readonly notices: Notices;
  /** The machine as read when the parts were built; the engine adds its details later (`describeMachine`). */
  readonly machine: MachineInfo;
  readonly settings: SettingChanges;
  readonly suspension: Suspension;
  readonly taskSink: TaskSink;
  readonly workloadChanges: WorkloadChanges;
  /** Slices, stalls and their blame, advice, histograms and the inspected task (insight.ts). */
  readonly insight: Insight;
};

/** Builds the engine's parts, each after the ones it depends on. */
export function createEngineParts(options: EngineOptions, hooks: EngineHooks): EngineParts {
  const registry = new TaskRegistry();
  const taskWindow = new TaskWindow();
  const events = new RingBuffer<EngineEvent>(128);
  const abort = new AbortController();
  const withDefaults = engineSettings(options);
  const catalogue = new WorkloadCatalogue(options.workloadFiles);
  const knobOverrides = options.knobs ?? {};
  const workload = catalogue.require(options.workload ?? 'cpu');
  // Before anything starts a timer: an unknown workload or a knob out of range throws here.
  const knobs = resolveKnobs(workload.workload, knobOverrides);
  const threads = clampThreads(withDefaults.threads);
  const machine = loadMachineInfo();
  // Piscina adds one abort listener per queued task; thousands in flight are expected here.
  setMaxListeners(0, abort.signal);
  const services = options.services ?? new WorkloadServices();
  const notices = new Notices(withDefaults.noticeMs);
  const { gil, tasksPerWorker, payloadKb } = withDefaults;
  const { taskTimeoutMs, loadTimeoutMs, recordSlices, stallThresholdMs } = withDefaults;
  const insight = new Insight({ recordSlices, stallThresholdMs, catalogue });
  const models = new ModelSet(
    threads,
    withDefaults.stopTimeoutMs,
    { gil, tasksPerWorker },
    payloadKb,
    { taskTimeoutMs, loadTimeoutMs },
    insight.poolSlices,
  );
  const { sampleIntervalMs, historyMs, freezeThresholdMs } = withDefaults;
  const processMeter = new ProcessMeter({
    stallThresholdMs,
    onStall: insight.onStall,
    freezeThresholdMs,
    onError: (what, error, at) => notices.post(at, 'warning', couldNotMeasure(what, error)),
  });
  // A row's CPU is the run's: this process's and its pool's child processes' (window-sampler.ts).
  const scoreboard = new Scoreboard(processMeter.lag, () => sampler.runCpuMs());
  const settling = new Settling(scoreboard, {
    boundMs: withDefaults.settlingBoundMs,
    now,
    onTaskCounted: options.onTaskCounted,
  });
  const sampler = new WindowSampler(
    { process: processMeter, models, services, tasks: taskWindow, notices },
    { historyLength: Math.ceil(historyMs / sampleIntervalMs) },
  );
  const { mode, concurrency, rate } = withDefaults;
  const scheduler = new Scheduler(
    { mode, concurrency, rate, paused: options.paused ?? false },
    { submit: (at) => hooks.submit(at), inFlight: () => registry.inFlight, now },
  );
  const settings = new SettingChanges(
    { scheduler, models, registry, settling, events, notices, catalogue, services, knobOverrides },
    { model: options.model ?? defaultModel(), workload, knobs, threads, gil, tasksPerWorker, payloadKb },
  );
  const workloadChanges = new WorkloadChanges(
    {
      catalogue,
      settings,
      services,
      notices,
      knobOverrides,
      loadTimeoutMs: withDefaults.loadTimeoutMs,
      stopped: () => hooks.stopped(),
    },
    (message) => hooks.notify(message),
  );
  const taskSink = createTaskSink({
    signal: abort.signal,
    registry,
    window: taskWindow,
    settling,
    scheduler,
    knobs: () => settings.current.knobs,
    context: () => services.context,
    windowFloor: () => hooks.windowFloor(),
    slices: insight.slices.loopSink,
    histograms: insight.histograms,
  });
  const suspension = new Suspension({
    lagMonitor: processMeter.lag,
    paused: () => scheduler.settings.paused,
    togglePause: () => settings.togglePause(),
  });
  return {
    options: withDefaults,
    catalogue,
    registry,
    window: taskWindow,
    process: processMeter,
    scoreboard,
    settling,
    scheduler,
    sampler,
    events,
    abort,
    models,
    services,
    notices,
    machine,
    settings,
    suspension,
    taskSink,
    workloadChanges,
    insight,
  };
}
