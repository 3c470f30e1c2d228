// Which tasks froze the loop: the tasks whose slices on the loop overlap a stall. The loop runs one slice at a
// time, so every slice in the stall's span ran during it; the longest are the ones to name.

import type { LoopSlice } from '../slices/slice-query.ts';
import type { Stall, StallCulprit } from '../types.ts';

/** The most culprits a stall names (`Stall.culprits`). */
export const maxCulprits = 3;

/** Whether `slice` ran during [from, to): it began before the end and ended after the start. */
function overlaps(slice: LoopSlice, from: number, to: number): boolean {
  return slice.start < to && slice.start + slice.lengthMs > from;
}

/**
 * The stall from `at` (engine clock) lasting `durationMs`, blamed on the slices among `slices` that overlap it:
 * each task once, by its longest such slice, longest first (an earlier slice first on a tie), at most
 * `maxCulprits`, with the number of tasks in all. When tasks' slices covered less than half of it, no culprit:
 * the loop was mostly busy with something else (GC, the engine's own work, the dashboard), and a task whose
 * 0.4 ms slice happened to fall in a 30 ms stall did not cause it.
 */
export function blameStall(at: number, durationMs: number, slices: readonly LoopSlice[]): Stall {
  const to = at + durationMs;
  const longest = new Map<number, LoopSlice>();
  // The loop runs one slice at a time, so the slices' overlaps with the stall add up without counting twice.
  let coveredMs = 0;
  for (const slice of slices) {
    if (!overlaps(slice, at, to)) continue;
    coveredMs += Math.min(to, slice.start + slice.lengthMs) - Math.max(at, slice.start);
    const kept = longest.get(slice.taskId);
    if (kept === undefined || slice.lengthMs > kept.lengthMs) longest.set(slice.taskId, slice);
  }
  if (coveredMs * 2 < durationMs) return { at, durationMs, culprits: [], tasks: 0 };
  const culprits = [...longest.values()]
    .sort((a, b) => b.lengthMs - a.lengthMs || a.start - b.start)
    .slice(0, maxCulprits)
    .map(culpritOf);
  return { at, durationMs, culprits, tasks: longest.size };
}

function culpritOf({ taskId, workload, lengthMs, sliceNumber }: LoopSlice): StallCulprit {
  return { taskId, workload, sliceMs: lengthMs, sliceNumber };
}
