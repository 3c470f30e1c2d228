// Block letters for a presented step's title, read from the back of the room: the header's letters (big-text.ts)
// and the rest of the alphabet in the same 3×5 dots, drawn three rows tall with half blocks, or five rows tall
// (each dot two cells wide, a row high) on a large terminal.

import { bigText } from './big-text.ts';

/** Dots of the letters the header's block letters lack, five rows each (`#` a dot). */
const extraDots: Record<string, readonly string[]> = {
  B: ['##.', '#.#', '##.', '#.#', '##.'],
  D: ['##.', '#.#', '#.#', '#.#', '##.'],
  F: ['###', '#..', '###', '#..', '#..'],
  G: ['###', '#..', '#.#', '#.#', '###'],
  H: ['#.#', '#.#', '###', '#.#', '#.#'],
  I: ['###', '.#.', '.#.', '.#.', '###'],
  J: ['..#', '..#', '..#', '#.#', '###'],
  L: ['#..', '#..', '#..', '#..', '###'],
  M: ['#...#', '##.##', '#.#.#', '#...#', '#...#'],
  Q: ['###', '#.#', '#.#', '###', '..#'],
  T: ['###', '.#.', '.#.', '.#.', '.#.'],
  U: ['#.#', '#.#', '#.#', '#.#', '###'],
  V: ['#.#', '#.#', '#.#', '#.#', '.#.'],
  X: ['#.#', '#.#', '.#.', '#.#', '#.#'],
  Z: ['###', '..#', '.#.', '#..', '###'],
  '/': ['..#', '..#', '.#.', '#..', '#..'],
  '-': ['...', '...', '###', '...', '...'],
  '+': ['...', '.#.', '###', '.#.', '...'],
  '!': ['#', '#', '#', '.', '#'],
  '?': ['###', '..#', '.##', '...', '.#.'],
  ' ': ['..', '..', '..', '..', '..'],
};

/** Rows of dots of one character (six, the last below the baseline), or undefined without a glyph. */
function dotsOf(letter: string): boolean[][] | undefined {
  const extra = extraDots[letter];
  if (extra) {
    const rows = extra.map((row) => Array.from(row, (cell) => cell === '#'));
    return [...rows, rows[0]?.map(() => false) ?? []];
  }
  const glyph = bigText(letter);
  if (!glyph) return undefined;
  return glyph.flatMap((row) => {
    const cells = Array.from(row);
    return [
      cells.map((cell) => cell === '█' || cell === '▀'),
      cells.map((cell) => cell === '█' || cell === '▄'),
    ];
  });
}

const halfBlock = (top: boolean, bottom: boolean): string =>
  top ? (bottom ? '█' : '▀') : bottom ? '▄' : ' ';

/** Rows of block letters a scale draws: 3 with half blocks, 5 with whole ones. */
export const letterRows = { 1: 3, 2: 5 } as const;

export type LetterScale = keyof typeof letterRows;

/** `text` in block letters at `scale`, one string per row, all as wide; undefined when a character has no glyph. */
export function stageLetters(text: string, scale: LetterScale): string[] | undefined {
  const rows = Array.from({ length: letterRows[scale] }, () => '');
  const letters = Array.from(text.toUpperCase());
  for (const [index, letter] of letters.entries()) {
    const dots = dotsOf(letter);
    if (!dots) return undefined;
    const gap = index === 0 ? '' : ' '.repeat(scale);
    for (let row = 0; row < rows.length; row++) {
      const cells =
        scale === 1
          ? (dots[2 * row] ?? []).map((top, column) => halfBlock(top, dots[2 * row + 1]?.[column] ?? false))
          : (dots[row] ?? []).map((dot) => (dot ? '██' : '  '));
      rows[row] += gap + cells.join('');
    }
  }
  return rows;
}
