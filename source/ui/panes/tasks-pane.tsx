import { hasPool } from '../../engine/models/model-descriptors.ts';
import type { Snapshot, TaskState } from '../../engine/types.ts';
import { chartLines } from '../chart-lines.ts';
import { scaleCaption } from '../chart-scale.ts';
import { historyChart } from '../charts.ts';
import { fitWidth, formatCount, formatMs, formatRate, packItems } from '../format.ts';
import { stateSymbol } from '../health.ts';
import type { Span } from '../spans.ts';
import { poolThreadNames, shownTasks, taskHeader, taskLine, taskTable } from '../task-rows.ts';
import { modelColor, stateColor } from '../theme.ts';
import { adviceLines } from './advice-line.tsx';
import { paneLines } from './pane-frame.tsx';

export type TasksPaneProps = {
  snapshot: Snapshot;
  width: number;
  height: number;
  /** The task selected in the table (`ViewState.selectedTask`): drawn in inverse video (and after `>` without
   * colour), kept in sight. @default none */
  selectedTask?: number | undefined;
};

const countOrder: TaskState[] = ['done', 'running', 'queued', 'failed', 'cancelled'];

/** Counts by state, throughput and latency, the throughput history, and the newest tasks. */
export function tasksPaneLines(
  { snapshot, width, height, selectedTask }: TasksPaneProps,
  color: boolean,
): Span[][] {
  const { tasks } = snapshot;
  const content = height - 1;
  const lines: Span[][] = [];

  const counts = countOrder.map((state) => ({
    state,
    text: `${stateSymbol[state]} ${formatCount(tasks.counts[state])} ${state}`,
  }));
  for (const items of packItems(counts, width, (item) => item.text.length, 2)) {
    lines.push(
      items.map((item, index) => ({
        text: `${index > 0 ? '  ' : ''}${item.text}`,
        color: tasks.counts[item.state] > 0 ? stateColor[item.state] : 'gray',
      })),
    );
  }
  const turns = betweenTurns(snapshot, width);
  if (turns) lines.push([{ text: turns, color: 'gray' }]);
  lines.push(rateLine(snapshot, width), ...adviceLines(snapshot, 'tasks', width));
  const failure = tasks.counts.failed > 0 ? tasks.recent.find((task) => task.state === 'failed') : undefined;
  if (failure) {
    lines.push([
      { text: `✖ #${failure.id} failed: ${failure.error ?? 'no message'}`, color: stateColor.failed },
    ]);
  }

  // The chart gets up to three rows plus its markers; the table gets its header and at least two tasks first.
  const afterSummary = content - lines.length;
  const chartHeight = afterSummary >= 7 ? Math.min(3, afterSummary - 6) : afterSummary >= 3 ? 1 : 0;
  const tableRows = Math.max(0, afterSummary - (chartHeight > 0 ? chartHeight + 1 : 0) - 1);
  const chart = historyChart(snapshot.history, snapshot.events, (point) => point.throughput, {
    to: snapshot.at,
    width,
    height: Math.max(1, chartHeight),
    floor: 1,
    bottom: 1,
  });
  const shown = shownTasks(tasks.recent, tableRows, selectedTask, snapshot.inspected?.record);
  const names = poolThreadNames(snapshot.pools);
  const table = taskTable(width, shown, names);
  const caption = `chart: throughput, ${scaleCaption(chart.scale, formatRate)}`;

  const detail = selectedTask === undefined ? caption : `#${selectedTask}: enter opens · esc clears`;
  return paneLines({ title: 'TASKS', detail }, width, color, [
    ...lines.slice(0, content),
    ...(chartHeight > 0
      ? chartLines(chart, { height: chartHeight, colorOf: (column) => modelColor(column.model) })
      : []),
    ...(tableRows > 0 ? [[{ text: fitWidth(taskHeader(table), width), bold: true }]] : []),
    ...shown.map((task): Span[] => [
      {
        text: selectedLine(taskLine(task, table, snapshot.at, names), task.id === selectedTask, color),
        color: stateColor[task.state],
        inverse: task.id === selectedTask,
      },
    ]),
  ]);
}

/**
 * The selected row is drawn in inverse video; without colour styles may be off entirely, so it also starts with
 * `>` (ASCII: the line stays off Ink's slow Unicode path).
 */
function selectedLine(line: string, selected: boolean, color: boolean): string {
  return selected && !color ? `>${line.slice(1)}` : line;
}

/** Throughput and latency over the window; "—" when no task finished in it, as there is nothing to measure. */
function rateLine(snapshot: Snapshot, width: number): Span[] {
  const { tasks, windowMs } = snapshot;
  if (!(tasks.throughput > 0)) {
    // The first snapshot closes a window of a millisecond or so: "in the last 1.2 ms" would read as a glitch.
    const why = windowMs < 100 ? 'just started' : `no task finished in the last ${formatMs(windowMs)}`;
    return [{ text: `—/s   latency —   (${why})`, color: 'gray' }];
  }
  return [
    { text: formatRate(tasks.throughput), bold: true },
    { text: `   latency p50 ${formatMs(tasks.total.p50)}   p99 ` },
    { text: formatMs(tasks.total.p99), bold: true },
    { text: width >= 56 ? `   max ${formatMs(tasks.total.max)}` : '' },
  ];
}

/**
 * Under async, a task that computes holds the loop until it ends, and the dashboard draws on the same loop: a
 * frame is always drawn between two tasks, so it counts none running and the rest queued. Say so, or the
 * counts read as if nothing ran at an ELU of 100 %.
 */
function betweenTurns(snapshot: Snapshot, width: number): string | undefined {
  const { counts } = snapshot.tasks;
  if (hasPool(snapshot.model) || counts.running > 0 || counts.queued === 0 || snapshot.scheduler.paused) {
    return undefined;
  }
  const waiting = formatCount(counts.queued);
  const long = `the loop runs 1 task at a time and draws between two: ${waiting} wait for their turn`;
  return width >= long.length ? long : `1 task at a time holds the loop; ${waiting} wait`;
}
