// The presenter's band from the minimum size up, as lines of spans: the step's title in block letters on the left
// (read from the back of the room), the step's chip and its caption in bold beside it, then a line with the model
// running (when the header is left out), the claims as judged so far and what the step waits for.

import type { ModelName } from '../engine/types.ts';
import type { PresenterState } from '../present/presenter.ts';
import { cutText, wrapWords } from './format.ts';
import { claimsLine, stepChip } from './presenter-lines.ts';
import type { Span } from './spans.ts';
import { cutSpans } from './spans.ts';
import { type LetterScale, letterRows, stageLetters } from './stage-letters.ts';
import { modelColor } from './theme.ts';

/** Columns the caption keeps beside the block letters; narrower, the letters give way. */
export const captionMinimum = 34;
/** Columns between the letters and the caption. */
const lettersGap = 2;

export type StageBandOptions = {
  width: number;
  /** The scale of the block letters; the band is their rows and one more. */
  letters: LetterScale;
  /** The model running, named on the last line when the header (which names it) is left out. @default none */
  model?: ModelName | undefined;
};

/**
 * The block letters drawn for `state` in `width` columns: the title at the band's scale, else smaller, else the
 * step's number; none when even that leaves the caption too little room.
 */
export function bandLetters(state: PresenterState, width: number, scale: LetterScale): string[] | undefined {
  const number = `${state.index + 1}/${state.steps}`;
  const texts = [state.stepTitle, number].filter((text): text is string => text !== undefined);
  const scales: LetterScale[] = scale === 2 ? [2, 1] : [1];
  for (const text of texts) {
    for (const each of scales) {
      const rows = stageLetters(text, each);
      const used = Array.from(rows?.[0] ?? '').length;
      if (rows && used + lettersGap + captionMinimum <= width) return rows;
    }
  }
  return undefined;
}

/** The band for `state`: `letterRows[letters] + 1` lines, none wider than `width`. */
export function stageBandLines(state: PresenterState, { width, letters, model }: StageBandOptions): Span[][] {
  const rows = letterRows[letters];
  const big = bandLetters(state, width, letters) ?? [];
  const bigWidth = big.length > 0 ? Array.from(big[0] as string).length + lettersGap : 0;
  const chip = stepChip(state);
  const captionWidth = Math.max(1, width - bigWidth);
  const caption = captionLines(state.caption, captionWidth - chip.text.length - 1, captionWidth, rows);
  const lines: Span[][] = [];
  for (let row = 0; row < rows; row++) {
    const left: Span[] = bigWidth > 0 ? [{ text: (big[row] ?? '').padEnd(bigWidth), bold: true }] : [];
    const text: Span = { text: caption[row] ?? '', bold: true };
    lines.push(cutSpans(row === 0 ? [...left, chip, { text: ' ' }, text] : [...left, text], width));
  }
  const named: Span[] = model
    ? [
        { text: ` ${model.toUpperCase()} `, color: modelColor(model), bold: true, inverse: true },
        { text: ' ' },
      ]
    : [];
  lines.push(cutSpans([...named, ...claimsLine(state)], width));
  return lines;
}

/**
 * `text` wrapped into at most `rows` lines, the first `first` cells wide (it follows the chip), the others
 * `width`; the last line ends in "…" when the caption is cut.
 */
export function captionLines(text: string, first: number, width: number, rows: number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const head = wrapWords(text, Math.max(1, first))[0] ?? '';
  const rest = words.slice(head.split(' ').filter(Boolean).length).join(' ');
  const lines = [head, ...wrapWords(rest, width)];
  if (lines.length <= rows) return lines;
  const kept = lines.slice(0, Math.max(0, rows - 1));
  const cut = lines.slice(kept.length).join(' ');
  return [...kept, cutText(cut, kept.length === 0 ? first : width)];
}
