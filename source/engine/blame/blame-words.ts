// Stalls and their culprits in words, for the event-loop pane, the lanes and the bench: the same sentence
// everywhere the user reads who froze the loop.

import type { Stall, StallCulprit } from '../types.ts';

/** A stall's or slice's length: `182 ms`, `1.2 s`, `24 s` (stalls are over a threshold of whole ms). */
export function stallMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

/** "task #1234 (cpu) ran 182 ms without yielding": the culprit and the length of its slice. */
export function culpritSentence({ taskId, workload, sliceMs }: StallCulprit): string {
  return `task #${taskId} (${workload}) ran ${stallMs(sliceMs)} without yielding`;
}

/** What a stall that tasks' slices covered less than half of was: the loop was busy, but not with a task. */
export const unblamedSentence = 'not a task: GC, the engine or the dashboard';

/** "task #1234 (cpu) ran 182 ms without yielding, +2 more tasks", or the unblamed sentence. */
export function stallSentence(stall: Stall): string {
  const [culprit] = stall.culprits;
  if (culprit === undefined) return unblamedSentence;
  const others = stall.tasks - 1;
  return `${culpritSentence(culprit)}${others > 0 ? `, +${others} more task${others === 1 ? '' : 's'}` : ''}`;
}
