// Which text the fast paths may handle themselves. Anything else goes to the original library unchanged.

/**
 * Whether a UTF-16 code unit is, by itself, a whole grapheme cluster (what a terminal draws as one glyph)
 * whatever stands before or after it: printable ASCII and Latin-1, Greek, Cyrillic and other letters up to
 * U+02FF, and the symbols a dashboard draws (punctuation, arrows, box drawing, blocks, shapes, dingbats,
 * U+2010–U+2BFF). Left out, because they join with a neighbour or take no cell: controls, the soft hyphen,
 * combining marks (U+0300…, U+20D0…), zero-width and direction controls (U+200B–U+200F, U+2028–U+202F,
 * U+2060–U+206F), surrogates (emoji, flags), variation selectors, Hangul and every other script.
 * In a string of only such units, Unicode's grapheme rules (UAX #29) break between every two units, so a
 * string's width is the sum of its units' widths.
 */
export function isSimpleCell(code: number): boolean {
  return (
    (code >= 0x20 && code < 0x7f) ||
    (code >= 0xa0 && code < 0x300 && code !== 0xad) ||
    (code >= 0x2010 && code < 0x2028) ||
    (code >= 0x2030 && code < 0x2060) ||
    (code >= 0x2070 && code < 0x20d0) ||
    (code >= 0x2100 && code < 0x2c00)
  );
}

const escapeCode = 0x1b;
const leftBracket = 0x5b;
const semicolon = 0x3b;
const digit0 = 0x30;
const digit9 = 0x39;
const letterM = 0x6d;

/**
 * If an SGR sequence (`ESC [ params m`, params digits and `;`, each number at most `maxDigits` long) starts
 * at `index`, the index of its final `m`; otherwise -1.
 */
export function sgrEnd(text: string, index: number, maxDigits = Number.POSITIVE_INFINITY): number {
  if (text.charCodeAt(index) !== escapeCode || text.charCodeAt(index + 1) !== leftBracket) return -1;
  let digits = 0;
  for (let at = index + 2; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === letterM) return at;
    if (code === semicolon) digits = 0;
    else if (code >= digit0 && code <= digit9) {
      digits++;
      if (digits > maxDigits) return -1;
    } else return -1;
  }
  return -1;
}
