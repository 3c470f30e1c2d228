// What the engine's insight (insight.ts) publishes: timeline lanes, stalls and their culprits, advice,
// histograms and the inspected task.

import type { TaskRecord } from './task-record.ts';

/**
 * A thread that runs tasks, as a timeline lane: `main` (the event loop), `t1`…`tN` (worker threads, by label),
 * `p1`…`pN` (child processes, by label).
 */
export type LaneName = string;

/** What one lane ran, binned: per bin, oldest first. */
export type TimelineLane = {
  name: LaneName;
  /** Milliseconds of the bin the lane spent in task slices, 0…`binMs`. */
  busyMs: Float32Array;
  /** Id of the task whose slices covered most of the bin; 0 for none. */
  taskId: Float64Array;
  /** How many slices began in the bin. */
  slices: Uint32Array;
};

/** The timeline lanes: what each thread ran, in fixed bins over the last `bins × binMs`. */
export type TimelineSample = {
  /** Whether slices are being recorded (`--no-slices` turns it off). */
  recording: boolean;
  /** Width of a bin, ms. */
  binMs: number;
  /** Engine-clock end of the newest bin (exclusive): bin i covers `endAt - (bins - i) × binMs` onwards. */
  endAt: number;
  bins: number;
  /** `main` first, then `t1`…, then `p1`…: lanes that exist now or ran a slice in the span. */
  lanes: TimelineLane[];
  /** Slices lost because a thread's buffer filled before the engine read it, since the start. */
  dropped: number;
};

/** One task's slice, as the task detail shows it. */
export type SliceRecord = { lane: LaneName; start: number; lengthMs: number };

/** A task named as a culprit of a stall: one of its slices covered the stall. */
export type StallCulprit = {
  taskId: number;
  workload: string;
  /** Length of the slice, ms: "ran 182 ms without yielding". */
  sliceMs: number;
  /** Which slice of the task it was, 1 for the first (from its start to its first await). */
  sliceNumber: number;
};

/** A stall of the event loop over the threshold, and the tasks whose slices covered it. */
export type Stall = {
  /** When the loop stopped answering (engine clock), and for how long, ms. */
  at: number;
  durationMs: number;
  /**
   * The longest covering slices first, at most 3. Empty when tasks' slices covered less than half of it (GC, the
   * engine's own work, the dashboard).
   */
  culprits: StallCulprit[];
  /** How many tasks' slices covered it in all; 0 when it is not blamed on tasks. */
  tasks: number;
};

export type StallSample = {
  /** A stall is a lag over this, ms. @default 20 */
  thresholdMs: number;
  /** Stalls of about the last 60 s, oldest first, bounded. */
  recent: Stall[];
  /** The worst blockers since the start (or reset): the longest culprit slices, longest first, at most 5. */
  worst: Stall[];
  /** How many stalls since the start (or reset), `recent` or older. @default recent.length */
  total?: number;
};

/** The rules of live advice (advice/*.ts), each from measured facts. */
export type AdviceRule =
  | 'cpu-on-loop'
  | 'blocking-call'
  | 'waiting-on-threads'
  | 'pool-saturated'
  | 'oversubscribed'
  | 'gc-pressure'
  | 'cpu-contention';

/** Advice that fired: shown in one line of its pane until it has been quiet for its cooldown. */
export type Advice = {
  rule: AdviceRule;
  /** The pane whose line shows it. */
  pane: 'eventLoop' | 'pool' | 'cpu' | 'tasks';
  /** When it first fired in this stretch (engine clock). */
  since: number;
  /** The measured facts that fired it, short: "ELU 99 %, 3 stalls blamed on CPU slices". */
  facts: string;
  /** What it means and what to do, one sentence. */
  message: string;
};

/** A histogram over log-spaced buckets: `counts[i]` values fell at or below `bounds[i]` (and above the previous). */
export type LogHistogram = { bounds: number[]; counts: number[] };

/** The task the user opened in the task detail (action `inspectTask`), as far as the engine still knows it. */
export type InspectedTask = {
  record: TaskRecord;
  /**
   * Set when the engine no longer holds the task's record (it keeps the newest few thousand, which at 100,000
   * tasks a second is a few tens of ms): `record` is the task as the table last showed it, at this time.
   */
  lastSeenAt?: number;
  /** Its slices still in the slice log, oldest first (the log keeps the last few seconds). */
  slices: SliceRecord[];
};
