// Pure preparation of the task table: which columns fit, how wide, and each cell's text.

import { findModel } from '../engine/models/model-descriptors.ts';
import type { Snapshot, TaskRecord, ThreadSample } from '../engine/types.ts';
import { onCpuShareOf } from '../engine/verdict-on-cpu.ts';
import { fitWidth, formatMsNumber } from './format.ts';

export type TaskColumn = 'id' | 'state' | 'model' | 'thread' | 'wait' | 'run' | 'cpu';

const minimumWidth: Record<TaskColumn, number> = {
  id: 7,
  state: 9,
  model: 7,
  thread: 6,
  wait: 7,
  run: 7,
  cpu: 6,
};
const columnTitle: Record<TaskColumn, string> = {
  id: 'id',
  state: 'state',
  model: 'model',
  thread: 'thread',
  wait: 'wait ms',
  run: 'run ms',
  // Lower case: the pane titles are the screen's only capitalised words (the CPU pane's among them).
  cpu: 'on cpu',
};
const rightAligned = new Set<TaskColumn>(['id', 'wait', 'run', 'cpu']);
/** Most important first: a narrow pane drops columns from the end of this list. */
const priority: TaskColumn[] = ['id', 'state', 'wait', 'run', 'thread', 'model', 'cpu'];
const displayOrder: TaskColumn[] = ['id', 'state', 'model', 'thread', 'wait', 'run', 'cpu'];

/** The table's columns and their widths, sized to the tasks shown so no id or thread is cut. */
export type TaskTable = { columns: TaskColumn[]; widths: Record<TaskColumn, number> };

/** How a thread is named in the table: `main`, or its stable pool label `t1` … `tN`. */
export type ThreadNames = ReadonlyMap<number, string>;

/**
 * Thread names from a pool's members: their stable labels (`t1`, or `p1` for a process: the pool's prefix), not
 * Node's thread ids or pids.
 */
export function threadNames(threads: readonly ThreadSample[], prefix = 't'): ThreadNames {
  return new Map(threads.map((thread) => [thread.threadId, `${prefix}${thread.label}`]));
}

/** Every pool's thread names, by thread id: `t1` … for worker threads, `p1` … for processes. */
export function poolThreadNames(pools: Snapshot['pools']): ThreadNames {
  return new Map(
    Object.entries(pools).flatMap(([model, pool]) => [
      ...threadNames(pool?.perThread ?? [], findModel(model)?.pool?.prefix),
    ]),
  );
}

/**
 * The tasks the table shows in `rows` lines: the newest, and the selected task kept in sight on the last line
 * once newer tasks have pushed it below the others, or out of `recent` (then from the engine's record of it).
 */
export function shownTasks(
  recent: readonly TaskRecord[],
  rows: number,
  selected: number | undefined,
  /** The selected task's record from the engine (`Snapshot.inspected`), for once it left `recent`. */
  held?: TaskRecord | undefined,
): TaskRecord[] {
  const shown = recent.slice(0, Math.max(0, rows));
  if (selected === undefined || rows <= 0 || shown.some((task) => task.id === selected)) return shown;
  const task =
    recent.find((candidate) => candidate.id === selected) ?? (held?.id === selected ? held : undefined);
  return task ? [...shown.slice(0, rows - 1), task] : shown;
}

function threadText(task: TaskRecord, names: ThreadNames): string {
  if (task.threadId === undefined) return '-';
  if (task.threadId === 0) return 'main';
  // A thread the pool no longer has (replaced or removed): its tasks still say they ran on a worker.
  return names.get(task.threadId) ?? 'worker';
}

/** The columns that fit `width` cells (one space between columns), in display order, wide enough for `tasks`. */
export function taskTable(
  width: number,
  tasks: readonly TaskRecord[] = [],
  names: ThreadNames = new Map(),
): TaskTable {
  const widths = { ...minimumWidth };
  for (const task of tasks) {
    widths.id = Math.max(widths.id, `#${task.id}`.length);
    widths.thread = Math.max(widths.thread, threadText(task, names).length);
  }
  const chosen = new Set<TaskColumn>();
  let used = 0;
  for (const column of priority) {
    const needed = widths[column] + (chosen.size > 0 ? 1 : 0);
    if (used + needed > width) break;
    chosen.add(column);
    used += needed;
  }
  return { columns: displayOrder.filter((column) => chosen.has(column)), widths };
}

/** The columns that fit `width` cells at their narrowest, in display order. */
export function taskColumns(width: number): TaskColumn[] {
  return taskTable(width).columns;
}

/**
 * How long a task waited and ran, from its timestamps; an unfinished phase runs up to `at`.
 * This is a subtraction per visible row, not a statistic: the engine's percentiles are elsewhere.
 */
export function taskTimes(task: TaskRecord, at: number): { wait?: number; run?: number } {
  // A task may start or be submitted just after the snapshot's moment: it has then waited or run for 0 ms.
  const since = (from: number, until: number) => Math.max(0, until - from);
  if (task.startedAt === undefined) {
    const waitedUntil = task.state === 'queued' ? at : (task.endedAt ?? at);
    return { wait: since(task.submittedAt, waitedUntil) };
  }
  return { wait: since(task.submittedAt, task.startedAt), run: since(task.startedAt, task.endedAt ?? at) };
}

function asTable(table: TaskTable | readonly TaskColumn[]): TaskTable {
  return 'columns' in table ? table : { columns: [...table], widths: minimumWidth };
}

/** The header line of the table. */
export function taskHeader(table: TaskTable | readonly TaskColumn[]): string {
  const { columns, widths } = asTable(table);
  return columns.map((column) => cell(column, columnTitle[column], widths)).join(' ');
}

/** One task's line in the table. */
export function taskLine(
  task: TaskRecord,
  table: TaskTable | readonly TaskColumn[],
  at: number,
  names: ThreadNames = new Map(),
): string {
  const { columns, widths } = asTable(table);
  const times = taskTimes(task, at);
  const text: Record<TaskColumn, string> = {
    id: `#${task.id}`,
    // Words only: a symbol would send the whole line through Ink's slow Unicode width path every frame.
    state: task.state,
    model: task.model,
    thread: threadText(task, names),
    wait: times.wait === undefined ? '-' : formatMsNumber(times.wait),
    run: times.run === undefined ? '-' : formatMsNumber(times.run),
    cpu: onCpuText(task),
  };
  return columns.map((column) => cell(column, text[column], widths)).join(' ');
}

/**
 * The share of its run time a finished task spent on its thread's CPU, `93%`; `-` when not measured or when it ran
 * too short for one reading of a tick-driven clock to mean anything (`perTaskShareMinRunMs`). `-` is the table's
 * mark for every absent value: ASCII, so the line stays off Ink's slow Unicode path.
 */
function onCpuText(task: TaskRecord): string {
  const share = onCpuShareOf(task);
  return share === undefined ? '-' : `${Math.round(share * 100)}%`;
}

function cell(column: TaskColumn, text: string, widths: Record<TaskColumn, number>): string {
  return fitWidth(text, widths[column], rightAligned.has(column) ? 'right' : 'left');
}
