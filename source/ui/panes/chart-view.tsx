import { Text } from 'ink';
import type { ChartColumn, HistoryChart } from '../charts.ts';
import { chartRows, markerLine, runs } from '../charts.ts';
import { type ColorName, modelColor, paint, useTheme } from '../theme.ts';

export type ChartViewProps = {
  chart: HistoryChart;
  /** Rows of bars; the marker line comes on top of these. */
  height: number;
  /** Colour of one column's bar. */
  colorOf: (column: NonNullable<ChartColumn>) => ColorName;
  /** Whether to draw the line of model-switch markers under the bars. @default true */
  markers?: boolean;
};

/** A history chart: `height` rows of bars, then `▲workers` / `▲async` under every model switch. */
export function ChartView({ chart, height, colorOf, markers = true }: ChartViewProps) {
  const theme = useTheme();
  const keyOf = (index: number): ColorName | undefined => {
    const column = chart.columns[index];
    return column ? colorOf(column) : undefined;
  };
  const markerRow = markerLine(chart.markers, chart.width);
  const markerColorAt = (index: number): ColorName | undefined => {
    const marker = chart.markers.findLast((candidate) => candidate.column <= index);
    return marker && markerRow[index] !== ' ' ? modelColor[marker.to] : undefined;
  };
  const rows = chartRows(chart.columns, height, chart.top);
  return (
    <>
      {rows.map((row, rowIndex) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a chart's rows are positions, never reordered
        <Text key={rowIndex} wrap="truncate">
          {runs(row, (index) => cellKey(row, index, keyOf(index))).map((run, runIndex) =>
            theme.color && run.key.full ? (
              // Full cells in inverse-video spaces: far cheaper for Ink to measure than block glyphs.
              // biome-ignore lint/suspicious/noArrayIndexKey: runs are positions along a fixed line
              <Text key={runIndex} inverse color={paint(theme, run.key.color)}>
                {' '.repeat(run.text.length)}
              </Text>
            ) : (
              // biome-ignore lint/suspicious/noArrayIndexKey: runs are positions along a fixed line
              <Text key={runIndex} color={paint(theme, run.key.color)}>
                {run.text}
              </Text>
            ),
          )}
        </Text>
      ))}
      {markers ? (
        <Text wrap="truncate">
          {runs(markerRow, markerColorAt).map((run, runIndex) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: runs are positions along a fixed line
            <Text key={runIndex} color={paint(theme, run.key)} bold>
              {run.text}
            </Text>
          ))}
        </Text>
      ) : null}
    </>
  );
}

type CellKey = { color: ColorName | undefined; full: boolean };
const cellKeys = new Map<string, CellKey>();

/** One shared key object per colour and fullness, so `runs` can compare keys by identity. */
function cellKey(row: string, index: number, color: ColorName | undefined): CellKey {
  const full = row[index] === '█';
  const id = `${color}:${full}`;
  let key = cellKeys.get(id);
  if (!key) {
    key = { color, full };
    cellKeys.set(id, key);
  }
  return key;
}
