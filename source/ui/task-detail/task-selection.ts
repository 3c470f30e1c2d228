// Which task the table's selection is on. The selection is a task id, not a row number, so it stays on its task
// while newer tasks push the rows down. The rows are the engine's newest tasks (`Snapshot.tasks.recent`, newest
// first), then the selected task once newer ones pushed it out: the engine inspects the selected task, so its record
// still comes in `Snapshot.inspected` (at 80 tasks a second, the newest 40 last half a second). The table keeps the
// selected task in view however few rows it has room for.

import type { InspectedTask, TaskRecord } from '../../engine/types.ts';

/**
 * The task `by` rows below `selected` (negative: above), stopping at the table's ends. With no selection, the top
 * row; with a selection no longer in the table (it scrolled out below), the bottom row, where it left.
 */
export function stepSelection(
  rows: readonly number[],
  selected: number | undefined,
  by: number,
): number | undefined {
  if (rows.length === 0) return undefined;
  if (selected === undefined) return rows[0];
  const index = rows.indexOf(selected);
  if (index < 0) return rows.at(-1);
  return rows[Math.min(rows.length - 1, Math.max(0, index + by))];
}

/**
 * Where the selection goes when the table's rows change: it stays on its task while the table lists it (`rowIds`:
 * while the engine still holds its record); once the engine has lost it too, it moves to the bottom row, so a
 * selection stays in sight and `enter` still opens a task; none when the table is empty.
 */
export function followRows(rows: readonly number[], selected: number | undefined): number | undefined {
  if (selected === undefined || rows.includes(selected)) return selected;
  return rows.at(-1);
}

/**
 * The table's rows as ids: the newest tasks, newest first, then the inspected (selected) task when the engine still
 * holds it and newer tasks pushed it out of the newest. What the selection moves over.
 */
export function rowIds(recent: readonly TaskRecord[], inspected?: InspectedTask | undefined): number[] {
  const ids = recent.map((task) => task.id);
  const held = inspected?.record.id;
  return held === undefined || ids.includes(held) ? ids : [...ids, held];
}
