// Pure: the time ruler under the lanes, and which columns a loop stall covers. No terminal needed to test it.

import type { Stall, TimelineSample } from '../engine/types.ts';
import { columnOfTime, type LaneScale } from './lane-cells.ts';

/** Tick steps the ruler picks from, ms: the smallest that leaves room for its label. */
const tickSteps = [20, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10_000, 30_000, 60_000] as const;
/** Columns between ticks: room for the longest label (`|-250ms`) and a gap. */
const tickSpacing = 12;

/** The time between ticks for a scale: ticks at least `tickSpacing` columns apart. */
export function tickStepMs(scale: LaneScale): number {
  return tickSteps.find((step) => step / scale.columnMs >= tickSpacing) ?? (tickSteps.at(-1) as number);
}

/** A span of time as the ruler and title write it: `250ms`, `1s`, `1.5s`, `12s`. */
export function formatSpan(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const seconds = ms / 1000;
  return `${seconds >= 10 || Number.isInteger(seconds) ? Math.round(seconds) : seconds.toFixed(1)}s`;
}

/**
 * The ruler under `scale.width` columns: a tick `|` every step back from the right edge with its age
 * (`|-1s`), and `now` at the right edge. The ticks stay put on the screen while the lanes scroll under them by
 * whole columns, so the labels never change.
 */
export function rulerText(scale: LaneScale): string {
  const cells: string[] = new Array(Math.max(0, scale.width)).fill(' ');
  if (scale.width === 0) return '';
  const step = tickStepMs(scale);
  const now = 'now';
  for (let tick = 1; ; tick++) {
    const column = scale.width - 1 - Math.round((tick * step) / scale.columnMs);
    if (column < 0) break;
    const label = `|-${formatSpan(tick * step)}`;
    // The newest tick's label must not run into `now`.
    const room = tick === 1 ? scale.width - now.length - column - 1 : label.length;
    const text = label.slice(0, Math.max(1, room));
    for (let offset = 0; offset < text.length && column + offset < scale.width; offset++) {
      cells[column + offset] = text[offset] as string;
    }
  }
  if (scale.width >= now.length) {
    for (let offset = 0; offset < now.length; offset++)
      cells[scale.width - now.length + offset] = now[offset] as string;
  }
  return cells.join('');
}

/** Per column: whether a loop stall covered part of it. */
export function stallColumns(
  stalls: readonly Stall[],
  timeline: Pick<TimelineSample, 'binMs' | 'endAt'>,
  scale: LaneScale,
): boolean[] {
  const covered: boolean[] = new Array(scale.width).fill(false);
  const from = timeline.endAt - scale.spanMs;
  for (const stall of stalls) {
    const end = stall.at + Math.max(0, stall.durationMs);
    if (end < from || stall.at >= timeline.endAt) continue;
    // Walk the stall a column at a time, plus its last moment, so a stall shorter than a column still marks one.
    const last = Math.min(end, timeline.endAt - 1e-6);
    for (let at = Math.max(stall.at, from); at <= last; at += scale.columnMs) markAt(at);
    markAt(last);
  }
  return covered;

  function markAt(at: number): void {
    const column = columnOfTime(at, timeline, scale);
    if (column !== undefined) covered[column] = true;
  }
}

/** The newest stall that falls in the lanes' span, if any. */
export function newestStallIn(
  stalls: readonly Stall[],
  timeline: Pick<TimelineSample, 'endAt'>,
  scale: LaneScale,
): Stall | undefined {
  const from = timeline.endAt - scale.spanMs;
  return stalls.findLast((stall) => stall.at + stall.durationMs >= from && stall.at < timeline.endAt);
}

/** A stall as the stalls' row draws it: from the column it began in, for `columns` columns (at least one). */
export type StallRun = { column: number; columns: number };

/** The stalls in the lanes' span, oldest first, as runs of columns; one that began before the span starts at 0. */
export function stallRuns(
  stalls: readonly Stall[],
  timeline: Pick<TimelineSample, 'binMs' | 'endAt'>,
  scale: LaneScale,
): StallRun[] {
  const from = timeline.endAt - scale.spanMs;
  const runs: StallRun[] = [];
  for (const stall of stalls) {
    const end = Math.min(stall.at + Math.max(0, stall.durationMs), timeline.endAt - 1e-6);
    if (end < from || stall.at >= timeline.endAt) continue;
    const first = columnOfTime(Math.max(stall.at, from), timeline, scale) ?? 0;
    const last = columnOfTime(end, timeline, scale) ?? first;
    runs.push({ column: first, columns: Math.max(1, last - first + 1) });
  }
  return runs;
}
