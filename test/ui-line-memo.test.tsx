// Lines and the footer skip a frame that changes nothing they draw (line.tsx, footer.tsx). A skip must never hide a
// change: after every step of a random sequence, what a rerender shows is what a fresh mount of the same props shows.
// Colour must be forced before Ink loads, so this file imports Ink and the views dynamically.
import { afterEach, describe, expect, test } from 'vitest';
import type { Notice } from '../source/engine/types.ts';
import type { Span } from '../source/ui/spans.ts';
import type { ColorName } from '../source/ui/theme.ts';
import type { ViewState } from '../source/ui/view-state.ts';
import { seededRandom } from './helpers/seeded-random.ts';

process.env.FORCE_COLOR = '1';
const { cleanup, render } = await import('ink-testing-library');
const { Box } = await import('ink');
const { Lines } = await import('../source/ui/panes/line.tsx');
const { Footer } = await import('../source/ui/panes/footer.tsx');
const { ThemeContext } = await import('../source/ui/theme-context.ts');
const { sameSpans } = await import('../source/ui/spans.ts');

afterEach(cleanup);

const colors: (ColorName | undefined)[] = [undefined, 'green', 'red', 'gray', 'cyan'];
const words = ['lag', ' 12 ms', '█▇▃', ' ', '● healthy', 'p99 ', ''];

function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)] as T;
}

function randomSpan(next: () => number): Span {
  return {
    text: pick(next, words),
    color: pick(next, colors),
    bold: next() < 0.3 ? true : next() < 0.5 ? false : undefined,
    inverse: next() < 0.2 ? true : undefined,
  };
}

/**
 * One small change to one line, of the kinds a frame makes: its text, its colour, bold or inverse alone (same
 * text, so a memo that compared text alone would miss it), a span split in two (draws the same), a span more or
 * fewer, or a line built anew with the same content.
 */
function changeLine(next: () => number, spans: readonly Span[]): Span[] {
  const line = spans.map((span) => ({ ...span }));
  const index = Math.floor(next() * line.length);
  const span = line[index];
  const kind = Math.floor(next() * 7);
  if (!span || kind === 0) return [...line, randomSpan(next)];
  if (kind === 1) span.text = pick(next, words);
  else if (kind === 2) span.color = pick(next, colors);
  else if (kind === 3) span.bold = !span.bold;
  else if (kind === 4) span.inverse = !span.inverse;
  else if (kind === 5 && span.text.length > 1) {
    const cut = 1 + Math.floor(next() * (span.text.length - 1));
    line.splice(
      index,
      1,
      { ...span, text: span.text.slice(0, cut) },
      { ...span, text: span.text.slice(cut) },
    );
  } else if (kind === 6) line.splice(index, 1);
  return line;
}

function Screen({ lines, color }: { lines: Span[][]; color: boolean }) {
  return (
    <ThemeContext value={{ color }}>
      <Box flexDirection="column" width={40}>
        <Lines lines={lines} />
      </Box>
    </ThemeContext>
  );
}

describe('a line drawn again', () => {
  test.each([1, 2, 3])('follows every change of its spans and of the theme (seed %i)', (seed) => {
    const next = seededRandom(seed);
    let lines: Span[][] = Array.from({ length: 4 }, () => [randomSpan(next), randomSpan(next)]);
    let color = true;
    const shown = render(<Screen lines={lines} color={color} />);
    for (let step = 0; step < 60; step++) {
      // Mostly one line changes and the others are built anew with the same spans, as a pane does every frame.
      const changed = Math.floor(next() * lines.length);
      lines = lines.map((line, index) =>
        index === changed ? changeLine(next, line) : line.map((span) => ({ ...span })),
      );
      if (next() < 0.05) color = !color;
      shown.rerender(<Screen lines={lines} color={color} />);
      const fresh = render(<Screen lines={lines} color={color} />);
      expect(shown.lastFrame(), `seed ${seed}, step ${step}`).toBe(fresh.lastFrame());
      fresh.unmount();
    }
  });
});

describe('sameSpans', () => {
  test('tells apart lines that differ in text or in any style, and only those', () => {
    const line: Span[] = [{ text: 'a', color: 'red', bold: true }, { text: 'b' }];
    expect(
      sameSpans(line, [
        { text: 'a', color: 'red', bold: true },
        { text: 'b', bold: false },
      ]),
    ).toBe(true);
    expect(sameSpans(line, [{ text: 'a', color: 'red' }, { text: 'b' }])).toBe(false);
    expect(sameSpans(line, [{ text: 'a', color: 'green', bold: true }, { text: 'b' }])).toBe(false);
    expect(
      sameSpans(line, [
        { text: 'a', color: 'red', bold: true },
        { text: 'b', inverse: true },
      ]),
    ).toBe(false);
    expect(sameSpans(line, [{ text: 'a', color: 'red', bold: true }, { text: 'c' }])).toBe(false);
    expect(sameSpans(line, [{ text: 'a', color: 'red', bold: true }])).toBe(false);
  });
});

describe('the footer drawn again', () => {
  const notices: (Notice | undefined)[] = [
    undefined,
    { at: 1, level: 'info', message: 'recording to run.jsonl' },
    { at: 2, level: 'warning', message: 'the pool is at its limit' },
    { at: 3, level: 'error', message: 'could not switch to processes' },
  ];
  const echoes: ViewState['echo'][] = [
    undefined,
    { key: '+', text: 'concurrency 8 → 16' },
    { key: 'g', text: 'GIL on', level: 'warning' },
  ];

  test.each([1, 2, 3])(
    'follows every change of the notice, the echo, the help and the width (seed %i)',
    (seed) => {
      const next = seededRandom(seed);
      let props = {
        width: 100,
        workloadCount: 5,
        view: { helpOpen: false, helpScroll: 0 } as ViewState,
        notice: notices[0],
      };
      const footer = (color: boolean) => (
        <ThemeContext value={{ color }}>
          <Footer {...props} />
        </ThemeContext>
      );
      const shown = render(footer(true));
      for (let step = 0; step < 40; step++) {
        const kind = Math.floor(next() * 5);
        // Each kind changes one prop; the last re-renders with equal props, as most frames do.
        if (kind === 0) props = { ...props, notice: pick(next, notices) };
        else if (kind === 1) {
          const echo = pick(next, echoes);
          props = {
            ...props,
            view: echo ? { ...props.view, echo } : { helpOpen: props.view.helpOpen, helpScroll: 0 },
          };
        } else if (kind === 2) props = { ...props, view: { ...props.view, helpOpen: !props.view.helpOpen } };
        else if (kind === 3) props = { ...props, width: pick(next, [60, 80, 100, 120]) };
        shown.rerender(footer(true));
        const fresh = render(footer(true));
        expect(shown.lastFrame(), `seed ${seed}, step ${step}`).toBe(fresh.lastFrame());
        fresh.unmount();
      }
    },
  );
});
