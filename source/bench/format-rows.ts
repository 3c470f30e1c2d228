import type { ScoreboardRow } from '../engine/types.ts';
import { compareRows } from './compare-rows.ts';
import { formatRowTable } from './row-table.ts';

/**
 * Rows measured at one load: their table, then each row compared with the first. Within `width` columns the
 * table leaves out what matters least and a comparison breaks between its parts (` · `), never inside one.
 */
export function formatRowGroup(rows: readonly ScoreboardRow[], width = Number.POSITIVE_INFINITY): string[] {
  const [base, ...others] = rows;
  const comparisons = base ? others.flatMap((row) => compareRows(row, base) ?? []) : [];
  const wrapped = comparisons.flatMap((line) => wrapAtParts(line, width));
  return [...formatRowTable(rows, width), ...(wrapped.length > 0 ? ['', ...wrapped] : [])];
}

/** `line` broken before a ` · ` where it would pass `width`; the lines after the first are indented. */
function wrapAtParts(line: string, width: number): string[] {
  if (line.length <= width) return [line];
  const parts = line.split(' · ');
  const lines: string[] = [];
  let current = parts[0] ?? '';
  for (const part of parts.slice(1)) {
    if (current.length + 3 + part.length <= width) current += ` · ${part}`;
    else {
      lines.push(current);
      current = `  ${part}`;
    }
  }
  return [...lines, current];
}
