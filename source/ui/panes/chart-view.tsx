import type { ChartColumn } from '../chart-columns.ts';
import { chartLines } from '../chart-lines.ts';
import type { HistoryChart } from '../charts.ts';
import type { ColorName } from '../theme.ts';
import { Lines } from './line.tsx';

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
  return <Lines lines={chartLines(chart, { height, colorOf, markers })} />;
}
