import type { Snapshot, ThreadSample } from '../../engine/types.ts';
import { barSpans } from '../bar-spans.ts';
import {
  fitWidth,
  formatBytes,
  formatCount,
  formatMs,
  formatPercent,
  formatThreads,
  packItems,
  wrapWords,
} from '../format.ts';
import type { Span } from '../spans.ts';
import { modelColor, useTheme } from '../theme.ts';
import { Lines } from './line.tsx';
import { PaneFrame } from './pane-frame.tsx';

export type PoolPaneProps = { snapshot: Snapshot; width: number; height: number };

/** One row per worker thread with its busy share, plus busy threads now, utilization, queue and run / wait p99. */
export function PoolPane({ snapshot, width, height }: PoolPaneProps) {
  const theme = useTheme();
  const content = height - 1;
  const { pool } = snapshot;
  const draining = snapshot.model !== 'workers' && pool.busyThreads === 0 && pool.queueSize === 0;
  const idle = !pool.active || pool.perThread.length === 0 || draining;
  const notice: Span[][] = pool.notice ? [[{ text: `⚠ ${pool.notice}`, color: 'yellow' }]] : [];
  const lines = idle
    ? idleLines(snapshot, width, content - notice.length)
    : busyLines(snapshot, width, content - notice.length, theme.color);
  return (
    <PaneFrame title="WORKER POOL" detail={formatThreads(snapshot.poolThreads)} width={width} height={height}>
      <Lines lines={[...notice, ...lines].slice(0, content)} />
    </PaneFrame>
  );
}

function idleLines(snapshot: Snapshot, width: number, lines: number): Span[][] {
  const why =
    snapshot.model === 'async'
      ? `The model is async: every task runs on the main thread's event loop, so these threads have nothing to do. Press w to spread tasks over ${formatThreads(snapshot.poolThreads)}.`
      : snapshot.scheduler.paused
        ? 'The run is paused: no tasks are submitted, so the threads wait. Press space to resume.'
        : 'The model is workers, but no task is queued or running on the pool yet.';
  return [
    [{ text: '○ pool idle', bold: true, color: 'gray' }],
    ...wrapWords(why, width)
      .slice(0, Math.max(0, lines - 1))
      .map((line) => [{ text: line }]),
  ];
}

/** A run or wait time of the pool: "—" when no task finished on the pool in the window. */
function poolTime(percentiles: { p99: number; max: number }): string {
  return percentiles.max > 0 ? formatMs(percentiles.p99) : '—';
}

function busyLines(snapshot: Snapshot, width: number, lines: number, color: boolean): Span[][] {
  const { pool } = snapshot;
  // Both cover the window (busy threads are busy thread-time ÷ window), so they always agree; say which window.
  const summary = packItems(
    [
      `busy ${pool.busyThreads}/${pool.threads}`,
      `util ${formatPercent(pool.utilization)} over ${formatMs(snapshot.windowMs)}`,
      `queue ${formatCount(pool.queueSize)}`,
      `run p99 ${poolTime(pool.runTime)}`,
      `wait p99 ${poolTime(pool.waitTime)}`,
    ],
    width,
    (item) => item.length,
  );
  const out: Span[][] = summary.map((items) => [{ text: items.join('   ') }]);
  if (snapshot.model !== 'workers') {
    const running = pool.busyThreads;
    out.push([
      {
        text: `finishing ${formatCount(running)} task${running === 1 ? '' : 's'} started before the switch to ${snapshot.model}`,
        color: 'gray',
      },
    ]);
  }
  const rowsLeft = lines - out.length;
  const threads = [...pool.perThread].sort((a, b) => a.label - b.label);
  const labelWidth = Math.max(...threads.map((thread) => `t${thread.label}`.length)) + 1;
  if (threads.length <= rowsLeft) {
    const taskWidth = Math.max(5, ...threads.map((thread) => taskText(thread).length));
    for (const thread of threads) out.push(threadRow(thread, width, labelWidth, taskWidth, color));
  } else if (rowsLeft > 0) {
    // More threads than lines: several threads share a line; when even that is not enough, the last
    // cell counts the threads left out.
    const cellWidth = labelWidth + 5 + 6;
    const perLine = Math.max(1, Math.floor(width / cellWidth));
    const capacity = rowsLeft * perLine;
    const shown = threads.length <= capacity ? threads : threads.slice(0, capacity - 1);
    const hidden = threads.length - shown.length;
    for (let start = 0; start < shown.length; start += perLine) {
      const last = start + perLine >= shown.length;
      out.push([
        ...shown.slice(start, start + perLine).flatMap((thread) => threadCell(thread, labelWidth, color)),
        { text: last && hidden > 0 ? `+${hidden} more` : '' },
      ]);
    }
  }
  return out.slice(0, lines);
}

function taskText(thread: ThreadSample): string {
  return thread.taskId === undefined ? 'idle' : `#${thread.taskId}`;
}

/** A thread in a shared line: label, a five-cell bar and its share. */
function threadCell(thread: ThreadSample, labelWidth: number, color: boolean): Span[] {
  const textColor = thread.taskId === undefined ? 'gray' : modelColor.workers;
  return [
    { text: fitWidth(rowLabel(thread), labelWidth), color: textColor },
    ...barSpans(thread.busyShare, 5, modelColor.workers, color),
    { text: ` ${fitWidth(formatPercent(thread.busyShare), 4, 'right')} `, color: textColor },
  ];
}

function threadRow(
  thread: ThreadSample,
  width: number,
  labelWidth: number,
  taskWidth: number,
  color: boolean,
): Span[] {
  const label = fitWidth(rowLabel(thread), labelWidth);
  const task = width >= 30 + taskWidth ? fitWidth(taskText(thread), taskWidth, 'right') : '';
  const columns = processColumns(thread);
  // A process's own columns only where the bar keeps at least 8 cells.
  const shown = width - label.length - 5 - task.length - 1 - columns.length >= 8 ? columns : '';
  const barWidth = Math.max(4, width - label.length - 5 - task.length - 1 - shown.length);
  return [
    { text: label },
    ...barSpans(thread.busyShare, barWidth, modelColor.workers, color),
    { text: fitWidth(formatPercent(thread.busyShare), 5, 'right') },
    { text: ` ${task}${shown}`, color: 'gray' },
  ];
}

/** `t3` for a worker thread, `p3` for a process of the processes model (a row with a pid). */
function rowLabel(thread: ThreadSample): string {
  return `${thread.pid === undefined ? 't' : 'p'}${thread.label}`;
}

/** A process's columns, as it measured them: pid, CPU over the window, RSS, and how long it took to start. */
function processColumns(thread: ThreadSample): string {
  if (thread.pid === undefined) return '';
  if (thread.pid === 0) return '  starting';
  const cpu = thread.cpuShare === undefined ? '—' : formatPercent(thread.cpuShare);
  const rss = thread.rssBytes === undefined ? '—' : formatBytes(thread.rssBytes);
  const start = thread.startMs === undefined ? '—' : formatMs(thread.startMs);
  return `  pid ${thread.pid} cpu ${cpu} ${rss} up in ${start}`;
}
