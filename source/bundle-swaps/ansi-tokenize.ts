// @alcalzone/ansi-tokenize with a fast `tokenize`, swapped in where the bundled Ink imports the package (see
// scripts/bundle-swaps-plugin.ts). Ink tokenizes every line it draws, on every frame, and the original walks
// each string with Intl.Segmenter, even plain ASCII: at 120×40 that was the largest single cost of a frame.
// Same tokens: a string with anything but simple cells and SGR codes goes to the original.

import { type Char, tokenize as originalTokenize, type Token } from '@alcalzone/ansi-tokenize';
import { isSimpleCell, sgrEnd } from './simple-cells.ts';
import { cachedTokens } from './styled-chars.ts';

export * from '@alcalzone/ansi-tokenize';
export { styledCharsFromTokens, styledCharsToString } from './styled-chars.ts';

const codeTokens = new Map<string, Token[]>();
const fullWidths = new Map<number, boolean>();

/** The tokens of one SGR sequence (a compound one splits into several), as the original gives them. */
function sgrTokens(sequence: string): Token[] {
  let tokens = codeTokens.get(sequence);
  if (!tokens) {
    tokens = originalTokenize(sequence);
    codeTokens.set(sequence, tokens);
  }
  return tokens;
}

function isFullWidth(code: number): boolean {
  let fullWidth = fullWidths.get(code);
  if (fullWidth === undefined) {
    fullWidth = (originalTokenize(String.fromCharCode(code))[0] as Char | undefined)?.fullWidth ?? false;
    fullWidths.set(code, fullWidth);
  }
  return fullWidth;
}

const charTokens = new Map<number, Char>();

/** One token per character, shared by every text that has it (tokens are read, never changed: styled-chars.ts). */
function charToken(code: number): Char {
  let token = charTokens.get(code);
  if (!token) {
    token = { type: 'char', value: String.fromCharCode(code), fullWidth: isFullWidth(code) };
    charTokens.set(code, token);
  }
  return token;
}

/**
 * Splits `text` into characters and ANSI codes, stopping once `endChar` columns are reached, as the original.
 * Past the limit it keeps checking without collecting: a simple character followed by a joiner or a mark is
 * part of a longer grapheme even when the limit stops before the joiner, and only the original handles that.
 */
export function tokenize(text: string, endChar = Number.POSITIVE_INFINITY): Token[] {
  // A whole line, as Ink's Output asks for it: the lines drawn lately are kept (styled-chars.ts).
  return endChar === Number.POSITIVE_INFINITY ? cachedTokens(text, freshTokens) : freshTokens(text, endChar);
}

function freshTokens(text: string, endChar = Number.POSITIVE_INFINITY): Token[] {
  const tokens: Token[] = [];
  let visible = 0;
  // Like the original, the character that reaches the limit is still taken; nothing after it is.
  let full = false;
  for (let index = 0; index < text.length; index++) {
    const end = sgrEnd(text, index);
    if (end !== -1) {
      // Copies: the tokens of one sequence are kept for every text that has it.
      if (!full) for (const token of sgrTokens(text.slice(index, end + 1))) tokens.push({ ...token });
      index = end;
      continue;
    }
    const code = text.charCodeAt(index);
    if (!isSimpleCell(code)) return originalTokenize(text, endChar);
    if (full) continue;
    const token = charToken(code);
    tokens.push(token);
    visible += token.fullWidth ? 2 : 1;
    full = visible >= endChar;
  }
  return tokens;
}
