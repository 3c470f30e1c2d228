// What went wrong for a model in a bench, one line each. A model whose tasks all failed makes the bench fail:
// a throughput of failures is no result.

import { escapeControls } from '../cli/escape-text.ts';
import { formatCount, formatPercent } from '../ui/format.ts';
import { mostlyFailed } from './compare-rows.ts';
import { rowNote } from './row-table.ts';
import type { BenchResult, BenchRow } from './run-bench.ts';

export type BenchProblem = { line: string; fatal: boolean };

function lastError(row: BenchRow): string {
  return row.lastError ? ` (last error: ${escapeControls(row.lastError)})` : '';
}

function problemOf(row: BenchRow, duration: number): BenchProblem | undefined {
  const model = row.config.model;
  if (row.finished === 0 && row.failed > 0) {
    return { line: `${model}: all ${formatCount(row.failed)} tasks failed${lastError(row)}`, fatal: true };
  }
  if (mostlyFailed(row)) {
    const share = formatPercent(row.failed / (row.failed + row.finished));
    return { line: `${model}: ${share} of its tasks failed${lastError(row)}`, fatal: false };
  }
  if (row.activeMs <= 0) {
    const note = rowNote(row);
    return {
      line: `${model}: nothing measured${note ? ` (${note})` : ''}; try a longer --duration`,
      fatal: false,
    };
  }
  if (row.finished === 0) {
    return {
      line: `${model}: no task finished in the ${duration} s measured; try a longer --duration`,
      fatal: false,
    };
  }
  return undefined;
}

/** One line per model that failed or measured nothing, in the order the models ran. */
export function benchProblems(result: BenchResult): BenchProblem[] {
  return result.rows.flatMap((row) => problemOf(row, result.duration) ?? []);
}
