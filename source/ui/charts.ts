// Pure text charts: bars, sparklines over history with model-switch markers. No terminal needed to test them.

import type { EngineEvent, HistoryPoint, ModelName } from '../engine/types.ts';

const eighths = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'] as const;
const levels = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;

/** A horizontal bar of `width` cells for a share 0…1, drawn in eighths, padded with `░`. */
export function bar(share: number, width: number): string {
  if (width <= 0) return '';
  const clamped = Math.min(1, Math.max(0, Number.isFinite(share) ? share : 0));
  const totalEighths = Math.round(clamped * width * 8);
  const full = Math.floor(totalEighths / 8);
  const partial = eighths[totalEighths % 8] ?? '';
  const drawn = '█'.repeat(full) + partial;
  return drawn + '░'.repeat(width - full - (partial ? 1 : 0));
}

/** Whole cells of a `width`-cell bar filled for a share 0…1 (for bars drawn in inverse video, without eighths). */
export function barCells(share: number, width: number): number {
  if (width <= 0) return 0;
  const clamped = Math.min(1, Math.max(0, Number.isFinite(share) ? share : 0));
  return Math.round(clamped * width);
}

/** One column of a chart: the largest value among the points that fell in it, and the model then active. */
export type ChartColumn = { value: number; model: ModelName } | undefined;

export type ColumnOptions = {
  /** The chart's right edge (usually the snapshot's `at`). */
  to: number;
  /** Time the chart spans, ms. */
  spanMs: number;
  width: number;
};

/**
 * Places history points into `width` time columns ending with the one that holds `to`. Columns are fixed slots
 * of time (`spanMs / width` each, counted from time zero), so as the chart moves on, a point stays in its
 * column and the chart scrolls one whole column at a time instead of re-sorting points into new columns on
 * every frame. A column keeps the largest value of its points so short spikes stay visible; a column with no
 * point (before the history starts, or while the loop was frozen and nothing was published) stays empty.
 */
export function historyColumns(
  history: readonly HistoryPoint[],
  pick: (point: HistoryPoint) => number,
  { to, spanMs, width }: ColumnOptions,
): ChartColumn[] {
  const columns: ChartColumn[] = new Array(Math.max(0, width)).fill(undefined);
  if (width <= 0 || spanMs <= 0) return columns;
  for (const point of history) {
    const index = columnOf(point.at, { to, spanMs, width });
    if (index === undefined) continue;
    const value = pick(point);
    const current = columns[index];
    if (current === undefined || value > current.value) columns[index] = { value, model: point.model };
  }
  return columns;
}

/** The column a moment falls in, or undefined when it is off the chart (later than `to`, or too old). */
function columnOf(at: number, { to, spanMs, width }: ColumnOptions): number | undefined {
  if (at > to) return undefined;
  const columnMs = spanMs / width;
  const age = Math.floor(to / columnMs) - Math.floor(at / columnMs);
  return age < width ? width - 1 - age : undefined;
}

/** The top of a chart's scale: the largest column value, but never below `floor` so noise stays small. */
export function chartTop(columns: readonly ChartColumn[], floor: number): number {
  let top = floor;
  for (const column of columns) if (column && column.value > top) top = column.value;
  return top;
}

/**
 * Draws columns as `height` rows of vertical bars (top row first), each cell in eighths.
 * A column with a value above zero always shows at least the lowest eighth.
 */
export function chartRows(columns: readonly ChartColumn[], height: number, top: number): string[] {
  const rows: string[] = [];
  for (let row = height - 1; row >= 0; row -= 1) {
    let line = '';
    for (const column of columns) {
      if (column === undefined) {
        line += ' ';
        continue;
      }
      let filled = top > 0 ? (Math.min(column.value, top) / top) * height * 8 : 0;
      if (column.value > 0 && filled < 1) filled = 1;
      const inRow = Math.min(8, Math.max(0, Math.round(filled - row * 8)));
      line += levels[inRow];
    }
    rows.push(line);
  }
  return rows;
}

/** A stretch of one line drawn in one style. */
export type Run<Key> = { text: string; key: Key };

/** Splits a line into runs of neighbouring cells that share a key (e.g. a colour), for one `<Text>` each. */
export function runs<Key>(line: string, keyOf: (index: number) => Key): Run<Key>[] {
  const result: Run<Key>[] = [];
  const cells = Array.from(line);
  for (let index = 0; index < cells.length; index += 1) {
    const key = keyOf(index);
    const last = result.at(-1);
    if (last && last.key === key) last.text += cells[index];
    else result.push({ text: cells[index] ?? '', key });
  }
  return result;
}

/** Where a model switch falls on a chart. */
export type SwitchMarker = { column: number; to: ModelName };

/** The switches (oldest first) that fall within the chart's span, with the column each one lands on. */
export function switchMarkers(
  events: readonly EngineEvent[],
  { to, spanMs, width }: ColumnOptions,
): SwitchMarker[] {
  const markers: SwitchMarker[] = [];
  if (width <= 0 || spanMs <= 0) return markers;
  for (const event of events) {
    if (event.kind !== 'switch') continue;
    const column = columnOf(event.at, { to, spanMs, width });
    if (column !== undefined) markers.push({ column, to: event.to });
  }
  return markers;
}

/**
 * The line under a chart: `▲` under each switch, followed by the model it switched to when there is room
 * before the next marker, e.g. `   ▲workers        ▲async`.
 */
export function markerLine(markers: readonly SwitchMarker[], width: number): string {
  const cells: string[] = new Array(Math.max(0, width)).fill(' ');
  markers.forEach((marker, index) => {
    cells[marker.column] = '▲';
    const next = markers[index + 1]?.column ?? width;
    const room = next - marker.column - 2;
    if (room <= 0) return;
    const label = marker.to.length <= room ? marker.to : marker.to.slice(0, 1).toUpperCase();
    if (label.length > room) return;
    for (let offset = 0; offset < label.length; offset += 1) {
      cells[marker.column + 1 + offset] = label[offset] ?? ' ';
    }
  });
  return cells.join('');
}

/** The span a history chart covers: at least 60 s, more if the history is longer. */
export function historySpan(history: readonly HistoryPoint[], to: number): number {
  const first = history[0];
  return Math.max(60_000, first ? to - first.at : 0);
}

/** Everything needed to draw one history chart. */
export type HistoryChart = { columns: ChartColumn[]; top: number; markers: SwitchMarker[]; width: number };

/** Columns, scale and switch markers of a history chart `width` cells wide ending at `to`. */
export function historyChart(
  history: readonly HistoryPoint[],
  events: readonly EngineEvent[],
  pick: (point: HistoryPoint) => number,
  { to, width, floor }: { to: number; width: number; floor: number },
): HistoryChart {
  const options = { to, width, spanMs: historySpan(history, to) };
  const columns = historyColumns(history, pick, options);
  return { columns, top: chartTop(columns, floor), markers: switchMarkers(events, options), width };
}
