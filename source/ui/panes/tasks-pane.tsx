import { Text } from 'ink';
import type { ReactElement } from 'react';
import type { Snapshot, TaskState } from '../../engine/types.ts';
import { historyChart } from '../charts.ts';
import { fitWidth, formatCount, formatMs, formatRate, packItems } from '../format.ts';
import { stateSymbol } from '../health.ts';
import { taskColumns, taskHeader, taskLine } from '../task-rows.ts';
import { modelColor, paint, stateColor, useTheme } from '../theme.ts';
import { ChartView } from './chart-view.tsx';
import { PaneFrame } from './pane-frame.tsx';

export type TasksPaneProps = { snapshot: Snapshot; width: number; height: number };

const countOrder: TaskState[] = ['done', 'running', 'queued', 'failed', 'cancelled'];

/** Counts by state, throughput and latency, the throughput history, and the newest tasks. */
export function TasksPane({ snapshot, width, height }: TasksPaneProps) {
  const theme = useTheme();
  const { tasks } = snapshot;
  const content = height - 1;
  const lines: ReactElement[] = [];

  const counts = countOrder.map((state) => ({
    state,
    text: `${stateSymbol[state]} ${formatCount(tasks.counts[state])} ${state}`,
  }));
  for (const items of packItems(counts, width, (item) => item.text.length, 2)) {
    lines.push(
      <Text key={`counts-${items[0]?.state}`} wrap="truncate">
        {items.map((item, index) => (
          <Text
            key={item.state}
            color={paint(theme, tasks.counts[item.state] > 0 ? stateColor[item.state] : 'gray')}
          >
            {index > 0 ? '  ' : ''}
            {item.text}
          </Text>
        ))}
      </Text>,
    );
  }
  lines.push(
    <Text key="latency" wrap="truncate">
      <Text bold>{formatRate(tasks.throughput)}</Text>
      {`   latency p50 ${formatMs(tasks.total.p50)}   p99 `}
      <Text bold>{formatMs(tasks.total.p99)}</Text>
      {width >= 56 ? `   max ${formatMs(tasks.total.max)}` : ''}
    </Text>,
  );
  const failure = tasks.counts.failed > 0 ? tasks.recent.find((task) => task.state === 'failed') : undefined;
  if (failure) {
    lines.push(
      <Text key="failure" wrap="truncate" color={paint(theme, stateColor.failed)}>
        ✖ #{failure.id} failed: {failure.error ?? 'no message'}
      </Text>,
    );
  }

  const columns = taskColumns(width);
  // The chart gets up to three rows plus its markers; the table gets its header and at least two tasks first.
  const afterSummary = content - lines.length;
  const chartHeight = afterSummary >= 7 ? Math.min(3, afterSummary - 6) : afterSummary >= 3 ? 1 : 0;
  const tableRows = Math.max(0, afterSummary - (chartHeight > 0 ? chartHeight + 1 : 0) - 1);
  const chart = historyChart(snapshot.history, snapshot.events, (point) => point.throughput, {
    to: snapshot.at,
    width,
    floor: 1,
  });

  return (
    <PaneFrame
      title="TASKS"
      detail={`chart: throughput, top ${formatRate(chart.top)}`}
      width={width}
      height={height}
    >
      {lines.slice(0, content)}
      {chartHeight > 0 ? (
        <ChartView chart={chart} height={chartHeight} colorOf={(column) => modelColor[column.model]} />
      ) : null}
      {tableRows > 0 ? (
        <>
          <Text wrap="truncate" bold>
            {fitWidth(taskHeader(columns), width)}
          </Text>
          {tasks.recent.slice(0, tableRows).map((task) => (
            <Text key={task.id} wrap="truncate" color={paint(theme, stateColor[task.state])}>
              {taskLine(task, columns, snapshot.at)}
            </Text>
          ))}
        </>
      ) : null}
    </PaneFrame>
  );
}
