// The dashboard's verdict: the same sentence as the bench's, from the scoreboard's rows at the current settings
// (no thread sweep: the dashboard compares the models it has measured), once enough has been measured.

import { parallelCores } from './metrics/machine-details.ts';
import type { MachineInfo, ScoreboardRow } from './types.ts';
import { type Verdict, verdictOf } from './verdict.ts';
import { leastContendedShare } from './verdict-on-cpu.ts';

/** A row measured this long, ms, counts towards the verdict. @default 3000 */
export const verdictMeasuredMs = 3000;

export type DashboardVerdictInput = {
  /** The rows compared at the current settings, one per model (the scoreboard's view). */
  rows: readonly ScoreboardRow[];
  machine: MachineInfo;
  poolThreads: number;
};

/**
 * The verdict once rows for at least two models at the same load have measured `verdictMeasuredMs` each and one
 * of them has tasks with a measured CPU time (the share is the least contended model's, verdict-on-cpu.ts); undefined until
 * then (a sentence on too little would mislead).
 */
export function dashboardVerdict({ rows, machine, poolThreads }: DashboardVerdictInput): Verdict | undefined {
  const measured = rows.filter(
    (row) => row.phase !== 'settling' && row.activeMs >= verdictMeasuredMs && row.finished > 0,
  );
  const [first] = measured;
  if (!first) return undefined;
  const sameLoad = measured.filter((row) => row.loadKey === first.loadKey);
  if (new Set(sameLoad.map((row) => row.model)).size < 2) return undefined;
  // Each model's tasks summed, then the model where they had their thread most to themselves.
  const onCpuShare = leastContendedShare(sameLoad.map((row) => row.onCpuSums));
  if (onCpuShare === undefined) return undefined;
  return verdictOf({
    onCpuShare,
    models: sameLoad.map(({ model, throughput, lagP99 }) => ({ model, throughput, lagP99 })),
    parallelCores: parallelCores(machine).count,
    poolThreads,
  });
}
