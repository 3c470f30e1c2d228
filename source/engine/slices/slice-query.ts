// What the engine can ask of the slice log (slice-log.ts): blame asks which loop slices covered a stall, the task
// detail asks for one task's slices. A type of its own so each side can be tested with plain arrays.

import type { SliceRecord } from '../types.ts';

/** A slice on the event loop, as blame needs it. */
export type LoopSlice = {
  taskId: number;
  /** The workload the task ran (its name, as in `Snapshot.workload.name`). */
  workload: string;
  start: number;
  lengthMs: number;
  /** Which slice of the task it was, 1 for the first. */
  sliceNumber: number;
};

export type SliceQuery = {
  /** Slices on the `main` lane that overlap [from, to) (engine clock), oldest first. */
  loopSlicesOverlapping(from: number, to: number): LoopSlice[];
  /** The slices of task `taskId` still in the log, oldest first. */
  slicesOf(taskId: number): SliceRecord[];
};

/**
 * How a pool model hands the engine the slices its threads or processes recorded: the lane (`t3`, `p1`), the
 * task, when the slice began (engine clock: `timeOrigin + performance.now()` in that thread or process) and its
 * length, and which slice of the task it was (1 for the first).
 */
export type PoolSliceSink = (
  lane: string,
  taskId: number,
  start: number,
  lengthMs: number,
  sliceNumber: number,
) => void;
