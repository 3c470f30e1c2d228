// A history chart as lines of spans: the bars coloured per column, then the markers of changes and settling.

import type { ChartColumn, HistoryChart } from './charts.ts';
import { chartRows, markerLine, runs } from './charts.ts';
import type { Span } from './spans.ts';
import { type ColorName, modelColor } from './theme.ts';

export type ChartLineOptions = {
  /** Rows of bars; the marker line comes under these. */
  height: number;
  /** Colour of one column's bar. */
  colorOf: (column: NonNullable<ChartColumn>) => ColorName;
  /** Whether colour is on: full cells are then inverse-video spaces, otherwise `█`. */
  color: boolean;
  /** Whether to draw the line of markers (changes, settling) under the bars. @default true */
  markers?: boolean;
};

/**
 * `height` lines of bars, then the marker line: `▲workers` under a model switch, `◆io-http` under a workload
 * switch, `·pause` and the like under other changes, `░` under settling time. With colour, a full cell is an
 * inverse-video space: one plain ASCII cell for the terminal library to measure, where a block glyph
 * takes its slow Unicode path on every frame.
 */
export function chartLines(chart: HistoryChart, options: ChartLineOptions): Span[][] {
  const { height, colorOf, color, markers = true } = options;
  const colorAt = chart.columns.map((column) => (column ? colorOf(column) : undefined));
  // Settling time is shaded: the empty cells of a settling column are `░`, in gray.
  const shaded = (row: string): string =>
    chart.settling.some(Boolean)
      ? Array.from(row, (cell, index) => (cell === ' ' && chart.settling[index] ? '░' : cell)).join('')
      : row;
  const lines = chartRows(chart.columns, height, chart.scale).map((row) =>
    barLine(shaded(row), colorAt, color),
  );
  if (!markers) return lines;
  const markerRow = markerLine(chart.markers, chart.width, chart.settling);
  const markerColorAt = (index: number): ColorName | undefined => {
    const cell = markerRow[index];
    if (cell === ' ') return undefined;
    if (cell === '░') return 'gray';
    const marker = chart.markers.findLast((candidate) => candidate.column <= index);
    return marker?.model ? modelColor[marker.model] : marker?.symbol === '◆' ? 'yellow' : 'gray';
  };
  lines.push(
    runs(markerRow, markerColorAt).map(({ text, key }) => ({ text, color: key, bold: key !== 'gray' })),
  );
  return lines;
}

/**
 * One row of bars as spans: neighbouring cells of one colour and kind (full or not) share a span. A row is one
 * character per column (the bar glyphs are all in the Basic Multilingual Plane).
 */
function barLine(row: string, colorAt: readonly (ColorName | undefined)[], color: boolean): Span[] {
  const spans: Span[] = [];
  let text = '';
  let spanColor: ColorName | undefined;
  let spanFull = false;
  for (let index = 0; index < row.length; index++) {
    const cell = row[index] as string;
    const cellColor = cell === ' ' ? undefined : cell === '░' ? 'gray' : colorAt[index];
    const full = color && cell === '█';
    if (text !== '' && (cellColor !== spanColor || full !== spanFull)) {
      spans.push(barSpan(text, spanColor, spanFull));
      text = '';
    }
    spanColor = cellColor;
    spanFull = full;
    text += full ? ' ' : cell;
  }
  if (text !== '') spans.push(barSpan(text, spanColor, spanFull));
  return spans;
}

function barSpan(text: string, color: ColorName | undefined, full: boolean): Span {
  return full ? { text, color, inverse: true } : { text, color };
}
