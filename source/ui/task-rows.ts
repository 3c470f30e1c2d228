// Pure preparation of the task table: which columns fitWidth, and each cell's text.

import type { TaskRecord } from '../engine/types.ts';
import { fitWidth, formatMsNumber } from './format.ts';

export type TaskColumn = 'id' | 'state' | 'model' | 'thread' | 'wait' | 'run';

const columnWidth: Record<TaskColumn, number> = { id: 7, state: 9, model: 7, thread: 6, wait: 7, run: 7 };
const columnTitle: Record<TaskColumn, string> = {
  id: 'id',
  state: 'state',
  model: 'model',
  thread: 'thread',
  wait: 'wait ms',
  run: 'run ms',
};
const rightAligned = new Set<TaskColumn>(['id', 'wait', 'run']);
/** Most important first: a narrow pane drops columns from the end of this list. */
const priority: TaskColumn[] = ['id', 'state', 'wait', 'run', 'thread', 'model'];
const displayOrder: TaskColumn[] = ['id', 'state', 'model', 'thread', 'wait', 'run'];

/** The columns that fit `width` cells (one space between columns), in display order. */
export function taskColumns(width: number): TaskColumn[] {
  const chosen = new Set<TaskColumn>();
  let used = 0;
  for (const column of priority) {
    const needed = columnWidth[column] + (chosen.size > 0 ? 1 : 0);
    if (used + needed > width) break;
    chosen.add(column);
    used += needed;
  }
  return displayOrder.filter((column) => chosen.has(column));
}

/**
 * How long a task waited and ran, from its timestamps; an unfinished phase runs up to `at`.
 * This is a subtraction per visible row, not a statistic: the engine's percentiles are elsewhere.
 */
export function taskTimes(task: TaskRecord, at: number): { wait?: number; run?: number } {
  if (task.startedAt === undefined) {
    const waitedUntil = task.state === 'queued' ? at : (task.endedAt ?? at);
    return { wait: waitedUntil - task.submittedAt };
  }
  return { wait: task.startedAt - task.submittedAt, run: (task.endedAt ?? at) - task.startedAt };
}

/** The header line of the table. */
export function taskHeader(columns: readonly TaskColumn[]): string {
  return columns.map((column) => cell(column, columnTitle[column])).join(' ');
}

/** One task's line in the table. */
export function taskLine(task: TaskRecord, columns: readonly TaskColumn[], at: number): string {
  const times = taskTimes(task, at);
  const text: Record<TaskColumn, string> = {
    id: `#${task.id}`,
    // Words only: a symbol would send the whole line through Ink's slow Unicode width path every frame.
    state: task.state,
    model: task.model,
    thread: task.threadId === undefined ? '-' : task.threadId === 0 ? 'main' : `t${task.threadId}`,
    wait: times.wait === undefined ? '-' : formatMsNumber(times.wait),
    run: times.run === undefined ? '-' : formatMsNumber(times.run),
  };
  return columns.map((column) => cell(column, text[column])).join(' ');
}

function cell(column: TaskColumn, text: string): string {
  return fitWidth(text, columnWidth[column], rightAligned.has(column) ? 'right' : 'left');
}
