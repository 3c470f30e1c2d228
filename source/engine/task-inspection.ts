// The task the user opened in the task detail, as the engine still knows it: its record from the task registry and
// its slices from the slice log. Both are bounded (the registry keeps the last few thousand records, the log the
// last few seconds), so either may have lost the task: the view says so rather than showing zeros.

import type { SliceQuery } from './slices/slice-query.ts';
import type { InspectedTask, TaskRecord } from './types.ts';

/** Where a task's record is looked up: the task registry. */
export type TaskRecords = { find(id: number): TaskRecord | undefined };

/**
 * Task `id`'s record and slices; undefined when no task is inspected or the registry no longer holds its record.
 * Without a slice log (slices not recorded) its slices are an empty list.
 */
export function inspectTask(
  id: number | undefined,
  records: TaskRecords,
  slices: Pick<SliceQuery, 'slicesOf'> | undefined,
): InspectedTask | undefined {
  if (id === undefined) return undefined;
  const record = records.find(id);
  if (!record) return undefined;
  return { record, slices: slices?.slicesOf(id) ?? [] };
}
