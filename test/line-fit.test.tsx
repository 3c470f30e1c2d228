// The rows the dashboard lays out itself (line-fit.ts) draw what Ink's own boxes drew: panes of `width`×`height`
// side by side, each line a `<Text wrap="truncate">`, blank lines taking no row. Checked over random columns of
// random lines (wide characters, emoji, overlong and blank lines) against Ink laying out the same boxes.
import { EventEmitter } from 'node:events';
import chalk from 'chalk';
import { Box, render, Text } from 'ink';
import type { ReactElement } from 'react';
import stringWidth from 'string-width';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cellsOf, fitSpans, type LineColumn, sideBySide, simpleCellsOf } from '../source/ui/line-fit.ts';
import { Lines } from '../source/ui/panes/line.tsx';
import { type Span, styleSpans } from '../source/ui/spans.ts';
import { ThemeContext } from '../source/ui/theme-context.ts';
import { seededRandom } from './helpers/seeded-random.ts';

/** A terminal of `columns` that keeps every frame Ink writes in debug mode (each write is the whole frame). */
class FrameOut extends EventEmitter {
  frames: string[] = [];
  readonly columns: number;
  readonly rows: number;
  constructor(columns: number, rows: number) {
    super();
    this.columns = columns;
    this.rows = rows;
  }
  write(text: string): boolean {
    this.frames.push(text);
    return true;
  }
}

class NoInput extends EventEmitter {
  isTTY = false;
  setEncoding(): void {}
  setRawMode(): void {}
  ref(): void {}
  unref(): void {}
  read(): null {
    return null;
  }
}

/**
 * A frame as what a terminal shows: each row's characters, each with the styles in effect (bold, inverse,
 * colour). Two frames that differ only in the order their escape codes close styles read the same.
 */
function cellsOfFrame(frame: string): string[][] {
  const sgr = new RegExp(`${String.fromCharCode(27)}\\[([0-9;]*)m`, 'y');
  return frame.split('\n').map((row) => {
    const cells: string[] = [];
    const style = { bold: false, inverse: false, color: '' };
    let index = 0;
    while (index < row.length) {
      sgr.lastIndex = index;
      const match = sgr.exec(row);
      if (match) {
        applyCodes(style, (match[1] ?? '').split(';'));
        index = sgr.lastIndex;
        continue;
      }
      const character = String.fromCodePoint(row.codePointAt(index) ?? 0);
      cells.push(`${character}${style.bold ? 'b' : ''}${style.inverse ? 'i' : ''}${style.color}`);
      index += character.length;
    }
    return cells;
  });
}

function applyCodes(style: { bold: boolean; inverse: boolean; color: string }, codes: string[]): void {
  for (let index = 0; index < codes.length; index++) {
    const code = Number(codes[index] || 0);
    if (code === 0) Object.assign(style, { bold: false, inverse: false, color: '' });
    else if (code === 1) style.bold = true;
    else if (code === 22) style.bold = false;
    else if (code === 7) style.inverse = true;
    else if (code === 27) style.inverse = false;
    else if (code === 39) style.color = '';
    else if (code === 38) {
      style.color = codes.slice(index, index + 3).join(';');
      index += 2;
    } else style.color = String(code);
  }
}

function frameOf(element: ReactElement, columns: number, color: boolean): string {
  const stdout = new FrameOut(columns, 50);
  const instance = render(<ThemeContext.Provider value={{ color }}>{element}</ThemeContext.Provider>, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: new NoInput() as unknown as NodeJS.ReadStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  // Read before unmounting: unmounting writes a last, empty frame.
  const frame = stdout.frames.at(-1) ?? '';
  instance.unmount();
  return frame;
}

/** The boxes as the panes drew them before: a row of columns `gap` apart, a truncated text per line. */
function inkBoxes(columns: readonly LineColumn[], height: number, gap: number, color: boolean): ReactElement {
  return (
    <Box height={height} flexShrink={0} columnGap={gap}>
      {columns.map((column, index) => (
        <Box
          // biome-ignore lint/suspicious/noArrayIndexKey: columns are positions
          key={index}
          flexDirection="column"
          width={column.width}
          height={column.height ?? height}
          overflowY="hidden"
          flexShrink={0}
        >
          {column.lines.map((line, row) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: lines are positions
            <Text key={row} wrap="truncate">
              {styleSpans(line, color)}
            </Text>
          ))}
        </Box>
      ))}
    </Box>
  );
}

function laidOut(columns: readonly LineColumn[], height: number, gap: number): ReactElement {
  return (
    <Box flexDirection="column" height={height} flexShrink={0}>
      <Lines lines={sideBySide(columns, height, gap)} rows />
    </Box>
  );
}

