// string-width with a fast path, swapped in for the real one where the bundled Ink and its helpers import it
// (see scripts/bundle-swaps-plugin.ts). Ink measures every text node and line on every frame, and
// string-width segments any non-ASCII line into graphemes with Intl.Segmenter, ~1 µs per character: with the
// dashboard's box drawing, blocks and arrows that was a tenth of a frame. Same results: anything the fast
// path cannot prove simple goes to string-width itself.

import { eastAsianWidth } from 'get-east-asian-width';
import type { Options } from 'string-width';
import { isSimpleCell, sgrEnd } from './simple-cells.ts';
import { originalStringWidth } from './string-width-original.ts';

const narrow = { ambiguousAsWide: false };

/**
 * The width string-width gives one simple cell: its East Asian Width, as string-width computes it for such a
 * cell (checked for every simple cell in the tests). Asking string-width itself would compile its emoji
 * regular expression on the first frame, ~20 ms of the start.
 */
function cellWidth(code: number): number {
  return eastAsianWidth(code, narrow);
}

/**
 * The columns `text` takes in a terminal, as string-width computes them. SGR colour and style codes take none;
 * strip-ansi (used by string-width) matches numbers of at most four digits, so longer ones go the slow way.
 */
export default function stringWidth(text: string, options?: Options): number {
  if (options !== undefined || typeof text !== 'string') return originalStringWidth()(text, options);
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
    if (!isSimpleCell(code)) return originalStringWidth()(text);
    width += cellWidth(code);
  }
  return width;
}
