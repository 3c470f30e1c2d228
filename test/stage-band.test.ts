// The presenter's band from 80×24 up: the step's title in block letters (the step's number without one), the
// caption in bold beside it, whole for every step of the built-in talk at 80 columns, and the claims under it; never
// wider than the terminal, always as many lines as the stage gave it.
import { describe, expect, it } from 'vitest';
import type { PresenterState } from '../source/present/presenter.ts';
import { parseScript, stepTitleLength } from '../source/present/script.ts';
import { talkScript } from '../source/present/talk-script.ts';
import { bigText } from '../source/ui/big-text.ts';
import type { Span } from '../source/ui/spans.ts';
import { stageBandLines } from '../source/ui/stage-band.ts';
import { letterRows, stageLetters } from '../source/ui/stage-letters.ts';
import { seededRandom } from './helpers/seeded-random.ts';

const text = (line: readonly Span[]) => line.map((span) => span.text).join('');

const state: PresenterState = {
  title: 't',
  index: 1,
  steps: 10,
  caption: 'Press w: the same tasks on worker threads; lag drops to a few ms, throughput about doubles',
  stepTitle: 'WORKERS',
  waiting: 'key',
  claims: [{ text: 'workers lag p99 < 10 ms', verdict: { pass: true, measured: 'workers 4.3 ms' } }],
};

/** The caption's words as the band shows them, the chip and the block letters taken out. */
function captionShown(lines: string[], lettersWidth: number): string {
  return lines
    .map((line) =>
      line
        .slice(lettersWidth)
        .trimStart()
        .replace(/^STEP \d+\/\d+ /, ''),
    )
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

describe('the band', () => {
  it('draws the title in block letters beside the chip and caption, the claims and the model under them', () => {
    const lines = stageBandLines(state, { width: 79, letters: 1, model: 'workers' }).map(text);
    const letters = stageLetters('WORKERS', 1) ?? [];
    expect(lines).toHaveLength(4);
    for (const [row, line] of letters.entries()) expect(lines[row]?.startsWith(line)).toBe(true);
    expect(lines[0]).toMatch(/ STEP 2\/10 {2}Press w:/);
    expect(lines[3]).toMatch(/^ WORKERS {2}✓ workers lag p99 < 10 ms workers 4\.3 ms .*→ or space/);
  });

  it('draws the step number in block letters when the step has no title', () => {
    const { stepTitle: _, ...untitled } = state;
    const lines = stageBandLines(untitled, { width: 99, letters: 1 }).map(text);
    expect(lines[0]?.startsWith(stageLetters('2/10', 1)?.[0] ?? '?')).toBe(true);
  });

  it('shows every caption of the built-in talk whole at 80 columns', () => {
    const script = parseScript(JSON.stringify(talkScript), 'talk');
    for (const [index, step] of script.steps.entries()) {
      const stepState: PresenterState = {
        ...state,
        index,
        caption: step.caption,
        ...(step.title ? { stepTitle: step.title } : {}),
      };
      const lines = stageBandLines(stepState, { width: 79, letters: 1 }).map(text);
      const letters = stageLetters(step.title ?? '', 1)?.[0] ?? '';
      expect(lines[0]?.startsWith(letters), `step ${index + 1} in block letters`).toBe(true);
      expect(captionShown(lines.slice(0, 3), letters.length), `step ${index + 1}`).toBe(step.caption);
    }
  });

  it('keeps its lines within the width at any width and scale, for any title and caption (seeded)', () => {
    const random = seededRandom(88);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -./+!?';
    for (let round = 0; round < 400; round++) {
      const width = 79 + Math.floor(random() * 140);
      const letters = random() < 0.5 ? 1 : 2;
      const length = 1 + Math.floor(random() * stepTitleLength);
      const title = Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      const words = Array.from({ length: 1 + Math.floor(random() * 40) }, () =>
        'word'.repeat(1 + Math.floor(random() * 6)),
      );
      const lines = stageBandLines(
        {
          ...state,
          stepTitle: title.trim() || 'X',
          caption: words.join(' '),
          index: Math.floor(random() * 99),
          steps: 99,
        },
        { width, letters, model: random() < 0.5 ? 'async' : undefined },
      ).map(text);
      expect(lines).toHaveLength(letterRows[letters] + 1);
      for (const line of lines) expect(Array.from(line).length, `width ${width}`).toBeLessThanOrEqual(width);
      // The caption keeps a third of the row or more beside the letters.
      expect(lines[0], `width ${width}`).toContain(' STEP ');
    }
  });
});

describe('the block letters', () => {
  it('have a glyph for every character a title may use, at both scales, every row as wide', () => {
    for (const character of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -./+!?') {
      for (const scale of [1, 2] as const) {
        const rows = stageLetters(character, scale);
        expect(rows, `${character} at ${scale}`).toHaveLength(letterRows[scale]);
        expect(new Set(rows?.map((row) => Array.from(row).length)).size).toBe(1);
      }
    }
    expect(stageLetters('ä', 1)).toBeUndefined();
  });

  it('are the header’s own letters where the header has them, and twice as wide at the large scale', () => {
    expect(stageLetters('WORKERS', 1)).toEqual(bigText('WORKERS'));
    expect(stageLetters('1.9×', 1)).toEqual(bigText('1.9×'));
    const small = stageLetters('ASYNC', 1)?.[0] ?? '';
    const large = stageLetters('ASYNC', 2)?.[0] ?? '';
    expect(Array.from(large).length).toBe(2 * Array.from(small).length);
  });
});
