// The worst blockers since the start: the stalls with the longest culprit slices, kept short for the bench and
// the dashboard.

import type { Stall } from '../types.ts';

/** The most stalls the worst-blockers list keeps (`StallSample.worst`). */
export const maxWorstBlockers = 5;

/** The length of a stall's longest culprit slice, or undefined when no task was blamed. */
function longestSlice(stall: Stall): number | undefined {
  return stall.culprits[0]?.sliceMs;
}

/**
 * `worst` (longest culprit slice first, at most `limit`) with `stall` in its place if it belongs there. A stall no
 * task was blamed for never does; nor one whose slice is already listed (same task and slice number) with a
 * stall as long. Returns `worst` itself when nothing changes.
 */
export function withWorstBlocker(
  worst: readonly Stall[],
  stall: Stall,
  limit: number = maxWorstBlockers,
): readonly Stall[] {
  const length = longestSlice(stall);
  if (length === undefined) return worst;
  const culprit = stall.culprits[0];
  const same = worst.findIndex((listed) => {
    const other = listed.culprits[0];
    return other?.taskId === culprit?.taskId && other?.sliceNumber === culprit?.sliceNumber;
  });
  if (same >= 0 && (longestSlice(worst[same] as Stall) ?? 0) >= length) return worst;
  const others = same >= 0 ? worst.filter((_, index) => index !== same) : worst;
  // Ties keep the earlier stall ahead: it was the worst first.
  let index = others.findIndex((listed) => (longestSlice(listed) ?? 0) < length);
  if (index < 0) index = others.length;
  if (index >= limit) return worst;
  return [...others.slice(0, index), stall, ...others.slice(index)].slice(0, limit);
}
