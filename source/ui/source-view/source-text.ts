// A workload file's text made fit for a terminal cell grid: lines split, tabs expanded, control characters
// (which could move the cursor or change colours) replaced, each line cut to a width in cells.

import { eastAsianWidth } from 'get-east-asian-width';

/** Spaces a tab becomes: the project's own indent. */
const tabWidth = 2;

// The last text split: the overlay draws the same file on every frame.
let last: { text: string; lines: readonly string[] } | undefined;

/** The text's lines, safe to draw: tabs as spaces, control characters as `?`, no carriage returns. */
export function displayLines(text: string): readonly string[] {
  if (last?.text === text) return last.lines;
  const lines = text.split('\n').map((line) =>
    line
      .replace(/\r$/, '')
      .replaceAll('\t', ' '.repeat(tabWidth))
      // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters to take out
      .replace(/[\u0000-\u001f\u007f-\u009f]/g, '?'),
  );
  // A file that ends in a newline has no line after it.
  if (lines.length > 1 && lines.at(-1) === '') lines.pop();
  last = { text, lines };
  return lines;
}

/** Cells one code point takes: none for combining marks and joiners, two for wide ones, else one. */
function cellsOf(code: number): number {
  if (
    (code >= 0x300 && code <= 0x36f) ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0xfe00 && code <= 0xfe0f)
  ) {
    return 0;
  }
  return eastAsianWidth(code, { ambiguousAsWide: false });
}

/** `text` in at most `width` cells: cut with `…` when longer, never wrapped. */
export function cutToCells(text: string, width: number): string {
  if (width <= 0) return '';
  let used = 0;
  let index = 0;
  // Where the text is cut when it does not fit: the end of the last character that leaves a cell for `…`.
  let cut = 0;
  for (const character of text) {
    used += cellsOf(character.codePointAt(0) as number);
    if (used > width) return `${text.slice(0, cut)}…`;
    index += character.length;
    if (used <= width - 1) cut = index;
  }
  return text;
}

/** The cells `text` takes. */
export function cellsIn(text: string): number {
  let used = 0;
  for (const character of text) used += cellsOf(character.codePointAt(0) as number);
  return used;
}
