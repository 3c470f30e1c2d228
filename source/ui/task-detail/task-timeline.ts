// The task detail's state timeline as data: one cell per column from the task's submit to its end (or now, while
// it runs), each cell saying what the task was doing then. Slices shorter than a cell still claim their cell, so
// the 0.05 ms slivers of an I/O task stay visible; neighbouring slices alternate, so two of them read as two.

import type { SliceRecord, TaskRecord } from '../../engine/types.ts';
import type { Span } from '../spans.ts';

/**
 * `queued`: submitted, not started. `slice`/`sliceAlternate`: on its thread (alternating per slice). `await`:
 * started, between two slices. `unknown`: started, but no slice is known for that time (slices not recorded, or
 * the slice log no longer holds them).
 */
export type TimelineCell = 'queued' | 'slice' | 'sliceAlternate' | 'await' | 'unknown';

export type TaskTimeline = {
  cells: TimelineCell[];
  /** Milliseconds one cell covers. */
  msPerCell: number;
  /** Milliseconds from submit to the end (or to `at` while the task has not ended). */
  spanMs: number;
};

/** The cells of a task's timeline over `width` columns, from its submit to its end, or to `at` while it runs. */
export function taskTimeline(
  record: TaskRecord,
  slices: readonly SliceRecord[],
  at: number,
  width: number,
): TaskTimeline {
  const end = record.endedAt ?? Math.max(at, record.startedAt ?? record.submittedAt);
  const spanMs = Math.max(0, end - record.submittedAt);
  const columns = Math.max(0, Math.floor(width));
  // A task that took no measurable time still gets a visible bar: each cell then stands for a nanosecond.
  const msPerCell = Math.max(1e-6, spanMs) / Math.max(1, columns);
  const first = slices[0];
  // The log lost the task's first slices when the earliest it holds began well after the task started.
  const lostBefore =
    first && record.startedAt !== undefined && first.start - record.startedAt > msPerCell
      ? first.start
      : -Infinity;
  const cells: TimelineCell[] = [];
  let next = 0;
  for (let column = 0; column < columns; column++) {
    const from = record.submittedAt + column * msPerCell;
    const to = from + msPerCell;
    const middle = from + msPerCell / 2;
    if (record.startedAt === undefined || middle < record.startedAt) {
      cells.push('queued');
      continue;
    }
    // Slices are oldest first: skip those that ended before this cell.
    while (
      next < slices.length &&
      (slices[next] as SliceRecord).start + (slices[next] as SliceRecord).lengthMs <= from
    )
      next++;
    const slice = slices[next];
    if (slice && slice.start < to) cells.push(next % 2 === 0 ? 'slice' : 'sliceAlternate');
    else if (slices.length === 0 || middle < lostBefore) cells.push('unknown');
    else cells.push('await');
  }
  return { cells, msPerCell, spanMs };
}

/** How each cell is drawn: with colour, inverse-video blanks; without, a character that says the same. */
const cellStyle: Record<TimelineCell, { plain: string; color: Span['color']; inverse: boolean }> = {
  queued: { plain: '.', color: 'gray', inverse: false },
  slice: { plain: '#', color: 'cyan', inverse: true },
  sliceAlternate: { plain: '%', color: 'blueBright', inverse: true },
  await: { plain: '-', color: 'gray', inverse: false },
  unknown: { plain: '~', color: 'gray', inverse: false },
};

/** The glyph of a cell kind with colour on, where the cell is not drawn in inverse video. */
const colouredGlyph: Record<TimelineCell, string> = {
  queued: '.',
  slice: ' ',
  sliceAlternate: ' ',
  await: '-',
  unknown: '~',
};

/** The timeline as spans: one span per run of equal cells. */
export function timelineSpans(cells: readonly TimelineCell[], colorOn: boolean): Span[] {
  const spans: Span[] = [];
  let start = 0;
  for (let index = 1; index <= cells.length; index++) {
    if (index < cells.length && cells[index] === cells[start]) continue;
    const kind = cells[start] as TimelineCell;
    const style = cellStyle[kind];
    const glyph = colorOn ? colouredGlyph[kind] : style.plain;
    spans.push({
      text: glyph.repeat(index - start),
      ...(colorOn ? { color: style.color, inverse: style.inverse } : {}),
    });
    start = index;
  }
  return spans;
}

/** The legend under the timeline: each kind of cell drawn, then its meaning. */
export function legendSpans(colorOn: boolean, kinds: readonly TimelineCell[]): Span[] {
  const words: Record<TimelineCell, string> = {
    queued: 'queued',
    slice: 'a slice',
    sliceAlternate: 'the next',
    await: 'awaiting',
    unknown: 'slices unknown',
  };
  return kinds.flatMap((kind, index) => [
    { text: index > 0 ? '   ' : '' },
    ...timelineSpans([kind, kind], colorOn),
    { text: ` ${words[kind]}`, color: 'gray' as const },
  ]);
}
