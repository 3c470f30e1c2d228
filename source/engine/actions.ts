import type { ModelName } from './types.ts';

/** Everything a user (key binding, presenter script, test) can ask of the running engine. */
export type EngineAction =
  | { type: 'switchModel'; model: ModelName }
  | { type: 'setWorkload'; workload: string }
  /**
   * Takes up the newest code of a workload file (`url` without a version query; the current workload when
   * absent): new tasks run it once it has loaded and passed the checks, else the last good version runs on.
   */
  | { type: 'reloadWorkload'; url?: string }
  | { type: 'changeConcurrency'; delta: number }
  | { type: 'setConcurrency'; concurrency: number }
  | { type: 'setRate'; rate: number }
  | { type: 'changeThreads'; delta: number }
  /** Switches the worker pool's GIL on or off. */
  | { type: 'toggleGil' }
  | { type: 'togglePause' }
  | { type: 'resetStatistics' }
  /** Opens a task in the task detail (its slices ride in `Snapshot.inspected`); undefined closes it. */
  | { type: 'inspectTask'; id: number | undefined }
  /**
   * The process is about to be stopped (SIGTSTP, Ctrl-Z): nothing is measured until `resumeMeasuring`, so the
   * time spent stopped is neither lag nor a freeze, and no row counts it.
   */
  | { type: 'suspendMeasuring' }
  /** The process runs again (SIGCONT) after `suspendMeasuring`. */
  | { type: 'resumeMeasuring' };
