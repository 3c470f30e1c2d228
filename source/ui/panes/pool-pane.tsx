import { Text } from 'ink';
import type { ReactElement } from 'react';
import type { Snapshot, ThreadSample } from '../../engine/types.ts';
import { fitWidth, formatCount, formatMs, formatPercent, packItems, wrapWords } from '../format.ts';
import { modelColor, paint, useTheme } from '../theme.ts';
import { BarView } from './bar-view.tsx';
import { PaneFrame } from './pane-frame.tsx';

export type PoolPaneProps = { snapshot: Snapshot; width: number; height: number };

/** One row per worker thread with its busy share, plus pool utilization, queue and run / wait p99. */
export function PoolPane({ snapshot, width, height }: PoolPaneProps) {
  const content = height - 1;
  const { pool } = snapshot;
  const idle = !pool.active || pool.perThread.length === 0;
  return (
    <PaneFrame
      title="WORKER POOL"
      detail={`${snapshot.poolThreads} thread${snapshot.poolThreads === 1 ? '' : 's'}`}
      width={width}
      height={height}
    >
      {idle ? (
        <IdleLines snapshot={snapshot} width={width} lines={content} />
      ) : (
        <BusyLines snapshot={snapshot} width={width} lines={content} />
      )}
    </PaneFrame>
  );
}

type LinesProps = { snapshot: Snapshot; width: number; lines: number };

function IdleLines({ snapshot, width, lines }: LinesProps) {
  const theme = useTheme();
  const why =
    snapshot.model === 'async'
      ? `The model is async: every task runs on the main thread's event loop, so these threads have nothing to do. Press w to spread tasks over ${snapshot.poolThreads} worker threads.`
      : snapshot.scheduler.paused
        ? 'The run is paused: no tasks are submitted, so the threads wait. Press space to resume.'
        : 'The model is workers, but no task is queued or running on the pool yet.';
  return (
    <>
      <Text wrap="truncate" bold color={paint(theme, 'gray')}>
        ○ pool idle
      </Text>
      {wrapWords(why, width)
        .slice(0, Math.max(0, lines - 1))
        .map((line) => (
          <Text key={line} wrap="truncate">
            {line}
          </Text>
        ))}
    </>
  );
}

function BusyLines({ snapshot, width, lines }: LinesProps) {
  const theme = useTheme();
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
  const out: ReactElement[] = summary.map((items) => (
    <Text key={items.join()} wrap="truncate">
      {items.join('   ')}
    </Text>
  ));
  if (snapshot.model === 'async') {
    out.push(
      <Text key="draining" wrap="truncate" color={paint(theme, 'gray')}>
        draining tasks from before the switch to async
      </Text>,
    );
  }
  const rowsLeft = lines - out.length;
  const threads = pool.perThread;
  if (threads.length <= rowsLeft) {
    for (const thread of threads) out.push(<ThreadRow key={thread.threadId} thread={thread} width={width} />);
  } else if (rowsLeft > 0) {
    // More threads than lines: several threads share a line; when even that is not enough, the last
    // cell counts the threads left out.
    const perLine = Math.max(1, Math.floor(width / threadCellWidth));
    const capacity = rowsLeft * perLine;
    const shown = threads.length <= capacity ? threads : threads.slice(0, capacity - 1);
    const hidden = threads.length - shown.length;
    for (let start = 0; start < shown.length; start += perLine) {
      const cells = shown.slice(start, start + perLine);
      const last = start + perLine >= shown.length;
      out.push(
        <Text key={`cells-${cells[0]?.threadId}`} wrap="truncate">
          {cells.map((thread) => (
            <ThreadCell key={thread.threadId} thread={thread} />
          ))}
          {last && hidden > 0 ? `+${hidden} more` : ''}
        </Text>,
      );
    }
  }
  return <>{out.slice(0, lines)}</>;
}

/** A thread in a shared line: label, a five-cell bar and its share. */
const threadCellWidth = 15;

function ThreadCell({ thread }: { thread: ThreadSample }) {
  const theme = useTheme();
  return (
    <Text color={paint(theme, thread.taskId === undefined ? 'gray' : modelColor.workers)}>
      {fitWidth(`t${thread.threadId}`, 4)}
      <BarView share={thread.busyShare} width={5} color={modelColor.workers} />{' '}
      {fitWidth(formatPercent(thread.busyShare), 4, 'right')}{' '}
    </Text>
  );
}

function ThreadRow({ thread, width }: { thread: ThreadSample; width: number }) {
  const theme = useTheme();
  const label = fitWidth(`t${thread.threadId}`, 5);
  const task =
    width >= 36 ? fitWidth(thread.taskId === undefined ? 'idle' : `#${thread.taskId}`, 9, 'right') : '';
  const barWidth = Math.max(4, width - label.length - 5 - task.length - 1);
  return (
    <Text wrap="truncate">
      {label}
      <BarView share={thread.busyShare} width={barWidth} color={modelColor.workers} />
      {fitWidth(formatPercent(thread.busyShare), 5, 'right')}
      <Text color={paint(theme, 'gray')}> {task}</Text>
    </Text>
  );
}
