// The main thread's slice recorder is one per thread, but a process may hold several engines (tests, presenter
// scripts): each engine that records takes a share, and the promise hooks stop when the last one lets go. Each
// slice goes to its task, which hands it to its own engine (live-task.ts), so engines never see each other's.

import { LiveTask } from '../live-task.ts';
import { type SliceOwner, startSliceRecording, stopSliceRecording } from './slice-recorder.ts';

let holders = 0;

// Module-level, so the hot path allocates nothing: one call per slice, straight to the task.
function toTask(owner: SliceOwner, start: number, lengthMs: number): void {
  if (owner instanceof LiveTask) owner.sliced(start, lengthMs);
}

/** Starts recording the loop's slices (if no one else has) and returns the function that lets go, once. */
export function holdLoopRecording(): () => void {
  if (holders++ === 0) startSliceRecording(toTask);
  let held = true;
  return () => {
    if (!held) return;
    held = false;
    if (--holders === 0) stopSliceRecording();
  };
}
