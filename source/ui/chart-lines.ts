// A history chart as lines of spans: the bars coloured per column, then the markers of changes and settling.

import type { ChartColumn } from './chart-columns.ts';
import { markerLine, stallMark } from './chart-markers.ts';
import { chartRows } from './chart-rows.ts';
import type { HistoryChart } from './charts.ts';
import { runs } from './line-runs.ts';
import type { Span } from './spans.ts';
import { type ColorName, modelColor } from './theme.ts';

export type ChartLineOptions = {
  /** Rows of bars; the marker line comes under these. */
  height: number;
  /** Colour of one column's bar. */
  colorOf: (column: NonNullable<ChartColumn>) => ColorName;
  /** Whether to draw the line of markers (changes, settling) under the bars. @default true */
  markers?: boolean;
};

/**
 * `height` lines of bars, then the marker line: `▲workers` under a model switch, `◆io-http` under a workload
 * switch, `·pause` and the like under other changes, `░` under settling time, a red `!` under a loop stall.
 */
export function chartLines(chart: HistoryChart, options: ChartLineOptions): Span[][] {
  const { height, colorOf, markers = true } = options;
  const colorAt = chart.columns.map((column) => (column ? colorOf(column) : undefined));
  // Settling time is shaded: the empty cells of a settling column are `░`, in gray.
  const shaded = (row: string): string =>
    chart.settling.some(Boolean)
      ? Array.from(row, (cell, index) => (cell === ' ' && chart.settling[index] ? '░' : cell)).join('')
      : row;
  const lines = chartRows(chart.columns, height, chart.scale).map((row) => barLine(shaded(row), colorAt));
  if (!markers) return lines;
  const markerRow = markerLine(chart.markers, chart.width, chart.settling, chart.stalls);
  const markerColorAt = (index: number): ColorName | undefined => {
    const cell = markerRow[index];
    if (cell === ' ') return undefined;
    if (cell === '░') return 'gray';
    if (cell === stallMark && chart.stalls?.[index]) return 'red';
    const marker = chart.markers.findLast((candidate) => candidate.column <= index);
    return marker?.model ? modelColor(marker.model) : marker?.symbol === '◆' ? 'yellow' : 'gray';
  };
  lines.push(
    runs(markerRow, markerColorAt).map(({ text, key }) => ({ text, color: key, bold: key !== 'gray' })),
  );
  return lines;
}

/**
 * One row of bars as spans: neighbouring cells of one colour share a span. A row is one character per column (the
 * bar glyphs are all in the Basic Multilingual Plane). Full cells are `█` like the partial ones, not inverse-video
 * spaces: a bar's top row mixes full and partial cells, and inverse video split it into a span per cell (at 220×60
 * that made frames ~25 % slower, measured with bench:perf's render-cost).
 */
function barLine(row: string, colorAt: readonly (ColorName | undefined)[]): Span[] {
  const spans: Span[] = [];
  let text = '';
  let spanColor: ColorName | undefined;
  for (let index = 0; index < row.length; index++) {
    const cell = row[index] as string;
    const cellColor = cell === ' ' ? undefined : cell === '░' ? 'gray' : colorAt[index];
    if (text !== '' && cellColor !== spanColor) {
      spans.push({ text, color: spanColor });
      text = '';
    }
    spanColor = cellColor;
    text += cell;
  }
  if (text !== '') spans.push({ text, color: spanColor });
  return spans;
}
