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

/**
 * The records the table showed lately, by id, so a task picked from the table can still be opened when the
 * registry has dropped it (at 10,000 in flight its ring turns over within tens of ms). Bounded.
 */
export class ShownRecords {
  readonly #records = new Map<number, { record: TaskRecord; at: number }>();
  readonly #capacity: number;

  /** @param capacity how many records to keep, the most recently shown. @default 2048 */
  constructor(capacity = 2048) {
    this.#capacity = capacity;
  }

  remember(records: readonly TaskRecord[], at: number): void {
    for (const record of records) {
      this.#records.delete(record.id);
      this.#records.set(record.id, { record, at });
    }
    for (const id of this.#records.keys()) {
      if (this.#records.size <= this.#capacity) break;
      this.#records.delete(id);
    }
  }

  find(id: number): { record: TaskRecord; at: number } | undefined {
    return this.#records.get(id);
  }

  clear(): void {
    this.#records.clear();
  }
}

/** `inspectTask`, falling back to the record as the table last showed it (marked with `lastSeenAt`). */
export function inspectShownTask(
  id: number | undefined,
  records: TaskRecords,
  shown: ShownRecords,
  slices: Pick<SliceQuery, 'slicesOf'> | undefined,
): InspectedTask | undefined {
  const live = inspectTask(id, records, slices);
  if (live || id === undefined) return live;
  const seen = shown.find(id);
  if (!seen) return undefined;
  return { record: seen.record, lastSeenAt: seen.at, slices: slices?.slicesOf(id) ?? [] };
}
