// What the command line asks for, as the parser returns it and the commands take it: a command's module
// reads this shape without importing the parser.

import type { WorkloadFile } from '../engine/engine-options.ts';
import type { Knobs, ModelName, SchedulerMode } from '../engine/types.ts';

export type CommonOptions = {
  /** A built-in workload's name, or the `file:` URL of the workload file in `workloadFiles`. */
  workload: string;
  /** The workload file `--workload` named, loaded and checked; absent for a built-in. */
  workloadFiles?: WorkloadFile[];
  /** `--task-timeout`: a task still running after this long fails, ms; undefined = no limit. */
  taskTimeoutMs?: number;
  /** `--load-timeout`: the bound on importing a workload file, ms; undefined = the engine's default. */
  loadTimeoutMs?: number;
  /** `--stall-threshold`: a lag over this is a stall, blamed on the tasks that ran, ms; undefined = 20. */
  stallThresholdMs?: number;
  /** Knob overrides; each applies to every workload that has a knob of that name. */
  knobs: Partial<Knobs>;
  mode: SchedulerMode;
  concurrency: number;
  rate: number;
  threads: number;
  /** The worker pool's threads take turns under one lock, like Python threads. */
  gil: boolean;
  /** Tasks each worker thread runs at once. */
  tasksPerWorker: number;
  /** Kilobytes each task carries in and back. */
  payloadKb: number;
  /** Record every task's slices for the timeline, stall blame and task detail (`--no-slices` turns it off). */
  recordSlices: boolean;
  color: boolean;
};

export type Command =
  | { command: 'help'; workloadFile?: WorkloadFile }
  | { command: 'version' }
  | { command: 'init'; file: string }
  /**
   * `present [script]`: present a talk's script in the dashboard; with `--check`, rehearse it headless. The
   * built-in script when none is named.
   */
  | { command: 'present'; check: boolean; script?: string; color: boolean }
  | ({
      command: 'dashboard';
      model: ModelName;
      paused: boolean;
      /** Reload the workload file when it is saved (`--watch`, on by default for a file). */
      watch: boolean;
      /** `--record run.ndjson`: record the run to this file from the start. @default none */
      record?: string;
    } & CommonOptions)
  | { command: 'replay'; file: string; color: boolean }
  /** `report run.ndjson [-o report.md]`: a recording as Markdown with SVG charts beside it. */
  | { command: 'report'; file: string; output: string }
  | ({
      command: 'bench';
      models: ModelName[];
      duration: number;
      warmup: number;
      json: boolean;
      /** `--sweep threads=1,2,4`: the worker thread counts bench sweeps; absent, bench picks (source/bench). */
      sweep?: { threads: number[] };
      /** `--report report.md`: also write the results as Markdown with SVG charts beside it. @default none */
      report?: string;
    } & CommonOptions);
