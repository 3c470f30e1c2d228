// How healthy a measured number is, so colour and words say the same thing.
// Thresholds classify the engine's numbers for display; they compute nothing new.

import type { TaskState } from '../engine/types.ts';

export type Level = 'healthy' | 'strained' | 'stalled';

/** Event-loop lag p99 (ms): under 10 ms is healthy, under 50 ms strained, beyond that stalled. */
export function lagLevel(lagP99Ms: number): Level {
  if (lagP99Ms < 10) return 'healthy';
  if (lagP99Ms < 50) return 'strained';
  return 'stalled';
}

/** Event-loop utilization 0…1: a loop busy over 90 % of the time has no room left for timers or I/O. */
export function utilizationLevel(share: number): Level {
  if (share < 0.7) return 'healthy';
  if (share < 0.9) return 'strained';
  return 'stalled';
}

/** Symbol and word for a level, so it reads the same with colour off. */
export const levelLabel: Record<Level, string> = {
  healthy: '● healthy',
  strained: '▲ strained',
  stalled: '✖ stalled',
};

/** One symbol per task state, shown next to the state's name. */
export const stateSymbol: Record<TaskState, string> = {
  queued: '·',
  running: '▶',
  done: '✓',
  failed: '✖',
  cancelled: '○',
};
