// A history chart as lines of spans: the bars coloured per column, then the model-switch markers.

import type { ChartColumn, HistoryChart } from './charts.ts';
import { chartRows, markerLine, runs } from './charts.ts';
import { mergeSpans, type Span } from './spans.ts';
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
  const lines = chartRows(chart.columns, height, chart.top).map((row) =>
    mergeSpans(
      runs(row, (index) => cellKey(colorAt[index], color && row[index] === '█')).map(
        ({ text, key }): Span =>
          key.full
            ? { text: ' '.repeat(text.length), color: key.color, inverse: true }
            : { text, color: key.color },
      ),
    ),
  );
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

type CellKey = { color: ColorName | undefined; full: boolean };
const cellKeys = new Map<string, CellKey>();

/** One shared key object per colour and fullness, so `runs` can compare keys by identity. */
function cellKey(color: ColorName | undefined, full: boolean): CellKey {
  const id = `${color}:${full}`;
  let key = cellKeys.get(id);
  if (!key) {
    key = { color, full };
    cellKeys.set(id, key);
  }
  return key;
}
