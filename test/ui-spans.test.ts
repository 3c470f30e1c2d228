import chalk from 'chalk';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ModelName } from '../source/engine/types.ts';
import { barSpans } from '../source/ui/bar-spans.ts';
import { chartLines } from '../source/ui/chart-lines.ts';
import type { HistoryChart } from '../source/ui/charts.ts';
import { type Span, styleSpans, trimEnd } from '../source/ui/spans.ts';

const spansText = (spans: readonly Span[]) => spans.map((part) => part.text).join('');

import type { ColorName } from '../source/ui/theme.ts';

// Styles as a 16-colour terminal gets them, whatever runs the tests.
const levelBefore = chalk.level;
beforeAll(() => {
  chalk.level = 1;
});
afterAll(() => {
  chalk.level = levelBefore;
});

const esc = '\u001B';

describe('styleSpans', () => {
  test('each span gets the codes Ink gives <Text color bold inverse>: colour, then bold, then inverse', () => {
    const line = styleSpans(
      [{ text: 'lag ' }, { text: '12', color: 'red', bold: true, inverse: true }],
      true,
    );
    expect(line).toBe(`lag ${esc}[7m${esc}[1m${esc}[31m12${esc}[39m${esc}[22m${esc}[27m`);
  });

  test('with colour off, colours go and bold and inverse stay, so chips and bars keep their shape', () => {
    const line = styleSpans(
      [
        { text: 'ok', color: 'green' },
        { text: ' KEY ', bold: true, inverse: true },
      ],
      false,
    );
    expect(line).toBe(`ok${esc}[7m${esc}[1m KEY ${esc}[22m${esc}[27m`);
  });

  test('a terminal without styles gets plain text', () => {
    chalk.level = 0;
    try {
      expect(
        styleSpans(
          [
            { text: 'a', color: 'red', bold: true },
            { text: 'b', inverse: true },
          ],
          true,
        ),
      ).toBe('ab');
    } finally {
      chalk.level = 1;
    }
  });

  test('blanks at the end of a line are left to the screen, unless they are painted', () => {
    expect(styleSpans([{ text: 'x  ' }, { text: '   ', color: 'gray' }], true)).toBe('x');
    expect(styleSpans([{ text: 'x' }, { text: '  ', color: 'cyan', inverse: true }], true)).toBe(
      `x${esc}[7m${esc}[36m  ${esc}[39m${esc}[27m`,
    );
  });
});

describe('trimEnd', () => {
  test('trimEnd drops trailing blank spans and trims the last one with text', () => {
    const spans: Span[] = [{ text: 'a ' }, { text: 'b  ', bold: true }, { text: '  ' }, { text: '' }];
    expect(trimEnd(spans)).toEqual([{ text: 'a ' }, { text: 'b', bold: true }]);
  });

  test('trimEnd returns the same spans when there is nothing to trim', () => {
    const spans: Span[] = [{ text: 'a' }];
    expect(trimEnd(spans)).toBe(spans);
  });
});

describe('barSpans', () => {
  test('with colour a bar is inverse-video cells: filled in its colour, the rest gray', () => {
    expect(barSpans(0.5, 8, 'cyan', true)).toEqual([
      { text: '    ', color: 'cyan', inverse: true },
      { text: '    ', color: 'gray', inverse: true },
    ]);
  });

  test('without colour a bar is block glyphs, so it still reads as a bar', () => {
    expect(barSpans(0.5, 4, 'cyan', false)).toEqual([{ text: '██░░' }]);
  });
});

describe('chartLines', () => {
  const chart: HistoryChart = {
    columns: [
      undefined,
      { value: 1, model: 'async' },
      { value: 2, model: 'workers' },
      { value: 2, model: 'workers' },
    ],
    top: 2,
    scale: { kind: 'linear', top: 2 },
    markers: [{ column: 2, symbol: '▲', label: 'workers', model: 'workers' }],
    settling: [false, false, false, true],
    width: 4,
  };
  const colorOf = (column: { model: ModelName }): ColorName =>
    column.model === 'async' ? 'magenta' : 'cyan';

  test('full and partial cells of one colour share a span, in their column colour', () => {
    const lines = chartLines(chart, { height: 1, colorOf, markers: false });
    expect(lines).toEqual([
      [
        { text: ' ', color: undefined },
        { text: '▄', color: 'magenta' },
        { text: '██', color: 'cyan' },
      ],
    ]);
    expect(lines.map(spansText)).toEqual([' ▄██']);
  });

  test('the marker line puts ▲ under the switch, in the colour of the model switched to', () => {
    const lines = chartLines(chart, { height: 1, colorOf });
    expect(lines).toHaveLength(2);
    expect(spansText(lines[1] ?? [])).toBe('  ▲░');
    expect(lines[1]?.find((part) => part.text.includes('▲'))).toMatchObject({ color: 'cyan', bold: true });
  });

  test('settling columns are shaded in gray on the marker line', () => {
    const lines = chartLines(chart, { height: 1, colorOf });
    expect(lines[1]?.find((part) => part.text.includes('░'))).toMatchObject({ color: 'gray' });
  });
});
