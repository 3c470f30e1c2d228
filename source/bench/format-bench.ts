import { formatMs } from '../ui/format.ts';
import { benchProblems } from './bench-problems.ts';
import { describeSettings } from './describe-config.ts';
import { formatBlockers } from './format-blockers.ts';
import { formatRowGroup } from './format-rows.ts';
import { formatVerdict } from './format-verdict.ts';
import type { BenchResult } from './run-bench.ts';

/** The settings every model of the bench ran at, in words: `cpu (size 14,000 k rounds) · concurrency 8`. */
export function benchSettings(result: BenchResult): string {
  return describeSettings({
    workload: result.workload,
    model: result.rows[0]?.model ?? 'async',
    mode: result.mode,
    load: result.mode === 'closed' ? result.concurrency : result.rate,
    knobs: result.knobs,
  });
}

/**
 * The bench result as plain text: the settings, a row per configuration, the comparison, the loop's stalls and
 * worst blockers, problems, the facts and the verdict, wall time.
 */
export function formatBenchTable(result: BenchResult): string {
  const settings = benchSettings(result);
  const { logicalCores, cpuModel } = result.machine;
  const lines = [`${settings} · ${logicalCores} cores (${cpuModel})`, '', ...formatRowGroup(result.rows)];
  const blockers = formatBlockers(result.rows);
  if (blockers.length > 0) lines.push('', ...blockers);
  const problems = benchProblems(result);
  if (problems.length > 0) lines.push('', ...problems.map((problem) => problem.line));
  lines.push('', ...formatVerdict(result));
  lines.push('', `finished in ${formatMs(result.finishedInSeconds * 1000)}`);
  return lines.join('\n');
}
