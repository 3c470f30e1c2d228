// What the scheduler runs at, and the markers the engine leaves on the charts when a setting changes.

import type { ModelName } from '../models/model-descriptors.ts';

/**
 * A marker on every chart: something the user or the engine changed. Each one but `reset` also begins a new
 * measurement (the scoreboard row settles first; `HistoryPoint.settling` shows for how long).
 */
export type EngineEvent =
  | { at: number; kind: 'switch'; from: ModelName; to: ModelName }
  | { at: number; kind: 'workload'; from: string; to: string }
  /** Concurrency (closed loop) or arrival rate per second (open loop) changed. */
  | { at: number; kind: 'load'; mode: SchedulerMode; from: number; to: number }
  /** The pool's thread count changed. */
  | { at: number; kind: 'threads'; from: number; to: number }
  /** The worker pool's GIL was switched on or off. */
  | { at: number; kind: 'gil'; to: 'on' | 'off' }
  /** The workload file's code was reloaded (a save): new tasks run `version`, started tasks finish on the old. */
  | { at: number; kind: 'reload'; workload: string; file: string; version: number }
  | { at: number; kind: 'pause' | 'resume' | 'reset' };

export type SchedulerMode = 'closed' | 'open';

export type SchedulerSettings = {
  /** `closed` keeps `concurrency` tasks in flight; `open` submits `rate` tasks per second. */
  mode: SchedulerMode;
  concurrency: number;
  /** Tasks per second, for the open loop. */
  rate: number;
  paused: boolean;
};
