import { formatMs } from '../ui/format.ts';
import { benchProblems } from './bench-problems.ts';
import { describeSettings } from './describe-config.ts';
import { formatBlockers } from './format-blockers.ts';
import { formatRowGroup } from './format-rows.ts';
import { formatVerdict } from './format-verdict.ts';
import type { BenchResult } from './run-bench.ts';

/**
 * The bench result as plain text: the settings, a row per configuration, the comparison, the loop's stalls and
 * worst blockers, problems, the facts and the verdict, wall time.
 */
export function formatBenchTable(result: BenchResult): string {
  const settings = describeSettings({
    workload: result.workload,
    model: result.rows[0]?.model ?? 'async',
    mode: result.mode,
    load: result.mode === 'closed' ? result.concurrency : result.rate,
    knobs: result.knobs,
  });
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
