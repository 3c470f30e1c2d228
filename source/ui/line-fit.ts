// Lines of spans fitted to a width in terminal cells and set side by side: how the panes of a row become the
// screen's lines. Ink costs per text node and per layout box (see spans.ts), so the dashboard lays out its panes
// itself and hands Ink one text per screen line, as any program printing lines would. Cut and measured the way
// Ink's `<Text wrap="truncate">` inside a box of the pane's width cuts and measures them.

import { eastAsianWidth } from 'get-east-asian-width';
import stringWidth from 'string-width';
import { isSimpleCell } from '../bundle-swaps/simple-cells.ts';
import { type Span, trimEnd } from './spans.ts';

/** A column of lines and the cells it takes. */
export type LineColumn = {
  lines: readonly (readonly Span[])[];
  width: number;
  /** Rows the column's box has, when fewer than the row's. @default the row's height */
  height?: number;
};

const ellipsis = '…';

const narrow = { ambiguousAsWide: false };

/** The cells of a simple cell (as the bundle's string-width fast path decides), as string-width measures it; −1 else. */
function simpleCellWidth(code: number): number {
  if (code >= 0x20 && code < 0x7f) return 1;
  return isSimpleCell(code) ? eastAsianWidth(code, narrow) : -1;
}

/**
 * The cells `text` takes when each of its units is a simple cell (a whole glyph by itself, as the bundle's
 * string-width fast path decides: bundle-swaps/simple-cells.ts), each measured as string-width measures it; then it
 * is cut unit by unit, without segmenting graphemes. −1 for any other text.
 */
export function simpleCellsOf(text: string): number {
  let cells = 0;
  for (let index = 0; index < text.length; index++) {
    const width = simpleCellWidth(text.charCodeAt(index));
    if (width < 0) return -1;
    cells += width;
  }
  return cells;
}

/** Control characters (a task's multi-line error, an escape in a user's text) drawn as a space: a line stays one line. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what it is for
const controls = /[\u0000-\u001f\u007f-\u009f]/g;

/** Cells `text` takes in a terminal, as Ink measures it. */
export function cellsOf(text: string): number {
  const cells = simpleCellsOf(text);
  return cells >= 0 ? cells : stringWidth(text.replace(controls, ' '));
}

/** Made on first use: the first `Intl.Segmenter` of a process loads ICU's break rules, ~12 ms before the first frame. */
let segmenter: Intl.Segmenter | undefined;

/** The longest start of `text` that takes at most `cells` cells, and the cells it takes. */
function cutText(text: string, cells: number): { text: string; cells: number } {
  let kept = '';
  let used = 0;
  if (simpleCellsOf(text) >= 0) {
    for (let index = 0; index < text.length; index++) {
      const width = simpleCellWidth(text.charCodeAt(index));
      if (used + width > cells) return { text: text.slice(0, index), cells: used };
      used += width;
    }
    return { text, cells: used };
  }
  segmenter ??= new Intl.Segmenter();
  for (const { segment } of segmenter.segment(text.replace(controls, ' '))) {
    const width = stringWidth(segment);
    if (used + width > cells) break;
    kept += segment;
    used += width;
  }
  return { text: kept, cells: used };
}

/**
 * The spans cut to at most `width` cells, with `…` in the last cell kept when anything was cut (in the style of the
 * character before it), as Ink truncates a line at its box's edge. A line that fits comes back as it is.
 */
export function fitSpans(spans: readonly Span[], width: number): readonly Span[] {
  const fitted: Span[] = [];
  fitInto(spans, width, fitted);
  return fitted;
}

/** Appends the spans cut to `width` (see `fitSpans`) to `out` and returns the cells they take. */
function fitInto(spans: readonly Span[], width: number, out: Span[]): number {
  if (width <= 0) return 0;
  let total = 0;
  let simple = true;
  for (const span of spans) {
    const cells = simpleCellsOf(span.text);
    if (cells < 0) simple = false;
    total += cells < 0 ? stringWidth(span.text.replace(controls, ' ')) : cells;
  }
  if (total <= width) {
    for (const span of spans) out.push(simple ? span : clean(span));
    return total;
  }
  // One cell: Ink's truncation gives the `…` alone, unstyled.
  if (width === 1) {
    out.push({ text: ellipsis });
    return 1;
  }
  const start = out.length;
  let room = width - 1;
  for (const span of spans) {
    if (room <= 0) break;
    const part = cutText(span.text, room);
    if (part.text !== '') out.push(part.text === span.text ? span : { ...span, text: part.text });
    room -= part.cells;
    if (part.text !== span.text) break;
  }
  const last = out.length > start ? out[out.length - 1] : undefined;
  if (last) out[out.length - 1] = { ...last, text: last.text + ellipsis };
  else out.push({ text: ellipsis });
  return width - room;
}

function clean(span: Span): Span {
  return simpleCellsOf(span.text) >= 0 ? span : { ...span, text: span.text.replace(controls, ' ') };
}

/**
 * The lines of a box `height` rows tall: blank lines take no row (a line whose text, once the unstyled blanks at
 * its end are dropped as `styleSpans` drops them, is empty: Ink lays out a `<Text>` of nothing in no row), and
 * lines past the box's bottom are cut. Each comes without the unstyled blanks at its end.
 */
export function boxLines(lines: readonly (readonly Span[])[], height: number): (readonly Span[])[] {
  const kept: (readonly Span[])[] = [];
  for (const line of lines) {
    if (kept.length >= height) break;
    const trimmed = trimEnd(line);
    if (!trimmed.every((span) => span.text === '')) kept.push(trimmed);
  }
  return kept;
}

/**
 * Columns side by side, `gap` cells apart, `height` rows: each column's lines fitted to its width (see `boxLines`
 * and `fitSpans`) and padded to it, so the next column starts where its box would.
 */
export function sideBySide(columns: readonly LineColumn[], height: number, gap: number): Span[][] {
  const boxed = columns.map((column) => boxLines(column.lines, Math.min(height, column.height ?? height)));
  const rows: Span[][] = [];
  for (let row = 0; row < height; row++) {
    const line: Span[] = [];
    let pending = 0;
    for (let index = 0; index < columns.length; index++) {
      const { width } = columns[index] as LineColumn;
      if (index > 0) pending += gap;
      const spans = boxed[index]?.[row];
      if (spans === undefined || spans.length === 0) {
        pending += width;
        continue;
      }
      const start = line.length;
      if (pending > 0) line.push({ text: ' '.repeat(pending) });
      const used = fitInto(spans, width, line);
      if (used === 0) line.length = start;
      else pending = 0;
      pending += width - used;
    }
    rows.push(line);
  }
  return rows;
}
