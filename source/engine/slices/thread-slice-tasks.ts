// A pool thread's or process's side of slice recording: each task it runs is the recorder's owner (one object
// per task, which also keeps the task's stats for its outcome), and each slice goes to this thread's writer (a
// shared ring for a worker thread, a batch for a process), cut first to the stretches the thread held the GIL
// when the pool has one switched on.

import type { TaskInput, Workload } from '../types.ts';
import { runFirstSlice, startSliceRecording } from './slice-recorder.ts';

/** Where this thread's slices go: the task, when the slice began (engine clock), its length, its number. */
export type SliceWriter = (taskId: number, start: number, lengthMs: number, sliceNumber: number) => void;

/** The per-task slice stats a task's outcome carries. */
export type SliceStats = {
  /** Slices the task ran in. */
  slices: number;
  longestSliceMs: number;
  /** The slices' lengths summed, ms: the task's time running, as opposed to awaiting. */
  sliceMs: number;
};

/** One task run in this thread: the slice recorder's owner for it. */
export class TaskSlices {
  readonly taskId: number;
  readonly workload: Workload;
  readonly input: TaskInput;
  count = 0;
  longestMs = 0;
  totalMs = 0;

  constructor(workload: Workload, input: TaskInput) {
    this.taskId = input.id;
    this.workload = workload;
    this.input = input;
  }
}

/** Cuts a slice to the stretches this thread held a lock, handing each to `count` (gil-slice-holds.ts). */
export type SliceClip = {
  clip(
    task: TaskSlices,
    start: number,
    lengthMs: number,
    count: (task: TaskSlices, start: number, lengthMs: number) => void,
  ): void;
};

let writer: SliceWriter | undefined;
let clipper: SliceClip | undefined;

function count(task: TaskSlices, start: number, lengthMs: number): void {
  task.count++;
  if (lengthMs > task.longestMs) task.longestMs = lengthMs;
  task.totalMs += lengthMs;
  writer?.(task.taskId, start, lengthMs, task.count);
}

function onSlice(owner: object, start: number, lengthMs: number): void {
  if (clipper) clipper.clip(owner as TaskSlices, start, lengthMs, count);
  else count(owner as TaskSlices, start, lengthMs);
}

/** Starts recording this thread's task slices into `to`, each cut by `clip` when given. Once per thread. */
export function startTaskSlices(to: SliceWriter, clip?: SliceClip): void {
  writer = to;
  clipper = clip;
  startSliceRecording(onSlice);
}

function startTask(task: TaskSlices): unknown {
  return task.workload.run(task.input);
}

/** Runs the task's first slice (and so tags the slices after its awaits); returns what `run` returns. */
export function runTaskSlices(task: TaskSlices): unknown {
  return runFirstSlice(task, startTask, task);
}

/** Puts the task's stats on its answer: complete once its promise has settled (its last slice ended just before). */
export function withSliceStats<Answer extends Partial<SliceStats>>(answer: Answer, task: TaskSlices): Answer {
  answer.slices = task.count;
  answer.longestSliceMs = task.longestMs;
  answer.sliceMs = task.totalMs;
  return answer;
}
