import {
  anyPoolSizeText,
  findModel,
  type ModelDescriptor,
  type ModelPool,
  modelDescriptors,
  poolSizeText,
} from '../../engine/models/model-descriptors.ts';
import type { ModelName, PoolSample, Snapshot, ThreadSample } from '../../engine/types.ts';
import { barSpans } from '../bar-spans.ts';
import {
  fitWidth,
  formatBytes,
  formatCount,
  formatMs,
  formatPercent,
  packItems,
  wrapWords,
} from '../format.ts';
import type { Span } from '../spans.ts';
import { type ColorName, modelColor } from '../theme.ts';
import { adviceLines } from './advice-line.tsx';
import { paneLines } from './pane-frame.tsx';

export type PoolPaneProps = { snapshot: Snapshot; width: number; height: number };

/** A pool the pane shows, with the descriptor that names it. */
export type ShownPool = { model: ModelName; pool: PoolSample; names: ModelPool };

/**
 * The pools the pane shows: the current model's when it has one and it has started, then any other pool still
 * finishing tasks started before a switch. None when nothing runs on a pool.
 */
export function shownPools(snapshot: Snapshot): ShownPool[] {
  const shown: ShownPool[] = [];
  for (const descriptor of modelDescriptors()) {
    const model = descriptor.name as ModelName;
    const pool = snapshot.pools[model];
    if (!descriptor.pool || !pool?.active || pool.perThread.length === 0) continue;
    const draining = model !== snapshot.model;
    if (draining && pool.busyThreads === 0 && pool.queueSize === 0) continue;
    const entry = { model, pool, names: descriptor.pool };
    if (draining) shown.push(entry);
    else shown.unshift(entry);
  }
  return shown;
}

/** The models that have a pool, in table order. */
function pooledModels(): ModelDescriptor[] {
  return modelDescriptors().filter((descriptor) => descriptor.pool !== undefined);
}

/** The pane's title and size: the pool it shows first, else the current model's, else every pool's. */
function paneTitle(snapshot: Snapshot, shown: readonly ShownPool[]): { title: string; detail: string } {
  const pools = pooledModels().flatMap((descriptor) => (descriptor.pool ? [descriptor.pool] : []));
  const names =
    shown[0]?.names ?? findModel(snapshot.model)?.pool ?? (pools.length === 1 ? pools[0] : undefined);
  if (names) return { title: names.title, detail: poolSizeText(names, snapshot.poolThreads) };
  return {
    title: pools.map((pool) => pool.title).join(' · ') || 'POOL',
    detail: anyPoolSizeText(snapshot.poolThreads),
  };
}

/** One row per thread of each pool shown, with its busy share, plus busy threads, utilization, queue and run / wait p99. */
export function poolPaneLines({ snapshot, width, height }: PoolPaneProps, color: boolean): Span[][] {
  const content = height - 1;
  const shown = shownPools(snapshot);
  const notices = shown.flatMap(({ pool }) => (pool.notice ? [pool.notice] : []));
  const notice: Span[][] = [
    ...adviceLines(snapshot, 'pool', width),
    ...notices.map((text): Span[] => [{ text: `⚠ ${text}`, color: 'yellow' }]),
  ];
  const room = content - notice.length;
  const lines: Span[][] = [];
  if (shown.length === 0) lines.push(...idleLines(snapshot, width, room));
  for (const [index, entry] of shown.entries()) {
    // Each pool gets an equal share of the rows; a heading names each when there are several.
    const share = Math.floor(room / shown.length) - (shown.length > 1 ? 1 : 0);
    if (shown.length > 1)
      lines.push([{ text: entry.names.title, bold: true, color: modelColor(entry.model) }]);
    lines.push(
      ...busyLines(snapshot, entry, width, index === shown.length - 1 ? room - lines.length : share, color),
    );
  }
  return paneLines(paneTitle(snapshot, shown), width, color, [...notice, ...lines].slice(0, content));
}

