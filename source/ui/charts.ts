// Pure text charts: bars, sparklines over history on a linear or log scale, with a marker for every change. No
// terminal needed to test them.

import type { EngineEvent, HistoryPoint, ModelName } from '../engine/types.ts';
import { formatCount } from './format.ts';

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
 * How values map to bar heights. `log`: from `bottom` to `top` on a logarithmic scale, so 40/s and 144/s stay
 * apart under a top of 9,242/s, and a 24 s freeze does not flatten every other column. `linear`: 0 to `top`.
 */
export type ChartScale = { kind: 'log'; bottom: number; top: number } | { kind: 'linear'; top: number };

/** The share 0…1 of the chart's height that `value` fills. */
export function scaledShare(value: number, scale: ChartScale): number {
  if (!(value > 0)) return 0;
  if (scale.kind === 'linear') return scale.top > 0 ? Math.min(1, value / scale.top) : 0;
  const span = Math.log(scale.top / scale.bottom);
  if (!(span > 0) || value >= scale.top) return 1;
  return value <= scale.bottom ? 0 : Math.log(value / scale.bottom) / span;
}

/**
 * Draws columns as `height` rows of vertical bars (top row first), each cell in eighths.
 * A column with a value above zero always shows at least the lowest eighth. A number scale is linear from 0.
 */
