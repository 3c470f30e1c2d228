// string-width with a fast path, swapped in for the real one where the bundled Ink and its helpers import it
// (see scripts/text-fast-paths-plugin.ts). Ink measures every text node and line on every frame, and
// string-width segments any non-ASCII line into graphemes with Intl.Segmenter, ~1 µs per character: with the
// dashboard's box drawing, blocks and arrows that was a tenth of a frame. Same results: anything the fast
// path cannot prove simple goes to string-width itself.

import originalStringWidth, { type Options } from 'string-width';
import { isSimpleCell, sgrEnd } from './simple-cells.ts';

const cellWidths = new Map<number, number>();

/** The width string-width gives one simple cell, asked once per character. */
function cellWidth(code: number): number {
  let width = cellWidths.get(code);
  if (width === undefined) {
    width = originalStringWidth(String.fromCharCode(code));
    cellWidths.set(code, width);
  }
  return width;
}

/**
 * The columns `text` takes in a terminal, as string-width computes them. SGR colour and style codes take none;
 * strip-ansi (used by string-width) matches numbers of at most four digits, so longer ones go the slow way.
 */
export default function stringWidth(text: string, options?: Options): number {
  if (options !== undefined || typeof text !== 'string') return originalStringWidth(text, options);
  let width = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0x20 && code < 0x7f) {
      width++;
      continue;
    }
    const end = sgrEnd(text, index, 4);
    if (end !== -1) {
      index = end;
      continue;
    }
    if (!isSimpleCell(code)) return originalStringWidth(text);
    width += cellWidth(code);
  }
  return width;
}
