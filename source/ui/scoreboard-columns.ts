// The scoreboard's columns: what each shows, how wide it is, which are dropped first on a narrow pane, and how a
// row's cell is drawn, starred when it is the best of its column.

import type { ScoreboardRow } from '../engine/types.ts';
import { fitWidth, formatCores, formatElapsed, formatMs, formatRate } from './format.ts';
import { type ComparedMetric, noRateYet, type ScoreboardView } from './scoreboard-model.ts';
import type { Span } from './spans.ts';

export type Column = {
  title: string;
  width: number;
  metric?: ComparedMetric;
  text: (row: ScoreboardRow) => string;
  /** Columns dropped first when the pane is narrow have the higher number; 0 is never dropped. */
  drop: number;
};

const dash = '—';

const throughputColumn: Column = {
  title: 'throughput',
  width: 13,
  metric: 'throughput',
  text: (row) => (noRateYet(row) ? dash : formatRate(row.throughput)),
  drop: 0,
};
const failedColumn: Column = {
  title: 'failed',
  width: 11,
  text: (row) => (row.activeMs > 0 ? formatRate(row.failureRate) : dash),
  drop: 0,
};
const otherColumns: Column[] = [
  {
    title: 'latency p99',
    width: 13,
    metric: 'latencyP99',
    text: (row) => (row.finished > 0 ? formatMs(row.latencyP99) : dash),
    drop: 0,
  },
  {
    title: 'lag p99',
    width: 12,
    metric: 'lagP99',
    text: (row) => (row.activeMs > 0 ? formatMs(row.lagP99) : dash),
    drop: 0,
  },
  {
    title: 'cores',
    width: 7,
    text: (row) => (row.activeMs > 0 ? formatCores(row.coresUsed) : dash),
    drop: 2,
  },
  { title: 'ran', width: 7, text: (row) => formatElapsed(row.activeMs), drop: 1 },
];
export const modelWidth = 12;

/** The columns for these rows and this width: failures only when a row has some, the least needed dropped first. */
export function columnsFor(rows: readonly ScoreboardRow[], width: number): Column[] {
  const withFailures = rows.some((row) => row.failed > 0);
  let columns = [throughputColumn, ...(withFailures ? [failedColumn] : []), ...otherColumns];
  const used = () => modelWidth + columns.reduce((sum, column) => sum + column.width, 0);
  for (const drop of [1, 2]) if (used() > width) columns = columns.filter((column) => column.drop !== drop);
  return columns;
}

export function cell(column: Column, row: ScoreboardRow, view: ScoreboardView, compared: boolean): Span {
  const comparison = column.metric ? view.comparisons[column.metric] : undefined;
  const wins = compared && comparison?.clear === true && comparison.best === row.model;
  const text = fitWidth(`${column.text(row)}${wins ? ' ★' : '  '}`, column.width, 'right');
  if (wins) return { text, bold: true, color: 'green' };
  if (column === failedColumn && row.failed > 0) return { text, color: 'red' };
  return { text };
}
