import type { Snapshot, ThreadSample } from '../../engine/types.ts';
import { barSpans } from '../bar-spans.ts';
import { fitWidth, formatCount, formatMs, formatPercent, packItems, wrapWords } from '../format.ts';
import type { Span } from '../spans.ts';
import { modelColor, useTheme } from '../theme.ts';
import { Lines } from './line.tsx';
import { PaneFrame } from './pane-frame.tsx';

export type PoolPaneProps = { snapshot: Snapshot; width: number; height: number };

/** One row per worker thread with its busy share, plus pool utilization, queue and run / wait p99. */
export function PoolPane({ snapshot, width, height }: PoolPaneProps) {
  const theme = useTheme();
  const content = height - 1;
  const { pool } = snapshot;
  const idle = !pool.active || pool.perThread.length === 0;
  const lines = idle ? idleLines(snapshot, width, content) : busyLines(snapshot, width, content, theme.color);
  return (
    <PaneFrame
      title="WORKER POOL"
      detail={`${snapshot.poolThreads} thread${snapshot.poolThreads === 1 ? '' : 's'}`}
      width={width}
      height={height}
    >
      <Lines lines={lines.slice(0, content)} />
    </PaneFrame>
  );
}

function idleLines(snapshot: Snapshot, width: number, lines: number): Span[][] {
  const why =
    snapshot.model === 'async'
      ? `The model is async: every task runs on the main thread's event loop, so these threads have nothing to do. Press w to spread tasks over ${snapshot.poolThreads} worker threads.`
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

function busyLines(snapshot: Snapshot, width: number, lines: number, color: boolean): Span[][] {
  const { pool } = snapshot;
  const summary = packItems(
    [
      `util ${formatPercent(pool.utilization)}`,
      `busy ${pool.busyThreads}/${pool.threads}`,
      `queue ${formatCount(pool.queueSize)}`,
      `run p99 ${formatMs(pool.runTime.p99)}`,
      `wait p99 ${formatMs(pool.waitTime.p99)}`,
    ],
    width,
    (item) => item.length,
  );
  const out: Span[][] = summary.map((items) => [{ text: items.join('   ') }]);
  if (snapshot.model === 'async') {
    out.push([{ text: 'draining tasks from before the switch to async', color: 'gray' }]);
  }
  const rowsLeft = lines - out.length;
  const threads = pool.perThread;
  if (threads.length <= rowsLeft) {
    for (const thread of threads) out.push(threadRow(thread, width, color));
  } else if (rowsLeft > 0) {
    // More threads than lines: several threads share a line; when even that is not enough, the last
    // cell counts the threads left out.
    const perLine = Math.max(1, Math.floor(width / threadCellWidth));
    const capacity = rowsLeft * perLine;
    const shown = threads.length <= capacity ? threads : threads.slice(0, capacity - 1);
    const hidden = threads.length - shown.length;
    for (let start = 0; start < shown.length; start += perLine) {
      const last = start + perLine >= shown.length;
      out.push([
        ...shown.slice(start, start + perLine).flatMap((thread) => threadCell(thread, color)),
        { text: last && hidden > 0 ? `+${hidden} more` : '' },
      ]);
    }
  }
  return out.slice(0, lines);
}

/** A thread in a shared line: label, a five-cell bar and its share. */
const threadCellWidth = 15;

function threadCell(thread: ThreadSample, color: boolean): Span[] {
  const textColor = thread.taskId === undefined ? 'gray' : modelColor.workers;
  return [
    { text: fitWidth(`t${thread.threadId}`, 4), color: textColor },
    ...barSpans(thread.busyShare, 5, modelColor.workers, color),
    { text: ` ${fitWidth(formatPercent(thread.busyShare), 4, 'right')} `, color: textColor },
  ];
}

function threadRow(thread: ThreadSample, width: number, color: boolean): Span[] {
  const label = fitWidth(`t${thread.threadId}`, 5);
  const task =
    width >= 36 ? fitWidth(thread.taskId === undefined ? 'idle' : `#${thread.taskId}`, 9, 'right') : '';
  const barWidth = Math.max(4, width - label.length - 5 - task.length - 1);
  return [
    { text: label },
    ...barSpans(thread.busyShare, barWidth, modelColor.workers, color),
    { text: fitWidth(formatPercent(thread.busyShare), 5, 'right') },
    { text: ` ${task}`, color: 'gray' },
  ];
}
