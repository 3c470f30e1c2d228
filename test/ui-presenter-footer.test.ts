// While presenting, the footer's `space` chip says what space does there (the next step), not pause, at every
// width where the chip is shown; without a presentation the footer is as before.
import { describe, expect, it } from 'vitest';
import { footerLine } from '../source/ui/footer-hints.ts';
import { presenterHints } from '../source/ui/presenter-keys.ts';

const text = (width: number, replaced?: typeof presenterHints) =>
  footerLine({ width, workloadCount: 5, replaced })
    .map((span) => span.text)
    .join('');

describe('the footer while presenting', () => {
  it('shows → and space as the next step, never space as pause', () => {
    for (let width = 20; width <= 200; width += 3) {
      const line = text(width, presenterHints);
      expect(line, `width ${width}`).not.toMatch(/ space {2}| space pause/);
      expect(Array.from(line).length).toBeLessThanOrEqual(width);
    }
    expect(text(160, presenterHints)).toContain(' →/space  next step');
    expect(text(160)).toMatch(/ space {2}pause/);
  });
});
