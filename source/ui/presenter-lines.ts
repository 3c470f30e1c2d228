// The presenter's band above the dashboard, as lines of spans: the step and its caption in bold on the first
// two lines (what the audience reads), then the step's claims as measured so far and what the step waits for.

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

/** The band for `state` at `width` columns: always `presenterRows` lines. */
export function presenterLines(state: PresenterState, width: number): Span[][] {
  const chip = ` STEP ${state.index + 1}/${state.steps} `;
  const captionWidth = Math.max(1, width - chip.length - 1);
  const [first = '', ...rest] = wrapWords(state.caption, captionWidth);
  const second = rest.join(' ');
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
  return [
    cutSpans([{ text: chip, bold: true, inverse: true }, { text: ' ' }, { text: first, bold: true }], width),
    cutSpans(
      [{ text: ' '.repeat(chip.length + 1) }, { text: cutText(second, captionWidth), bold: true }],
      width,
    ),
    cutSpans([...claims, status], width),
  ];
}
