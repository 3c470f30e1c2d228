// Ink turns every line it draws into styled characters on every frame (`styledCharsFromTokens(tokenize(line))`
// in its Output), an object per character plus a copy of the style array per character, and keeps them only for
// that frame. Most lines of a dashboard read the same from one frame to the next, so the tokens and styled
// characters of the lines drawn lately are kept and handed out again: at 120×40 a frame then allocates about a
// third less (BENCHMARKS.md), and the garbage collector's threads work that much less while a pool computes.
//
// What is handed out is shared: Ink (its Output and its text wrapping) reads tokens and styled characters and
// never changes them; a caller that would must copy them first.

import {
  type AnsiCode,
  ansiCodesToString,
  diffAnsiCodes,
  reduceAnsiCodesIncremental,
  type StyledChar,
  type Token,
} from '@alcalzone/ansi-tokenize';

/**
 * Texts kept per generation. A frame of the dashboard tokenizes about 70 texts at 120×40 (one per line, the
 * borders), more with the lanes; a text drawn again within a generation or the one before is found, and a text
 * not drawn for two generations is let go, so a line that changes every frame is garbage within a frame or two,
 * mostly before a scavenge would have to keep it.
 */
export const generationSize = 128;

let current = new Map<string, Token[]>();
let previous = new Map<string, Token[]>();
/** Styled characters of the token arrays this cache handed out (and only those: any other array may change). */
let styled = new WeakMap<Token[], StyledChar[]>();
let handedOut = new WeakSet<Token[]>();

/** The tokens of `text`: those handed out for the same text lately, else `tokenize(text)`, kept. */
export function cachedTokens(text: string, tokenize: (text: string) => Token[]): Token[] {
  let tokens = current.get(text);
  if (tokens) return tokens;
  tokens = previous.get(text);
  if (!tokens) {
    tokens = tokenize(text);
    handedOut.add(tokens);
  }
  current.set(text, tokens);
  if (current.size >= generationSize) {
    previous = current;
    current = new Map();
  }
  return tokens;
}

/**
 * The characters of `tokens` with the styles in effect at each, as the original gives them; one style array
 * shared by each run of characters in the same style, where the original copies it for every character. For
 * tokens this cache handed out, the same characters as the last time.
 */
export function styledCharsFromTokens(tokens: Token[]): StyledChar[] {
  const kept = styled.get(tokens);
  if (kept) return kept;
  let codes: AnsiCode[] = [];
  const chars: StyledChar[] = [];
  for (const token of tokens) {
    // reduceAnsiCodesIncremental returns a new array and never changes the one it is given, so a run can share it.
    if (token.type === 'ansi') codes = reduceAnsiCodesIncremental(codes, [token]);
    else if (token.type === 'char') chars.push({ ...token, styles: codes });
  }
  if (handedOut.has(tokens)) styled.set(tokens, chars);
  return chars;
}

/** Every empty style array counts as this one, so a plain cell (Ink makes a new one per cell) finds its codes. */
const noStyle: AnsiCode[] = [];
const openings = new WeakMap<AnsiCode[], string>();
const transitions = new WeakMap<AnsiCode[], WeakMap<AnsiCode[], string>>();

/** The codes that open `styles`, as the original writes them before a line's first character. */
function opening(styles: AnsiCode[]): string {
  let codes = openings.get(styles);
  if (codes === undefined) {
    codes = ansiCodesToString(styles);
    openings.set(styles, codes);
  }
  return codes;
}

/**
 * The codes from one style to the next, as the original writes them: a style array never changes once made
 * (see above), so the codes between two arrays are worked out once, not at every change of style of every row
 * of every frame.
 */
function transition(from: AnsiCode[], to: AnsiCode[]): string {
  const source = from.length === 0 ? noStyle : from;
  const target = to.length === 0 ? noStyle : to;
  let targets = transitions.get(source);
  if (!targets) {
    targets = new WeakMap();
    transitions.set(source, targets);
  }
  let codes = targets.get(target);
  if (codes === undefined) {
    codes = ansiCodesToString(diffAnsiCodes(source, target));
    targets.set(target, codes);
  }
  return codes;
}

function sameStyle(from: AnsiCode[], to: AnsiCode[]): boolean {
  if (from === to) return true;
  if (from.length !== to.length) return false;
  for (let index = 0; index < from.length; index++) {
    const a = from[index] as AnsiCode;
    const b = to[index] as AnsiCode;
    if (a.code !== b.code || a.endCode !== b.endCode) return false;
  }
  return true;
}

/** The characters as one string with the fewest codes between them, as the original writes it. */
export function styledCharsToString(chars: StyledChar[]): string {
  let text = '';
  const last = chars.length - 1;
  for (let index = 0; index <= last; index++) {
    const char = chars[index] as StyledChar;
    if (index === 0) text += opening(char.styles);
    else {
      const before = (chars[index - 1] as StyledChar).styles;
      if (!sameStyle(before, char.styles)) text += transition(before, char.styles);
    }
    text += char.value;
    if (index === last) text += transition(char.styles, noStyle);
  }
  return text;
}

/** How many texts are kept now (for tests): never more than two generations. */
export function keptTexts(): number {
  return current.size + previous.size;
}

/** Forgets every text kept (for tests). */
export function clearStyledChars(): void {
  current = new Map();
  previous = new Map();
  styled = new WeakMap();
  handedOut = new WeakSet();
}
