// A history chart put together from its parts beside this file: fixed time columns, a linear or log scale, a
// marker for every change. Pure text, like its parts: no terminal needed to test it.

import type { EngineEvent, HistoryPoint } from '../engine/types.ts';
import { type ChartColumn, chartTop, columnFlags, historyColumns } from './chart-columns.ts';
import { type ChartMarker, chartMarkers } from './chart-markers.ts';
import type { ChartScale } from './chart-scale.ts';

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
