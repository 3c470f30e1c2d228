import { tokenize as originalTokenize } from '@alcalzone/ansi-tokenize';
import originalStringWidth from 'string-width';
import { describe, expect, test } from 'vitest';
import { tokenize } from '../source/bundle-swaps/ansi-tokenize.ts';
import { isSimpleCell, sgrEnd } from '../source/bundle-swaps/simple-cells.ts';
import stringWidth from '../source/bundle-swaps/string-width.ts';
import { seededRandom } from './helpers/seeded-random.ts';

const esc = '\u001B';

// What a dashboard draws, and what a fast path must hand over: wide letters, emoji, flags, combining marks,
// joiners, variation selectors, Hangul jamo, controls and escape codes that are not SGR.
const pieces = [
  ...'abc XYZ 0189 .,:;!?()[]{}<>#%&*+-=_~|/\\\'"`@$^',
  ...'é ñ ß ø ĳ ʃ ˈ · × ÷ µ ¶ § © ® ° ± ¼',
  ...'─│┌┐└┘═║╔╗╚╝━┃ ▁▂▃▄▅▆▇█ ▏▎▍▌▋▊▉ ░▒▓ ▀▐ ■□▪▲▶▸▼◀●○◆★☆✓✔✖✗⇒→←↑↓ …—–•‣ ⏱ ❚ ⚠ ♥ ☕ ⌚ ⭐ ✅ ❌',
  '古',
  '界',
  'ｱ',
  '가',
  '\u1100\u1161',
  'e\u0301',
  '\u0301',
  '\u200d',
  '\u200b',
  '\u00ad',
  '\u2028',
  '\ufe0f',
  '❤\ufe0f',
  '👍',
  '👍🏽',
  '👨\u200d👩\u200d👧',
  '🇫🇷',
  '\t',
  '\n',
  '\r\n',
  '\u0007',
  '\u009b31m',
  `${esc}[31m`,
  `${esc}[39m`,
  `${esc}[1m`,
  `${esc}[22m`,
  `${esc}[7m`,
  `${esc}[27m`,
  `${esc}[1;31m`,
  `${esc}[38;5;208m`,
  `${esc}[38;2;10;200;30m`,
  `${esc}[m`,
  `${esc}[;m`,
  `${esc}[12345m`,
  `${esc}[2K`,
  `${esc}[?25l`,
  `${esc}]8;;https://example.com\u0007`,
  `${esc}]8;;\u0007`,
  esc,
];

function randomText(next: () => number, simpleOnly: boolean): string {
  const pool = simpleOnly
    ? pieces.filter((piece) => [...piece].every((c) => isSimpleCell(c.charCodeAt(0))))
    : pieces;
  let text = '';
  const length = Math.floor(next() * 24);
  for (let index = 0; index < length; index++) text += pool[Math.floor(next() * pool.length)];
  return text;
}

describe('isSimpleCell', () => {
  test('ASCII, Latin-1 letters and the dashboard symbols are simple', () => {
    for (const character of 'a Z~é·═█▁▶★✓⇒…⏱')
      expect(isSimpleCell(character.charCodeAt(0)), character).toBe(true);
  });

  test('controls, marks, joiners, surrogates, variation selectors and Hangul are not', () => {
    for (const code of [
      0x09, 0x0a, 0x0d, 0x1b, 0x7f, 0x9b, 0xad, 0x301, 0x200b, 0x200d, 0x2028, 0x20e3, 0xd83d, 0xfe0f, 0x1100,
      0xac00,
    ])
      expect(isSimpleCell(code), code.toString(16)).toBe(false);
  });

  test('every code unit in a simple string is a grapheme of its own, as Intl.Segmenter sees it', () => {
    const simple: string[] = [];
    for (let code = 0; code < 0x3000; code++) if (isSimpleCell(code)) simple.push(String.fromCharCode(code));
    const next = seededRandom(7);
    for (let round = 0; round < 2000; round++) {
      let text = '';
      for (let index = 0; index < 6; index++) text += simple[Math.floor(next() * simple.length)];
      expect([...new Intl.Segmenter().segment(text)].length, JSON.stringify(text)).toBe(text.length);
    }
  });
});

test('stringWidth measures every simple cell as string-width does', () => {
  for (let code = 0; code < 0x10000; code++) {
    if (!isSimpleCell(code)) continue;
    const cell = String.fromCharCode(code);
    expect(stringWidth(cell), code.toString(16)).toBe(originalStringWidth(cell));
  }
});

describe('sgrEnd', () => {
  test('finds the end of a colour or style code', () => {
    expect(sgrEnd(`a${esc}[38;5;208mb`, 1)).toBe(11);
    expect(sgrEnd(`${esc}[m`, 0)).toBe(2);
  });

  test('rejects other escapes, unfinished codes and, when asked, long numbers', () => {
    expect(sgrEnd(`${esc}[2K`, 0)).toBe(-1);
    expect(sgrEnd(`${esc}[31`, 0)).toBe(-1);
    expect(sgrEnd(`${esc}[12345m`, 0, 4)).toBe(-1);
    expect(sgrEnd(`x${esc}[1m`, 0)).toBe(-1);
  });
});

describe.each([
  ['simple text and SGR codes (the fast path)', true],
  ['any text (the fast path hands over)', false],
])('on %s', (_name, simpleOnly) => {
  test('stringWidth gives what string-width gives', () => {
    const next = seededRandom(simpleOnly ? 1 : 2);
    for (let round = 0; round < 5000; round++) {
      const text = randomText(next, simpleOnly);
      expect(stringWidth(text), JSON.stringify(text)).toBe(originalStringWidth(text));
    }
  });

  test('tokenize gives what @alcalzone/ansi-tokenize gives, with and without a column limit', () => {
    const next = seededRandom(simpleOnly ? 3 : 4);
    for (let round = 0; round < 5000; round++) {
      const text = randomText(next, simpleOnly);
      const limit = round % 3 === 0 ? Math.floor(next() * 12) : undefined;
      expect(tokenize(text, limit), JSON.stringify(text)).toEqual(originalTokenize(text, limit));
    }
  });
});

test('stringWidth with options is string-width itself', () => {
  expect(stringWidth('a\u00b1', { ambiguousIsNarrow: false })).toBe(
    originalStringWidth('a\u00b1', { ambiguousIsNarrow: false }),
  );
  expect(stringWidth(`${esc}[31mab`, { countAnsiEscapeCodes: true })).toBe(
    originalStringWidth(`${esc}[31mab`, { countAnsiEscapeCodes: true }),
  );
});

// The tokens of a whole line are kept and handed out again for the same line (styled-chars.ts); two lines
// that share a code still get tokens of their own.
test('lines that share a code get their own tokens, so changing one line’s cannot change another’s', () => {
  const first = tokenize(`${esc}[31mx`);
  (first[0] as { code: string }).code = 'changed';
  expect(tokenize(`${esc}[31my`)[0]).toMatchObject({ type: 'ansi', code: `${esc}[31m` });
});
