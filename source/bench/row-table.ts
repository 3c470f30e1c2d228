// A plain-text table of scoreboard rows, one per configuration: the bench report and the final scoreboard
// printed on quit both use it. "—" where nothing was measured, never a zero that was not measured.

import type { ScoreboardRow } from '../engine/types.ts';
import { formatCores, formatCount, formatMs, formatRate } from '../ui/format.ts';
import { describeModel } from './describe-config.ts';

type Column = { title: string; align: 'left' | 'right'; cell(row: ScoreboardRow): string };

const measured = (row: ScoreboardRow) => row.activeMs > 0;

/** What a reader should know about a row beyond its numbers. */
export function rowNote(row: ScoreboardRow): string {
  if (row.phase === 'settling') {
    const settling = row.settling;
    return settling
      ? `settling: ${formatCount(settling.tasksFromBefore)} tasks from before still running (${formatMs(settling.forMs)})`
      : 'settling';
  }
  if (row.overlapping) return 'overlapping: began while tasks from before still ran';
  return '';
}

const columns: Column[] = [
  { title: 'model', align: 'left', cell: (row) => describeModel(row.config) },
  { title: 'done/s', align: 'right', cell: (row) => (measured(row) ? formatRate(row.throughput) : '—') },
  { title: 'failed/s', align: 'right', cell: (row) => (measured(row) ? formatRate(row.failureRate) : '—') },
  {
    title: 'latency p50',
    align: 'right',
    cell: (row) => (row.finished > 0 ? formatMs(row.latencyP50) : '—'),
  },
  {
    title: 'latency p99',
    align: 'right',
    cell: (row) => (row.finished > 0 ? formatMs(row.latencyP99) : '—'),
  },
  { title: 'lag p99', align: 'right', cell: (row) => (measured(row) ? formatMs(row.lagP99) : '—') },
  { title: 'lag max', align: 'right', cell: (row) => (measured(row) ? formatMs(row.lagMax) : '—') },
  { title: 'cores', align: 'right', cell: (row) => (measured(row) ? formatCores(row.coresUsed) : '—') },
  { title: 'done', align: 'right', cell: (row) => formatCount(row.finished) },
  { title: 'failed', align: 'right', cell: (row) => formatCount(row.failed) },
  { title: '', align: 'left', cell: rowNote },
];

/**
 * Columns a narrow terminal does without, first to last: counts and rates of failure first (a failure still shows
 * in failed/s while it fits, and in the dashboard), then the maximum lag and the median latency. The model,
 * throughput, latency p99, lag p99 and cores always stay: they are what the models are compared by.
 */
const droppedFirst = ['failed', 'done', 'failed/s', 'lag max', 'latency p50'];

/**
 * The rows as aligned lines: a header, a rule, one line per row. Trailing spaces are trimmed. Where a line would
 * be wider than `width`, columns are left out (`droppedFirst`) until it fits or only the essential ones remain.
 */
export function formatRowTable(rows: readonly ScoreboardRow[], width = Number.POSITIVE_INFINITY): string[] {
  let shown = columns.filter((column) => column.title !== '' || rows.some((row) => column.cell(row) !== ''));
  for (const title of droppedFirst) {
    if (tableWidth(shown, rows) <= width) break;
    shown = shown.filter((column) => column.title !== title);
  }
  return renderTable(shown, rows);
}

/** The widest line of a table of `shown` columns. */
function tableWidth(shown: readonly Column[], rows: readonly ScoreboardRow[]): number {
  return Math.max(...renderTable(shown, rows).map((line) => line.length));
}

function renderTable(shown: readonly Column[], rows: readonly ScoreboardRow[]): string[] {
  const cells = [
    shown.map((column) => column.title),
    ...rows.map((row) => shown.map((column) => column.cell(row))),
  ];
  const widths = shown.map((_, index) => Math.max(...cells.map((line) => (line[index] ?? '').length)));
  const render = (line: string[]) =>
    line
      .map((cell, index) =>
        shown[index]?.align === 'left' ? cell.padEnd(widths[index] ?? 0) : cell.padStart(widths[index] ?? 0),
      )
      .join('  ')
      .trimEnd();
  const [head = [], ...body] = cells;
  const rule = widths
    .map((width) => '-'.repeat(width))
    .join('  ')
    .trimEnd();
  return [render(head), rule, ...body.map(render)];
}

/** The same table in Markdown, for reports: `|` in a cell is escaped, right-aligned columns say so. */
export function markdownRowTable(rows: readonly ScoreboardRow[]): string[] {
  const shown = columns.filter(
    (column) => column.title !== '' || rows.some((row) => column.cell(row) !== ''),
  );
  const line = (cells: string[]) => `| ${cells.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`;
  return [
    line(shown.map((column) => column.title || 'note')),
    line(shown.map((column) => (column.align === 'right' ? '---:' : '---'))),
    ...rows.map((row) => line(shown.map((column) => column.cell(row)))),
  ];
}
