// The bench result as JSON: only the fields that apply (no rate in a closed loop, no concurrency in an open
// one, no threads when no model used them) and `null` where nothing was measured, never a zero.

import { usesThreads } from '../engine/run-config.ts';
import type { BenchResult, BenchRow } from './run-bench.ts';

function rowJson(row: BenchRow): Record<string, unknown> {
  const measured = row.activeMs > 0;
  const finished = row.finished > 0;
  return {
    ...row,
    throughput: measured ? row.throughput : null,
    failureRate: measured ? row.failureRate : null,
    latencyP50: finished ? row.latencyP50 : null,
    latencyP99: finished ? row.latencyP99 : null,
    lagP99: measured ? row.lagP99 : null,
    lagMax: measured ? row.lagMax : null,
    coresUsed: measured ? row.coresUsed : null,
    onCpuShare: row.onCpuShare ?? null,
    stalls: row.stalls ?? null,
  };
}

/** The object `bench --json` prints. */
export function benchJson(result: BenchResult): Record<string, unknown> {
  const { concurrency, rate, threads, rows, ...rest } = result;
  const threaded = rows.some((row) => usesThreads(row.model));
  return {
    workload: rest.workload,
    knobs: rest.knobs,
    mode: rest.mode,
    ...(rest.mode === 'closed' ? { concurrency } : { rate }),
    ...(threaded ? { threads } : {}),
    duration: rest.duration,
    machine: rest.machine,
    rows: rows.map(rowJson),
    onCpuShare: rest.onCpuShare ?? null,
    sweep: { ...rest.sweep, serialFraction: rest.sweep.serialFraction ?? null },
    verdict: rest.verdict,
    finishedInSeconds: rest.finishedInSeconds,
  };
}
