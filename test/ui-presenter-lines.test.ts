// The presenter's compact band, below the minimum size: three lines at any width, never wider than the terminal,
// the caption whole when it fits in two lines, and each claim's mark and measured value once judged.
import { describe, expect, it } from 'vitest';
import type { PresenterState } from '../source/present/presenter.ts';
import { presenterLines, presenterRows } from '../source/ui/presenter-lines.ts';
import type { Span } from '../source/ui/spans.ts';
import { seededRandom } from './helpers/seeded-random.ts';

const text = (line: readonly Span[]) => line.map((span) => span.text).join('');

const state: PresenterState = {
  title: 't',
  index: 1,
  steps: 10,
  caption: 'Press w: the same tasks on worker threads; lag drops to a few ms, throughput about doubles',
  waiting: 'counting',
  claims: [
    { text: 'workers lag p99 < 10 ms', verdict: { pass: true, measured: 'workers 4.3 ms' } },
    { text: 'workers throughput ≥ 1.5× async' },
  ],
};

describe('the presenter band', () => {
  it('shows the step, the whole caption and each claim as judged so far', () => {
    const lines = presenterLines(state, 120).map(text);
    expect(lines).toHaveLength(presenterRows);
    expect(lines[0]).toMatch(/^ STEP 2\/10 {2}Press w: the same tasks/);
    expect(`${lines[0]} ${lines[1]}`.replace(/\s+/g, ' ')).toContain(state.caption);
    expect(lines[2]).toMatch(
      /^✓ workers lag p99 < 10 ms workers 4\.3 ms {3}· workers throughput ≥ 1\.5× async {3}measuring/,
    );
  });

  it('keeps three lines within the width at any width, for any state', () => {
    const random = seededRandom(5);
    for (let index = 0; index < 300; index++) {
      const width = 1 + Math.floor(random() * 200);
      const words = Array.from({ length: Math.floor(random() * 40) }, () =>
        'word'.repeat(1 + Math.floor(random() * 5)),
      );
      const lines = presenterLines(
        {
          ...state,
          index: Math.floor(random() * 20),
          steps: 20,
          caption: words.join(' ') || 'x',
          waiting:
            (['key', 'settling', 'counting', 'timer', 'last step'] as const)[Math.floor(random() * 5)] ??
            'key',
          claims: random() < 0.5 ? [] : state.claims,
        },
        width,
      );
      expect(lines).toHaveLength(presenterRows);
      for (const line of lines)
        expect(Array.from(text(line)).length, `width ${width}`).toBeLessThanOrEqual(width);
    }
  });
});
