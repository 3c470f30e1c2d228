// The task table's rows (`Snapshot.tasks.recent`, up to a few dozen per window) are most of a window line. Each row
// is written as an array (no key names), its times relative to the window's `at` to the microsecond, and a row
// unchanged since the last window as its id alone.

import type { TaskRecord, TaskState } from '../engine/types.ts';

/** A row as written: its id when unchanged since the last window, else the row as an array. */
export type EncodedRow = number | unknown[];

/** The record's fields in the order of the array; any other field rides, whole, in a last object. */
const timeFields = ['submittedAt', 'startedAt', 'endedAt'] as const;
const valueFields = ['error', 'cpuMs', 'slices', 'longestSliceMs', 'sliceMs'] as const;
const known = new Set<string>(['id', 'state', 'model', 'threadId', ...timeFields, ...valueFields]);

const toMicroseconds = (ms: number) => Math.round(ms * 1000) / 1000;

/** Encodes a window's rows; `previous` (id → the row's JSON) is what the last window wrote, and is updated. */
export function encodeRows(
  rows: readonly TaskRecord[],
  at: number,
  previous: Map<number, string>,
): EncodedRow[] {
  const seen = new Map<number, string>();
  const encoded = rows.map((row): EncodedRow => {
    const json = JSON.stringify(row);
    seen.set(row.id, json);
    if (previous.get(row.id) === json) return row.id;
    const extra = Object.fromEntries(Object.entries(row).filter(([key]) => !known.has(key)));
    const array: unknown[] = [
      row.id,
      row.state,
      row.model,
      row.threadId ?? null,
      ...timeFields.map((field) =>
        row[field] === undefined ? null : toMicroseconds((row[field] as number) - at),
      ),
      // Durations to the microsecond too (they carry float noise past it: 23.614000000000033).
      ...valueFields.map((field) => {
        const value = row[field];
        return typeof value === 'number' && field !== 'slices' ? toMicroseconds(value) : (value ?? null);
      }),
    ];
    if (Object.keys(extra).length > 0) array.push(extra);
    // Trailing empty fields are left out: most rows have no end, error or slices yet.
    while (array.length > 3 && array.at(-1) === null) array.pop();
    return array;
  });
  previous.clear();
  for (const [id, json] of seen) previous.set(id, json);
  return encoded;
}

/** Decodes a window's rows; `previous` (id → row) holds the last window's rows, and is updated. */
export function decodeRows(
  rows: readonly EncodedRow[],
  at: number,
  previous: Map<number, TaskRecord>,
): TaskRecord[] {
  const decoded = rows.map((row): TaskRecord => {
    if (typeof row === 'number') {
      const known = previous.get(row);
      if (!known) throw new Error(`task #${row} is referred to before it was written`);
      return known;
    }
    const [id, state, model, threadId, ...rest] = row;
    const record: Record<string, unknown> = { id, state: state as TaskState, model };
    if (threadId !== null) record.threadId = threadId;
    timeFields.forEach((field, index) => {
      const value = rest[index];
      if (typeof value === 'number') record[field] = value + at;
    });
    valueFields.forEach((field, index) => {
      const value = rest[timeFields.length + index];
      if (value !== null && value !== undefined) record[field] = value;
    });
    const extra = rest[timeFields.length + valueFields.length];
    if (extra && typeof extra === 'object') Object.assign(record, extra);
    return record as TaskRecord;
  });
  previous.clear();
  for (const record of decoded) previous.set(record.id, record);
  return decoded;
}
