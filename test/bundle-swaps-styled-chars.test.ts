import {
  styledCharsFromTokens as originalStyledChars,
  tokenize as originalTokenize,
  styledCharsToString as originalToString,
  type StyledChar,
  type Token,
} from '@alcalzone/ansi-tokenize';
import { beforeEach, describe, expect, test } from 'vitest';
import { tokenize } from '../source/bundle-swaps/ansi-tokenize.ts';
import {
  clearStyledChars,
  generationSize,
  keptTexts,
  styledCharsFromTokens,
  styledCharsToString,
} from '../source/bundle-swaps/styled-chars.ts';
import { seededRandom } from './helpers/seeded-random.ts';

const esc = '\u001B';

// Lines as the dashboard styles them (chalk's codes, opened and closed, nested, left open), and what a fast
// path must hand over: wide letters, emoji, marks, controls and escapes that are not SGR.
const pieces = [
  ...'abc XYZ 019 .,:;#%+-=|/',
  ...'─║╔═ ▁▂▄▇█ ░ ▲▶●○★✓⇒… ⏱',
  '古',
  '👍🏽',
  'e\u0301',
  '\u200b',
  '\t',
  '\n',
  `${esc}[31m`,
  `${esc}[32m`,
  `${esc}[90m`,
  `${esc}[39m`,
  `${esc}[1m`,
  `${esc}[2m`,
  `${esc}[22m`,
  `${esc}[7m`,
  `${esc}[27m`,
  `${esc}[1;31m`,
  `${esc}[38;5;208m`,
  `${esc}[38;2;10;200;30m`,
  `${esc}[41m`,
  `${esc}[49m`,
  `${esc}[0m`,
  `${esc}[m`,
  `${esc}[2K`,
  `${esc}]8;;https://example.com\u0007`,
  `${esc}]8;;\u0007`,
];

function randomText(next: () => number): string {
  let text = '';
  const length = Math.floor(next() * 30);
  for (let index = 0; index < length; index++) text += pieces[Math.floor(next() * pieces.length)];
  return text;
}

/** A screen row as Ink's Output makes it: characters of several lines, and plain cells between them. */
function randomRow(next: () => number, chars: (text: string) => StyledChar[]): StyledChar[] {
  const row: StyledChar[] = [];
  const parts = 1 + Math.floor(next() * 4);
  for (let part = 0; part < parts; part++) {
    const blanks = Math.floor(next() * 3);
    for (let blank = 0; blank < blanks; blank++)
      row.push({ type: 'char', value: ' ', fullWidth: false, styles: [] });
    row.push(...chars(randomText(next)).filter((char) => char.value !== '\n'));
  }
  return row;
}

beforeEach(() => clearStyledChars());

describe('styledCharsFromTokens', () => {
  test('gives the characters and styles the original gives, the first time and when a text is drawn again', () => {
    const next = seededRandom(11);
    const texts = Array.from({ length: 3 * generationSize }, () => randomText(next));
    // Each text three times over, far enough apart that some come back from the generation before, some anew.
    for (const text of [...texts, ...texts.slice(-generationSize), ...texts]) {
      const expected = originalStyledChars(originalTokenize(text));
      expect(styledCharsFromTokens(tokenize(text)), JSON.stringify(text)).toEqual(expected);
    }
  });

  test('hands out the same characters for a text drawn again, without tokenizing it again', () => {
    const text = `${esc}[32m▶ running${esc}[39m · pool 2`;
    const tokens = tokenize(text);
    const chars = styledCharsFromTokens(tokens);
    expect(tokenize(text)).toBe(tokens);
    expect(styledCharsFromTokens(tokenize(text))).toBe(chars);
  });

  test('characters of one style share one style array', () => {
    const chars = styledCharsFromTokens(tokenize(`${esc}[31mabc${esc}[39mde`));
    expect(chars[1]?.styles).toBe(chars[0]?.styles);
    expect(chars[4]?.styles).toBe(chars[3]?.styles);
    expect(chars[3]?.styles).toEqual([]);
  });

  test('keeps no tokens it did not hand out itself: a caller may change its own between two calls', () => {
    const tokens: Token[] = [
      { type: 'ansi', code: `${esc}[31m`, endCode: `${esc}[39m` },
      { type: 'char', value: 'a', fullWidth: false },
    ];
    expect(styledCharsFromTokens(tokens)[0]?.value).toBe('a');
    tokens[1] = { type: 'char', value: 'b', fullWidth: false };
    expect(styledCharsFromTokens(tokens)).toEqual(originalStyledChars(tokens));
  });

  test('tokens cut at a column limit are never kept', () => {
    const text = `${esc}[31mabcdef`;
    expect(tokenize(text, 3)).not.toBe(tokenize(text, 3));
    expect(tokenize(text, 3)).toEqual(originalTokenize(text, 3));
  });

  test('keeps at most two generations of texts', () => {
    const next = seededRandom(12);
    for (let round = 0; round < 5 * generationSize; round++) tokenize(`${round} ${randomText(next)}`);
    expect(keptTexts()).toBeLessThanOrEqual(2 * generationSize);
  });
});

describe('styledCharsToString', () => {
  test('writes the string the original writes, for lines and for rows of several lines and plain cells', () => {
    const next = seededRandom(13);
    const ours = (text: string) => styledCharsFromTokens(tokenize(text));
    const theirs = (text: string) => originalStyledChars(originalTokenize(text));
    for (let round = 0; round < 3000; round++) {
      const text = randomText(next);
      expect(styledCharsToString(ours(text)), JSON.stringify(text)).toBe(originalToString(theirs(text)));
      const seed = Math.floor(next() * 2 ** 31);
      const row = randomRow(seededRandom(seed), ours);
      expect(styledCharsToString(row), `row of seed ${seed}`).toBe(
        originalToString(randomRow(seededRandom(seed), theirs)),
      );
    }
  });

  test('an empty row is an empty string', () => {
    expect(styledCharsToString([])).toBe('');
  });
});