export function chartRows(
  columns: readonly ChartColumn[],
  height: number,
  scale: number | ChartScale,
): string[] {
  const resolved: ChartScale = typeof scale === 'number' ? { kind: 'linear', top: scale } : scale;
  const filled = columns.map((column) => {
    if (column === undefined) return undefined;
    const share = scaledShare(column.value, resolved) * height * 8;
    return column.value > 0 && share < 1 ? 1 : share;
  });
  const rows: string[] = [];
  for (let row = height - 1; row >= 0; row -= 1) {
    let line = '';
    for (const share of filled) {
      if (share === undefined) {
        line += ' ';
        continue;
      }
      const inRow = Math.min(8, Math.max(0, Math.round(share - row * 8)));
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

/**
 * Where a change falls on a chart: a model switch (`▲workers`), a workload switch (`◆io-http`) or reload
 * (`◆reloaded v2`), or any other event the engine records (`·pause`, `·reset`, or a kind added later), each
 * with the words to put beside it.
 */
export type ChartMarker = { column: number; symbol: string; label: string; model?: ModelName };

/** The symbol and words of an event's marker; any event kind gets one, so new kinds are marked too. */
export function markerOf(event: EngineEvent): Omit<ChartMarker, 'column'> {
  switch (event.kind) {
    case 'switch':
      return { symbol: '▲', label: event.to, model: event.to };
    case 'workload':
      return { symbol: '◆', label: event.to };
    case 'reload':
      return { symbol: '◆', label: `reloaded v${event.version}` };
    default: {
      // Kinds without their own mark (pause, reset, a settings change added later) say what changed, and to what.
      const to = (event as { to?: unknown }).to;
      const value = typeof to === 'number' ? formatCount(to) : typeof to === 'string' ? to : undefined;
      return { symbol: '·', label: value === undefined ? event.kind : `${event.kind} ${value}` };
    }
  }
}

/** The events (oldest first) that fall within the chart's span, with the column each one lands on. */
export function chartMarkers(
  events: readonly EngineEvent[],
  { to, spanMs, width }: ColumnOptions,
): ChartMarker[] {
  const markers: ChartMarker[] = [];
  if (width <= 0 || spanMs <= 0) return markers;
  for (const event of events) {
    const column = columnOf(event.at, { to, spanMs, width });
    if (column !== undefined) markers.push({ column, ...markerOf(event) });
  }
  return markers;
}

/** Marks that stand out more win a shared column: a model switch over a workload switch over the rest. */
const markerWeight: Record<string, number> = { '▲': 3, '◆': 2, '·': 1 };

/** Under a column in which the loop stalled (`Snapshot.stalls`): one mark however many stalls it holds. */
export const stallMark = '!';

/**
 * The line under a chart: each marker's symbol, followed by its words when there is room before the next marker
 * (else their first letter), e.g. `   ▲workers   ◆io-http  ·pause`. Settling columns with no marker are shaded
 * `░`, so the time a change took to settle shows, not just its instant. A column with a stall and nothing else
 * drawn gets `!`: stalls never take a change's place or cut its words, so frequent stalls read as a run of `!`.
 */
export function markerLine(
  markers: readonly ChartMarker[],
  width: number,
  settling: readonly boolean[] = [],
  stalls: readonly boolean[] = [],
): string {
  const cells: string[] = Array.from({ length: Math.max(0, width) }, (_, index) =>
    settling[index] ? '░' : ' ',
  );
  const placed = new Map<number, ChartMarker>();
  for (const marker of markers) {
    const current = placed.get(marker.column);
    if (!current || (markerWeight[marker.symbol] ?? 0) >= (markerWeight[current.symbol] ?? 0)) {
      placed.set(marker.column, marker);
    }
  }
  const ordered = [...placed.values()].sort((a, b) => a.column - b.column);
  ordered.forEach((marker, index) => {
    cells[marker.column] = marker.symbol;
    const next = ordered[index + 1]?.column ?? width;
    const room = next - marker.column - 2;
    if (room <= 0) return;
    const label = marker.label.length <= room ? marker.label : marker.label.slice(0, 1).toUpperCase();
    for (let offset = 0; offset < label.length; offset += 1) {
      cells[marker.column + 1 + offset] = label[offset] ?? ' ';
    }
  });
  stalls.forEach((stalled, column) => {
    if (stalled && (cells[column] === ' ' || cells[column] === '░')) cells[column] = stallMark;
  });
  return cells.join('');
}

/** The span a history chart covers: at least 60 s, more if the history is longer. */
export function historySpan(history: readonly HistoryPoint[], to: number): number {
  const first = history[0];
  return Math.max(60_000, first ? to - first.at : 0);
}

/** Everything needed to draw one history chart. */
export type HistoryChart = {
  columns: ChartColumn[];
  /** The largest value shown (at least the chart's floor). */
  top: number;
  scale: ChartScale;
  markers: ChartMarker[];
  /** Per column: whether a point in it fell in a settling period. */
  settling: boolean[];
  /** Per column: whether the loop stalled in it (only for charts given `stalls`). @default none */
  stalls?: boolean[];
  width: number;
};

export type HistoryChartOptions = {
  to: number;
  width: number;
  /** Rows of bars the chart will be drawn in, which decides what a linear scale can still show. */
  height: number;
  /** The top of the scale is never below this, so noise stays small. */
  floor: number;
  /** Values at or below this are noise: on a log scale they draw as the lowest eighth, and they never call for one. */
  bottom: number;
  /** Stalls of the loop to mark under their columns (`Snapshot.stalls.recent`). @default none */
  stalls?: readonly { at: number }[];
};

/** Fewer eighths than this and a bar no longer shows how big it is next to its neighbours. */
const legibleEighths = 2;

/**
 * Linear while every value above the noise shows at least two eighths tall; log as soon as one would not (a
 * spike or a freeze far above the rest), so small values stay visible beside big ones. A doubling reads as a
 * doubling whenever the linear scale can show it.
 */
export function chooseScale(
  columns: readonly ChartColumn[],
  { height, floor, bottom }: Pick<HistoryChartOptions, 'height' | 'floor' | 'bottom'>,
): ChartScale {
  const top = chartTop(columns, floor);
  const unreadable = columns.some(
    (column) =>
      column !== undefined && column.value > bottom && (column.value / top) * height * 8 < legibleEighths,
  );
  return unreadable ? { kind: 'log', bottom, top } : { kind: 'linear', top };
}

/** The scale in words for a chart's caption: "top 312 ms" or "log scale, top 24 s". */
export function scaleCaption(scale: ChartScale, format: (value: number) => string): string {
  return `${scale.kind === 'log' ? 'log scale, ' : ''}top ${format(scale.top)}`;
}

/** Columns, scale, markers and settling columns of a history chart `width` cells wide ending at `to`. */
export function historyChart(
  history: readonly HistoryPoint[],
  events: readonly EngineEvent[],
  pick: (point: HistoryPoint) => number,
  { to, width, height, floor, bottom, stalls }: HistoryChartOptions,
): HistoryChart {
  const options = { to, width, spanMs: historySpan(history, to) };
  const columns = historyColumns(history, pick, options);
  const settling = columnFlags(history, options, (point) => point.settling);
  return {
    columns,
    top: chartTop(columns, floor),
    scale: chooseScale(columns, { height, floor, bottom }),
    markers: chartMarkers(events, options),
    settling,
    ...(stalls ? { stalls: columnFlags(stalls, options, () => true) } : {}),
    width,
  };
}

/** Per column: whether any of `moments` that `holds` fell in it. */
function columnFlags<Moment extends { at: number }>(
  moments: readonly Moment[],
  options: ColumnOptions,
  holds: (moment: Moment) => boolean,
): boolean[] {
  const flags: boolean[] = new Array(Math.max(0, options.width)).fill(false);
  for (const moment of moments) {
    if (!holds(moment)) continue;
    const column = columnOf(moment.at, options);
    if (column !== undefined) flags[column] = true;
  }
  return flags;
}
