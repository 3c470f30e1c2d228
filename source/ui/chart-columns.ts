// History placed into fixed time columns: a point keeps its column as time moves on, so charts scroll instead
// of shimmering.

import type { HistoryPoint, ModelName } from '../engine/types.ts';

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
export function columnOf(at: number, { to, spanMs, width }: ColumnOptions): number | undefined {
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

/** Per column: whether any of `moments` that `holds` fell in it. */
export function columnFlags<Moment extends { at: number }>(
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