const pieces = [
  'a',
  'word ',
  '  ',
  '12.5 ms',
  '─',
  '█',
  '▁▂▃',
  '⚠ ',
  '·',
  '…',
  'é',
  '日本',
  '✅',
  '🚀',
  'ok',
  ' ',
];
const colors = [undefined, 'red', 'green', 'gray', 'cyan'] as const;

function randomLine(next: () => number): Span[] {
  if (next() < 0.15) return next() < 0.5 ? [] : [{ text: '   ' }];
  const spans: Span[] = [];
  const count = 1 + Math.floor(next() * 5);
  for (let index = 0; index < count; index++) {
    let text = '';
    const length = Math.floor(next() * 8);
    for (let piece = 0; piece < length; piece++) text += pieces[Math.floor(next() * pieces.length)];
    spans.push({
      text,
      color: colors[Math.floor(next() * colors.length)],
      bold: next() < 0.3,
      inverse: next() < 0.15,
    });
  }
  return spans;
}

describe('panes laid out as rows', () => {
  // Styles on, as in a terminal, so the rows must also style what Ink styled, where it did.
  const level = chalk.level;
  beforeAll(() => {
    chalk.level = 2;
  });
  afterAll(() => {
    chalk.level = level;
  });

  test('draw what Ink drew for the same boxes, over random columns of random lines', () => {
    const next = seededRandom(16);
    for (let round = 0; round < 250; round++) {
      const height = 1 + Math.floor(next() * 6);
      const gap = Math.floor(next() * 3);
      // As many lines as the box has rows at most, as every pane gives: Ink squeezes overflowing texts together
      // (a text shrinks like any flex item), where the rows cut them at the bottom (tested below).
      const columns: LineColumn[] = Array.from({ length: 1 + Math.floor(next() * 3) }, () => {
        const rows = next() < 0.2 ? Math.max(1, height - 1) : height;
        return {
          width: 1 + Math.floor(next() * 24),
          lines: Array.from({ length: Math.floor(next() * (rows + 1)) }, () => randomLine(next)),
          ...(rows < height ? { height: rows } : {}),
        };
      });
      const color = next() < 0.5;
      const terminal = columns.reduce((sum, column) => sum + column.width + gap, 0) + 5;
      const where = JSON.stringify({ round, height, gap, columns, color });
      const drawn = frameOf(laidOut(columns, height, gap), terminal, color);
      if (columns.some((column) => column.lines.some((line) => line.some((span) => span.text.trim()))))
        expect(drawn.trim(), where).not.toBe('');
      const ink = frameOf(inkBoxes(columns, height, gap, color), terminal, color);
      expect(cellsOfFrame(drawn), where).toEqual(cellsOfFrame(ink));
    }
  });

  test('lines past the bottom of their box are cut, blank ones take no row', () => {
    const lines = ['one', '', 'two', '   ', 'three', 'four'].map((text) => [{ text }]);
    const rows = sideBySide(
      [
        { lines, width: 10, height: 2 },
        { lines, width: 10 },
      ],
      4,
      1,
    );
    expect(rows.map((spans) => styleSpans(spans, false))).toEqual([
      'one        one',
      'two        two',
      '           three',
      '           four',
    ]);
  });

  test('a line with a line break or an escape in its text stays one row', () => {
    const rows = sideBySide(
      [{ lines: [[{ text: 'task failed: first\nsecond\u001b[2J' }], [{ text: 'next' }]], width: 40 }],
      2,
      0,
    );
    expect(rows.map((spans) => styleSpans(spans, false))).toEqual(['task failed: first second [2J', 'next']);
  });

  test('a cut line ends in … inside the style of what it cut', () => {
    expect(fitSpans([{ text: 'abc' }, { text: 'defgh', color: 'red' }], 5)).toEqual([
      { text: 'abc' },
      { text: 'd…', color: 'red' },
    ]);
    expect(fitSpans([{ text: 'ab日本' }], 4)).toEqual([{ text: 'ab…' }]);
    expect(cellsOf('ab日本')).toBe(6);
  });
});

describe('the characters measured without string-width', () => {
  test('each takes the cells string-width measures', () => {
    const wrong: string[] = [];
    for (let code = 0x20; code < 0x3000; code++) {
      const character = String.fromCharCode(code);
      const cells = simpleCellsOf(character);
      if (cells >= 0 && cells !== stringWidth(character)) wrong.push(code.toString(16));
    }
    expect(wrong).toEqual([]);
  });

  test('cover what the panes draw with', () => {
    for (const text of [
      '─ EVENT LOOP ─',
      '▁▂▃▄▅▆▇█',
      '⚠ loop froze',
      '▲workers',
      '✖ #3 failed',
      '…',
      '·',
      '═║╔╗╚╝',
      '★ best ⏱ 1:23 ⇒ press ❚❚',
    ])
      expect(simpleCellsOf(text), text).toBe(text.length);
  });
});
