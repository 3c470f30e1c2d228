// The bench's worst blockers: per model, how often the loop stalled while it was measured and which tasks held it
// longest, in the same words as the dashboard's blame line.

import { culpritSentence, unblamedSentence } from '../engine/blame/blame-words.ts';
import { formatCount } from '../ui/format.ts';
import type { BenchRow } from './run-bench.ts';

/** Blockers printed per model; `--json` has them all (at most 5). */
const printedBlockers = 3;

function stallCount(count: number): string {
  return count === 0 ? 'no stall' : `${formatCount(count)} stall${count === 1 ? '' : 's'}`;
}

/**
 * "loop stalls over 20 ms, worst blockers first", then a line per model: its stalls and the longest slices that
 * caused them (`task #1234 (cpu) ran 182 ms without yielding (slice 2)`). Empty when no row has stalls measured.
 */
export function formatBlockers(rows: readonly BenchRow[]): string[] {
  const measured = rows.filter((row) => row.stalls !== undefined);
  const first = measured[0]?.stalls;
  if (first === undefined) return [];
  const modelWidth = Math.max(...measured.map((row) => row.config.model.length));
  const counts = measured.map((row) => stallCount(row.stalls?.total ?? 0));
  const countWidth = Math.max(...counts.map((count) => count.length));
  const lines = [`loop stalls over ${formatCount(first.thresholdMs)} ms, worst blockers first`];
  measured.forEach((row, index) => {
    const { total = 0, worst = [] } = row.stalls ?? {};
    const head = `  ${row.config.model.padEnd(modelWidth)}  ${(counts[index] ?? '').padEnd(countWidth)}`;
    const blockers = worst.slice(0, printedBlockers).flatMap((stall) => {
      const culprit = stall.culprits[0];
      return culprit ? [`${culpritSentence(culprit)} (slice ${culprit.sliceNumber})`] : [];
    });
    if (blockers.length === 0) blockers.push(total > 0 ? unblamedSentence : '');
    blockers.forEach((blocker, line) => {
      const lead = line === 0 ? head : ' '.repeat(head.length);
      lines.push(`${lead}  ${blocker}`.trimEnd());
    });
  });
  return lines;
}
