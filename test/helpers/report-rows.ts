import { expect } from 'vitest';
import { formatRowTable } from '../../source/bench/row-table.ts';
import type { ScoreboardRow } from '../../source/engine/types.ts';

/** The report's scoreboard rows are the rows printed on quit, cell for cell, one each. */
export function expectReportedRows(markdown: string, scoreboard: readonly ScoreboardRow[]): void {
  const printed = formatRowTable(scoreboard).slice(2);
  const reported = markdown.split('\n').filter((line) => /^\| (async|workers)/.test(line));
  expect(reported).toHaveLength(printed.length);
  for (const line of reported) {
    const cells = line
      .slice(2, -2)
      .split(' | ')
      .filter((cell) => cell !== '');
    expect(
      printed.some((row) => row.split(/\s{2,}/).join('|') === cells.join('|')),
      line,
    ).toBe(true);
  }
}
