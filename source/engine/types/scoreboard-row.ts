// A scoreboard row: one configuration's run, and the settings it was measured at.

import type { ModelName } from '../models/model-descriptors.ts';
import type { Knobs } from '../types.ts';
import type { SchedulerMode } from './engine-event.ts';

/**
 * The settings a scoreboard row was measured at. Two rows are compared only when everything but the model
 * (and the model's threads) matches: their `loadKey`s are equal.
 */
export type RunConfig = {
  workload: string;
  model: ModelName;
  mode: SchedulerMode;
  /** Tasks in flight (closed loop) or arrivals per second (open loop). */
  load: number;
  /** Pool size, for models with a pool (threads, or processes); undefined for models without (async). */
  threads?: number;
  /** The threads took turns under one lock (a GIL); set only when true, on models that run on threads. */
  gil?: boolean;
  /** Tasks each thread ran at once; set only when more than 1, on models that run on threads. */
  tasksPerWorker?: number;
  /** Kilobytes each task carried in and back (`--payload`); set only when more than 0. Part of the load key. */
  payloadKb?: number;
  /** The knob values the workload ran with. */
  knobs: Knobs;
  /**
   * The workload file's code version once reloaded (2, then one more per reload); unset for the file as started
   * and for built-ins. Part of the load key, so rows of two versions never average together.
   */
  codeVersion?: number;
};

/**
 * `settling`: the row is current but tasks started under the previous setting are still running, so nothing
 * is counted yet. `measuring`: the row is current and counting. `past`: an earlier configuration.
 */
export type RowPhase = 'settling' | 'measuring' | 'past';

/** Aggregate of everything one configuration ran in this session, counted only while it was current and settled. */
export type ScoreboardRow = {
  /** Identity of the configuration (every field of `config`). */
  key: string;
  /**
   * `key` without the model and its threads: rows with equal `loadKey`s ran the same work (workload, knobs,
   * concurrency or rate) and compare.
   */
  loadKey: string;
  config: RunConfig;
  /** Same as `config.model`. */
  model: ModelName;
  /** Same as `config.workload`. */
  workload: string;
  phase: RowPhase;
  /** While settling: how many tasks from before are still running, and for how long the row has waited. */
  settling?: { tasksFromBefore: number; forMs: number };
  /** The row began counting after the settling bound while tasks from before still ran. */
  overlapping: boolean;
  /** Time this configuration was current and counting, ms. */
  activeMs: number;
  /** Tasks that finished successfully (done). */
  finished: number;
  failed: number;
  /** Tasks done per second; failed tasks never count as throughput. */
  throughput: number;
  /** Tasks failed per second. */
  failureRate: number;
  latencyP50: number;
  latencyP99: number;
  lagP99: number;
  lagMax: number;
  /** Average CPU cores this process used while the configuration counted (the loopback server excluded). */
  coresUsed: number;
  /**
   * Share of their run time the row's done tasks spent on their threads' CPU, 0–1: Σ `TaskRecord.cpuMs` ÷ Σ run
   * time over the tasks that had their CPU time measured (`onCpuSums`); absent when none had.
   */
  onCpuShare?: number;
  /** The sums `onCpuShare` divides, ms, so that rows combine: absent when no task of the row was measured. */
  onCpuSums?: { cpuMs: number; runMs: number };
};
