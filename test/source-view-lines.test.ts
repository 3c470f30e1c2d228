// The code overlay's lines as plain values: the `run` line found in the shapes a workload writes it, the window
// on a file, and every line cut to the terminal's width in cells, whatever the file holds.
import { describe, expect, test } from 'vitest';
import { findRunLine, sourceLines, sourceWindow } from '../source/ui/source-view/source-lines.ts';
import { cellsIn, cutToCells, displayLines } from '../source/ui/source-view/source-text.ts';
import { styleSpans } from '../source/ui/spans.ts';
import type { WorkloadSource } from '../source/workload-source/workload-source.ts';
import { seededRandom } from './helpers/seeded-random.ts';

const text = (options: Parameters<typeof sourceLines>[0]) =>
  sourceLines(options).map((spans) => styleSpans(spans, false));

const source = (code: string, extra: Partial<WorkloadSource> = {}): WorkloadSource => ({
  key: 'task',
  name: 'task',
  where: './task.js',
  text: code,
  ...extra,
});

describe('the run line', () => {
  test.each([
    ['a method', ['export default {', "  name: 'x',", '  run(input) {', '  },', '};'], 2],
    ['an async method', ['export default {', '  async run(input) {'], 1],
    ['an arrow property', ['export default {', '  run: async (input) => {'], 1],
    ['a function property', ['const w = {', '  run: function (input) {'], 1],
    ['a named function', ['// run(input) in a comment is not it', 'export function run(input) {'], 1],
    ['a variable', ['/** run( */', 'const run = (input) => 1;'], 1],
    ['none', ['export default {}'], 0],
  ])('is found in %s', (_shape, lines, expected) => {
    expect(findRunLine(lines as string[])).toBe(expected);
  });
});

describe('the window on a file', () => {
  const lines = Array.from({ length: 100 }, (_, index) =>
    index === 60 ? '  run(input) {' : `line ${index + 1}`,
  );

  test('opens with the run line first', () => {
    expect(sourceWindow(lines, 20)).toMatchObject({ top: 60, page: 19, maxTop: 81, runLine: 60 });
  });

  test('near the end of the file, fills the screen with the run line still in view', () => {
    const window = sourceWindow(lines, 50);
    expect(window.top).toBe(51);
    expect(window.runLine - window.top).toBeLessThan(window.page);
  });

  test('a scroll is kept within the file', () => {
    expect(sourceWindow(lines, 20, -5).top).toBe(0);
    expect(sourceWindow(lines, 20, 500).top).toBe(81);
  });
});

describe('the overlay lines', () => {
  test('number each line, mark the run line, and name the workload and file in the title', () => {
    const shown = text({
      source: source('export default {\n  run(input) {\n    return 1;\n  },\n};\n'),
      width: 60,
      height: 10,
    });
    expect(shown[0]).toContain('CODE — task · ./task.js');
    expect(shown[0]).toContain('c or esc closes');
    expect(shown.slice(1)).toEqual([
      ' 1 │ export default {',
      '▶2 │   run(input) {',
      ' 3 │     return 1;',
      ' 4 │   },',
      ' 5 │ };',
    ]);
  });

  test('a file that cannot be read is one line saying why', () => {
    const shown = text({
      source: {
        key: 'task',
        name: 'task',
        where: './task.js',
        problem: 'cannot read ./task.js: no such file',
      },
      width: 80,
      height: 20,
    });
    expect(shown).toHaveLength(2);
    expect(shown[1]).toContain('⚠ cannot read ./task.js: no such file');
  });

  test('a file being read says so', () => {
    const shown = text({
      source: { key: 'task', name: 'task', where: './task.js', loading: true },
      width: 80,
      height: 20,
    });
    expect(shown[1]).toContain('reading ./task.js…');
  });

  test('tabs, carriage returns and control characters never reach the terminal', () => {
    expect(displayLines('\ta\r\nb\u001b[2Jc\u0007\n')).toEqual(['  a', 'b?[2Jc?']);
  });

  test('over random files, sizes and scrolls, no line is wider than the overlay or wraps, nor are there more lines than rows', () => {
    const next = seededRandom(4242);
    const pieces = [
      'run(input) {',
      'const x = 1;',
      '\t',
      '  ',
      '漢字',
      '😀',
      'é',
      'e\u0301',
      '…',
      '→',
      '│',
      '\u001b',
      'x'.repeat(50),
    ];
    for (let round = 0; round < 300; round++) {
      const lineCount = Math.floor(next() * 80);
      const code = Array.from({ length: lineCount }, () =>
        Array.from(
          { length: Math.floor(next() * 12) },
          () => pieces[Math.floor(next() * pieces.length)],
        ).join(''),
      ).join('\n');
      const width = 1 + Math.floor(next() * 200);
      const height = Math.floor(next() * 60);
      const scroll = next() < 0.5 ? undefined : Math.floor(next() * 120) - 10;
      const where = `round ${round}: ${width}×${height}, scroll ${scroll}`;
      const shown = text({ source: source(code), width, height, scroll });
      expect(shown.length, where).toBeLessThanOrEqual(height);
      for (const line of shown) {
        expect(cellsIn(line), where).toBeLessThanOrEqual(width);
        for (const banned of ['\n', '\r', '\t', '\u001b']) expect(line, where).not.toContain(banned);
      }
    }
  });
});

describe('cutting to cells', () => {
  test.each([
    ['abcdef', 4, 'abc…'],
    ['abc', 3, 'abc'],
    ['漢字漢字', 5, '漢字…'],
    ['漢字漢字', 4, '漢…'],
    ['e\u0301e\u0301e\u0301', 3, 'e\u0301e\u0301e\u0301'],
    ['abc', 0, ''],
  ])('%j in %i cells is %j', (input, width, expected) => {
    expect(cutToCells(input, width)).toBe(expected);
    expect(cellsIn(cutToCells(input, width))).toBeLessThanOrEqual(width);
  });
});
