// A history chart as lines of spans: the bars coloured per column, then the model-switch markers.

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
  /** Whether to draw the line of model-switch markers under the bars. @default true */
  markers?: boolean;
};

/**
 * `height` lines of bars, then `▲workers` / `▲async` under every switch. With colour, a full cell is an
 * inverse-video space: one plain ASCII cell for the terminal library to measure, where a block glyph
 * takes its slow Unicode path on every frame.
 */
export function chartLines(chart: HistoryChart, options: ChartLineOptions): Span[][] {
  const { height, colorOf, color, markers = true } = options;
  const colorAt = chart.columns.map((column) => (column ? colorOf(column) : undefined));
  const lines = chartRows(chart.columns, height, chart.top).map((row) => barLine(row, colorAt, color));
  if (!markers) return lines;
  const markerRow = markerLine(chart.markers, chart.width);
  const markerColorAt = (index: number): ColorName | undefined => {
    if (markerRow[index] === ' ') return undefined;
    const marker = chart.markers.findLast((candidate) => candidate.column <= index);
    return marker ? modelColor[marker.to] : undefined;
  };
  lines.push(runs(markerRow, markerColorAt).map(({ text, key }) => ({ text, color: key, bold: true })));
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
    const cellColor = cell === ' ' ? undefined : colorAt[index];
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
