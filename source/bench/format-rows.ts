import type { ScoreboardRow } from '../engine/types.ts';
import { compareRows } from './compare-rows.ts';
import { formatRowTable } from './row-table.ts';

/** Rows measured at one load: their table, then each row compared with the first. */
export function formatRowGroup(rows: readonly ScoreboardRow[]): string[] {
  const [base, ...others] = rows;
  const comparisons = base ? others.flatMap((row) => compareRows(row, base) ?? []) : [];
  return [...formatRowTable(rows), ...(comparisons.length > 0 ? ['', ...comparisons] : [])];
}
