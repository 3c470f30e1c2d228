// A log-bucket histogram (`LogHistogram`) drawn as vertical bars, one column group per bucket from the first
// bucket with a value to the last, like tokio-console's poll-time histogram. A bucket with any value shows at
// least one cell, so a rare slow task stays visible next to thousands of fast ones.

import type { LogHistogram } from '../../engine/types.ts';
import { cutText, formatCount, formatMs } from '../format.ts';
import type { Span } from '../spans.ts';
import type { ColorName } from '../theme.ts';

export type HistogramLinesOptions = {
  /** What is counted, e.g. `task latency`. */
  title: string;
  /** What one value is, for the count: `tasks`, `slices`. */
  unit: string;
  width: number;
  /** Lines in all: the title, the bars, the axis. At least 3. */
  height: number;
  color: ColorName;
  colorOn: boolean;
  /** A value to point at under its bucket, e.g. the inspected task's latency. @default none */
  mark?: number | undefined;
  /** What the mark stands for, in the title after `^`. @default 'this task' */
  markLabel?: string;
  /** Why there is nothing to draw, when the histogram is absent or empty. */
  empty: string;
};

/** The bucket a value falls in: the first whose bound is at or above it (the last for anything beyond). */
export function bucketOf(bounds: readonly number[], value: number): number {
  const index = bounds.findIndex((bound) => value <= bound);
  return index < 0 ? bounds.length - 1 : index;
}

/** The histogram's lines: `height` of them at most, each at most `width` cells. */
export function histogramLines(
  histogram: LogHistogram | undefined,
  options: HistogramLinesOptions,
): Span[][] {
  const { width, colorOn } = options;
  const counts = histogram?.counts ?? [];
  const total = counts.reduce((sum, count) => sum + count, 0);
  const marking = total > 0 && options.mark !== undefined ? ` · ^ ${options.markLabel ?? 'this task'}` : '';
  const long = `${options.title}${total > 0 ? ` · ${formatCount(total)} ${options.unit}` : ''}${marking}`;
  // The unit goes first when the line is short: the title says what is counted.
  const title =
    long.length <= width ? long : `${options.title}${total > 0 ? ` · ${formatCount(total)}` : ''}${marking}`;
  const lines: Span[][] = [[{ text: cutText(title, width), bold: true }]];
  if (!histogram || total === 0) {
    lines.push([{ text: cutText(options.empty, width), color: 'gray' }]);
    return lines.slice(0, options.height);
  }
  const { bounds } = histogram;
  const marked = options.mark === undefined ? undefined : bucketOf(bounds, options.mark);
  let first = counts.findIndex((count) => count > 0);
  let last = counts.length - 1 - [...counts].reverse().findIndex((count) => count > 0);
  if (marked !== undefined) {
    first = Math.min(first, marked);
    last = Math.max(last, marked);
  }
  // At least 6 buckets, so a narrow distribution still reads as a shape on an axis.
  while (last - first + 1 < 6 && (first > 0 || last < counts.length - 1)) {
    if (last < counts.length - 1) last++;
    if (last - first + 1 < 6 && first > 0) first--;
  }
  const shown = counts.slice(first, last + 1);
  const cellsPerBucket = Math.max(1, Math.min(4, Math.floor(width / shown.length)));
  const barRows = Math.max(1, options.height - 2);
  const most = Math.max(...shown);
  const heights = shown.map((count) => (count > 0 ? Math.max(1, Math.round((count / most) * barRows)) : 0));
  for (let row = barRows; row >= 1; row--) {
    const spans: Span[] = [];
    for (const filled of heights) {
      const on = filled >= row;
      const cell = ' '.repeat(Math.max(1, cellsPerBucket - 1));
      spans.push(
        on
          ? colorOn
            ? { text: cell, color: options.color, inverse: true }
            : { text: '#'.repeat(cell.length) }
          : { text: cell },
        { text: cellsPerBucket > 1 ? ' ' : '' },
      );
    }
    if (row === barRows) spans.push({ text: ` ${formatCount(most)}`, color: 'gray' });
    lines.push(spans);
  }
  lines.push([{ text: axis(bounds, first, last, cellsPerBucket, width, marked), color: 'gray' }]);
  return lines.slice(0, options.height);
}

/** The axis under the bars: the lowest and highest bound shown, and `^` under the marked bucket. */
function axis(
  bounds: readonly number[],
  first: number,
  last: number,
  cellsPerBucket: number,
  width: number,
  marked: number | undefined,
): string {
  const columns = (last - first + 1) * cellsPerBucket;
  const low = first === 0 ? '0' : formatMs(bounds[first - 1] as number);
  const high = `${last === bounds.length - 1 ? '>' : ''}${formatMs(bounds[last === bounds.length - 1 ? last - 1 : last] as number)}`;
  const length = Math.max(columns, low.length + high.length + 1);
  const cells = Array.from({ length }, () => ' ');
  const markAt = marked === undefined ? -1 : (marked - first) * cellsPerBucket;
  // A label the mark would fall on is left out: the mark matters more, the bounds can be read off the others.
  if (markAt < 0 || markAt > low.length)
    for (const [index, character] of [...low].entries()) cells[index] = character;
  if (markAt < length - high.length - 1)
    for (const [index, character] of [...high].entries()) cells[length - high.length + index] = character;
  if (markAt >= 0) cells[markAt] = '^';
  return cutText(cells.join('').trimEnd(), width);
}
