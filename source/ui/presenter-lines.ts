// The presenter's compact band, for a terminal below the minimum size, as lines of spans: the step and its caption
// in bold on the first two lines (what the audience reads), then the step's claims as measured so far and what the
// step waits for. From the minimum size up the band has the title in block letters (stage-band.ts).

import type { PresenterState } from '../present/presenter.ts';
import { cutText, wrapWords } from './format.ts';
import { cutSpans, type Span } from './spans.ts';

/** Rows the band takes above the dashboard. */
export const presenterRows = 3;

const waitingWords: Record<PresenterState['waiting'], string> = {
  key: '→ or space for the next step',
  settling: 'settling, then on by itself',
  counting: 'measuring, then on by itself',
  timer: 'on by itself shortly',
  'last step': 'last step',
};

/** The step's chip, ` STEP 2/10 `, in inverse bold (its words read without the style too). */
export function stepChip(state: PresenterState): Span {
  return { text: ` STEP ${state.index + 1}/${state.steps} `, bold: true, inverse: true };
}

/** The step's claims, each marked as judged so far, then what the step waits for. */
export function claimsLine(state: PresenterState): Span[] {
  const claims: Span[] = state.claims.flatMap(({ text, verdict }, index) => {
    const mark: Span = verdict
      ? { text: verdict.pass ? '✓ ' : '✗ ', color: verdict.pass ? 'green' : 'red', bold: true }
      : { text: '· ', color: 'gray' };
    return [
      ...(index > 0 ? [{ text: '   ' }] : []),
      mark,
      { text },
      ...(verdict ? [{ text: ` ${verdict.measured}`, color: 'gray' as const }] : []),
    ];
  });
  const status: Span = {
    text: `${claims.length > 0 ? '   ' : ''}${waitingWords[state.waiting]} · ← back`,
    color: 'gray',
  };
  return [...claims, status];
}

/** The compact band for `state` at `width` columns (a terminal below the minimum size): `presenterRows` lines. */
export function presenterLines(state: PresenterState, width: number): Span[][] {
  const chip = stepChip(state);
  const captionWidth = Math.max(1, width - chip.text.length - 1);
  const [first = '', ...rest] = wrapWords(state.caption, captionWidth);
  const second = rest.join(' ');
  return [
    cutSpans([chip, { text: ' ' }, { text: first, bold: true }], width),
    cutSpans(
      [{ text: ' '.repeat(chip.text.length + 1) }, { text: cutText(second, captionWidth), bold: true }],
      width,
    ),
    cutSpans(claimsLine(state), width),
  ];
}