function idleLines(snapshot: Snapshot, width: number, lines: number): Span[][] {
  const current = findModel(snapshot.model);
  const pooled = pooledModels();
  const [only] = pooled;
  const press =
    pooled.length === 1 && only?.pool
      ? `Press ${only.key} to spread tasks over ${poolSizeText(only.pool, snapshot.poolThreads)}.`
      : `Press ${pooled.map((descriptor) => `${descriptor.key} (${descriptor.name})`).join(' or ')} to spread tasks over a pool.`;
  const why = !current?.pool
    ? `The model is ${snapshot.model}: it ${current?.description ?? 'runs tasks without a pool'}, so the pool has nothing to do. ${press}`
    : snapshot.scheduler.paused
      ? 'The run is paused: no tasks are submitted, so the pool waits. Press space to resume.'
      : `The model is ${snapshot.model}, but no task is queued or running on the pool yet.`;
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

function busyLines(
  snapshot: Snapshot,
  { model, pool, names }: ShownPool,
  width: number,
  lines: number,
  color: boolean,
): Span[][] {
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
  if (snapshot.model !== model) {
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
  const look: ThreadLook = { prefix: names.prefix, color: modelColor(model), paint: color };
  const labelWidth = Math.max(...threads.map((thread) => `${look.prefix}${thread.label}`.length)) + 1;
  if (threads.length <= rowsLeft) {
    const taskWidth = Math.max(5, ...threads.map((thread) => taskText(thread).length));
    for (const thread of threads) out.push(threadRow(thread, width, labelWidth, taskWidth, look));
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
        ...shown.slice(start, start + perLine).flatMap((thread) => threadCell(thread, labelWidth, look)),
        { text: last && hidden > 0 ? `+${hidden} more` : '' },
      ]);
    }
  }
  return out.slice(0, lines);
}

function taskText(thread: ThreadSample): string {
  return thread.taskId === undefined ? 'idle' : `#${thread.taskId}`;
}

/** How a pool's threads are drawn: their label prefix and their model's colour. */
type ThreadLook = { prefix: string; color: ColorName; paint: boolean };

/** A thread in a shared line: label, a five-cell bar and its share. */
function threadCell(thread: ThreadSample, labelWidth: number, look: ThreadLook): Span[] {
  const textColor = thread.taskId === undefined ? 'gray' : look.color;
  return [
    { text: fitWidth(`${look.prefix}${thread.label}`, labelWidth), color: textColor },
    ...barSpans(thread.busyShare, 5, look.color, look.paint),
    { text: ` ${fitWidth(formatPercent(thread.busyShare), 4, 'right')} `, color: textColor },
  ];
}

function threadRow(
  thread: ThreadSample,
  width: number,
  labelWidth: number,
  taskWidth: number,
  look: ThreadLook,
): Span[] {
  const label = fitWidth(`${look.prefix}${thread.label}`, labelWidth);
  const task = width >= 30 + taskWidth ? fitWidth(taskText(thread), taskWidth, 'right') : '';
  const columns = processColumns(thread);
  // A process's own columns only where the bar keeps at least 5 cells (its share is also in figures).
  const shown = width - label.length - 5 - task.length - 1 - columns.length >= 5 ? columns : '';
  const barWidth = Math.max(4, width - label.length - 5 - task.length - 1 - shown.length);
  return [
    { text: label },
    ...barSpans(thread.busyShare, barWidth, look.color, look.paint),
    { text: fitWidth(formatPercent(thread.busyShare), 5, 'right') },
    { text: ` ${task}${shown}`, color: 'gray' },
  ];
}

/**
 * A process's columns, as it measured them: pid, CPU over the window, RSS, and how long it took to start. Of
 * one width on every row, so the rows line up and either all show them or none does.
 */
function processColumns(thread: ThreadSample): string {
  if (thread.pid === undefined) return '';
  const width = processColumnsWidth;
  if (thread.pid === 0) return fitWidth('  starting', width);
  const cpu = thread.cpuShare === undefined ? '—' : formatPercent(thread.cpuShare);
  const rss = thread.rssBytes === undefined ? '—' : formatBytes(thread.rssBytes);
  const start = thread.startMs === undefined ? '—' : formatMs(thread.startMs);
  const text = `  pid ${fitWidth(String(thread.pid), 7)} cpu ${fitWidth(cpu, 4, 'right')} ${fitWidth(rss, 6, 'right')} up ${fitWidth(start, 6, 'right')}`;
  return fitWidth(text, width);
}

/** `  pid 1234567 cpu 100% 1.2 GB up 1.2 s`: the widest the process columns get. */
const processColumnsWidth = 2 + 4 + 7 + 5 + 4 + 1 + 6 + 4 + 6;
