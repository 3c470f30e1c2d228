import type { WorkloadSummary } from '../../source/engine/engine-handle.ts';
import type { Snapshot } from '../../source/engine/types.ts';
import * as fixtures from '../fixtures/snapshots.ts';

/** Every fixture snapshot, by its export's name. */
export const namedSnapshots = Object.entries(fixtures).filter(
  (entry): entry is [string, Snapshot] =>
    typeof entry[1] === 'object' && entry[1] !== null && 'scoreboard' in entry[1] && 'model' in entry[1],
);

/** Two workloads for the keys to switch between, as the footer then shows them. */
export const twoWorkloads: WorkloadSummary[] = [
  { name: 'cpu', kind: 'cpu', description: 'hashes' },
  { name: 'io-timer', kind: 'io', description: 'waits on timers' },
];
