import { Text } from 'ink';
import type { ReactNode } from 'react';
import type { HistoryPoint, Snapshot } from '../../engine/types.ts';
import { type ChartColumn, chartRows } from '../charts.ts';
import { fitWidth, formatBytes, formatCores, formatPercent, packItems } from '../format.ts';
import { paint, useTheme } from '../theme.ts';
import { BarView } from './bar-view.tsx';
import { PaneFrame } from './pane-frame.tsx';

export type CpuPaneProps = { snapshot: Snapshot; width: number; height: number };

/** Samples of per-core history shown next to each core's bar. */
const coreHistoryLength = 8;
const cellWidth = 14;

/** A bar per logical core with a short history, and this process's cores, RSS and heap. */
export function CpuPane({ snapshot, width, height }: CpuPaneProps) {
  const theme = useTheme();
  const { cpu } = snapshot;
  const content = height - 1;
  const summary = packItems(
    [
      { key: 'cores', text: `process ${formatCores(cpu.processCores)} cores`, bold: true },
      { key: 'rss', text: `rss ${formatBytes(cpu.rssBytes)}`, bold: false },
      { key: 'heap', text: `heap ${formatBytes(cpu.heapUsedBytes)}`, bold: false },
    ],
    width,
    (item) => item.text.length,
  ).slice(0, content);
  const rowsLeft = content - summary.length;
  const cores = cpu.perCore.map((share, core) => ({ core, share }));
  const label = (core: number) => fitWidth(`c${core}`, String(cores.length - 1).length + 2);
  const perLine = Math.max(1, Math.floor((width + 1) / (cellWidth + 1)));
  const recent = snapshot.history.slice(-coreHistoryLength);

  let body: ReactNode = null;
  if (rowsLeft <= 0) {
    body = null;
  } else if (cores.length <= rowsLeft) {
    const historyWidth = width >= 30 ? coreHistoryLength : 0;
    body = cores.map(({ core, share }) => {
      const barWidth = Math.max(3, width - label(core).length - (historyWidth ? historyWidth + 1 : 0) - 5);
      return (
        <Text key={core} wrap="truncate">
          {label(core)}
          {historyWidth ? (
            <Text color={paint(theme, 'gray')}>{`${coreSparkline(recent, core, historyWidth)} `}</Text>
          ) : null}
          <BarView share={share} width={barWidth} color="green" />
          {fitWidth(formatPercent(share), 5, 'right')}
        </Text>
      );
    });
  } else if (cores.length <= rowsLeft * perLine) {
    const lines = [];
    for (let start = 0; start < cores.length; start += perLine)
      lines.push(cores.slice(start, start + perLine));
    body = lines.map((line) => (
      <Text key={line[0]?.core} wrap="truncate">
        {line.map(({ core, share }) => (
          <Text key={core}>
            {fitWidth(label(core), 4)}
            <BarView share={share} width={5} color="green" />
            {fitWidth(formatPercent(share), 5, 'right')}{' '}
          </Text>
        ))}
      </Text>
    ));
  } else {
    // Too many cores for bars side by side: one column per core, as tall as the pane allows.
    const columns: ChartColumn[] = cores
      .slice(0, width)
      .map(({ share }) => ({ value: share, model: snapshot.model }));
    body = chartRows(columns, rowsLeft, 1).map((row, index) => (
      // biome-ignore lint/suspicious/noArrayIndexKey: a chart's rows are positions, never reordered
      <Text key={index} wrap="truncate">
        {row}
      </Text>
    ));
  }

  return (
    <PaneFrame title="CPU" detail={`${cores.length} cores`} width={width} height={height}>
      {summary.map((items) => (
        <Text key={items[0]?.key} wrap="truncate">
          {items.map((item, index) => (
            <Text key={item.key} bold={item.bold}>
              {index > 0 ? '   ' : ''}
              {item.text}
            </Text>
          ))}
        </Text>
      ))}
      {body}
    </PaneFrame>
  );
}

/** The last samples of one core's busy share as a one-line sparkline, right-aligned in `width` cells. */
function coreSparkline(recent: readonly HistoryPoint[], core: number, width: number): string {
  const columns: ChartColumn[] = recent.map((point) => {
    const value = point.perCore[core];
    return value === undefined ? undefined : { value, model: point.model };
  });
  return (chartRows(columns, 1, 1)[0] ?? '').padStart(width);
}
