// Pure placing of a timeline's bins into the columns of a lane: which share of each column a thread was busy and
// which task covered most of it. No terminal needed to test it.

import type { TimelineLane, TimelineSample } from '../engine/types.ts';

/** A column of one lane: how busy the thread was in it and the task that covered most of it. */
export type LaneColumn = {
  /** Share 0…1 of the column the lane spent in task slices. */
  busy: number;
  /** Id of the task whose slices covered most of the column; 0 for none. */
  taskId: number;
  /** How many slices began in the column. */
  slices: number;
};

/** How columns map onto the timeline's bins: fixed slots of time, so the lanes scroll instead of shimmering. */
export type LaneScale = {
  /** Bins per column. */
  binsPerColumn: number;
  /** Time one column covers, ms. */
  columnMs: number;
  /** Columns drawn. */
  width: number;
  /** Engine-clock end of the rightmost column (the timeline's `endAt`). */
  endAt: number;
  /** Time the columns cover, ms (`width × columnMs`). */
  spanMs: number;
};

/**
 * A column should be about this long: two cells for a back-to-back 20 ms task, so neighbouring tasks read as
 * alternating bars. @default 10
 */
export const targetColumnMs = 10;

/** The scale of `width` columns over a timeline: whole bins per column, the newest column ending at `endAt`. */
export function laneScale(timeline: Pick<TimelineSample, 'binMs' | 'endAt'>, width: number): LaneScale {
  const binMs = timeline.binMs > 0 ? timeline.binMs : targetColumnMs;
  const binsPerColumn = Math.max(1, Math.round(targetColumnMs / binMs));
  const columnMs = binsPerColumn * binMs;
  const columns = Math.max(0, Math.floor(width));
  return { binsPerColumn, columnMs, width: columns, endAt: timeline.endAt, spanMs: columns * columnMs };
}

/**
 * The column (0 = leftmost) that holds the bin numbered `bin` counting from time zero, or undefined when it is
 * off the lane. Columns are counted from time zero too, so a bin stays in its column as the lane moves on.
 */
function columnOfBin(bin: number, newestBin: number, scale: LaneScale): number | undefined {
  const age = Math.floor(newestBin / scale.binsPerColumn) - Math.floor(bin / scale.binsPerColumn);
  return age >= 0 && age < scale.width ? scale.width - 1 - age : undefined;
}

/** The number, counted from time zero, of the bin that ends at `endAt`. */
function newestBinOf(timeline: Pick<TimelineSample, 'binMs' | 'endAt'>): number {
  return Math.round(timeline.endAt / timeline.binMs) - 1;
}

/** The column (0 = leftmost) a moment falls in, or undefined when it is off the lane. */
export function columnOfTime(
  at: number,
  timeline: Pick<TimelineSample, 'binMs' | 'endAt'>,
  scale: LaneScale,
) {
  if (!(timeline.binMs > 0) || at >= timeline.endAt) return undefined;
  return columnOfBin(Math.floor(at / timeline.binMs), newestBinOf(timeline), scale);
}

/** One lane's columns: empty (idle, zero) where no bin falls, or before the timeline starts. */
export function laneColumns(
  lane: TimelineLane,
  timeline: Pick<TimelineSample, 'binMs' | 'endAt' | 'bins'>,
  scale: LaneScale,
): LaneColumn[] {
  const columns: LaneColumn[] = Array.from({ length: scale.width }, () => ({
    busy: 0,
    taskId: 0,
    slices: 0,
  }));
  if (!(timeline.binMs > 0) || scale.width === 0) return columns;
  const busyMs = new Float64Array(scale.width);
  const coveredMs = new Float64Array(scale.width);
  // Per column, the busy time of each task that was the main one in a bin: the column's task is the largest.
  const byTask: Map<number, number>[] = [];
  const newestBin = newestBinOf(timeline);
  const count = Math.min(timeline.bins, lane.busyMs.length);
  for (let index = 0; index < count; index++) {
    const column = columnOfBin(newestBin - (timeline.bins - 1 - index), newestBin, scale);
    if (column === undefined) continue;
    const busy = Math.min(timeline.binMs, Math.max(0, lane.busyMs[index] ?? 0));
    busyMs[column] = (busyMs[column] ?? 0) + busy;
    coveredMs[column] = (coveredMs[column] ?? 0) + timeline.binMs;
    (columns[column] as LaneColumn).slices += lane.slices[index] ?? 0;
    const taskId = lane.taskId[index] ?? 0;
    if (busy > 0 && taskId > 0) {
      const tasks = byTask[column] ?? new Map<number, number>();
      byTask[column] = tasks;
      tasks.set(taskId, (tasks.get(taskId) ?? 0) + busy);
    }
  }
  for (let column = 0; column < scale.width; column++) {
    const cell = columns[column] as LaneColumn;
    const covered = coveredMs[column] ?? 0;
    cell.busy = covered > 0 ? Math.min(1, (busyMs[column] ?? 0) / covered) : 0;
    let most = 0;
    for (const [taskId, busy] of byTask[column] ?? []) {
      if (busy > most) {
        most = busy;
        cell.taskId = taskId;
      }
    }
  }
  return columns;
}

/** How a column is drawn: blank when idle, `.` and `:` when partly busy, a full cell from two thirds. */
export type CellKind = 'idle' | 'sliver' | 'half' | 'full';

export function cellKind(busy: number): CellKind {
  if (!(busy > 0)) return 'idle';
  if (busy < 1 / 3) return 'sliver';
  return busy < 2 / 3 ? 'half' : 'full';
}
