// A line of the dashboard as data: spans of text, each with its style. A pane builds its lines as spans and
// draws each line as one Ink `<Text>` holding one pre-styled string. Ink then has one text node per line to
// lay out, measure and squash, instead of one per coloured run: at 120×40 this is most of a frame's cost.

import chalk, { type ChalkInstance } from 'chalk';
import type { ColorName } from './theme.ts';

/** A stretch of a line in one style. */
export type Span = {
  text: string;
  /** @default the terminal's own colour */
  color?: ColorName | undefined;
  /** @default false */
  bold?: boolean | undefined;
  /** Swap foreground and background: a coloured cell without a block glyph. @default false */
  inverse?: boolean | undefined;
};

/**
 * The spans as one string, styled the way Ink's `<Text color bold inverse>` styles text (chalk, colour then
 * bold then inverse), so the terminal sees the same codes. With `color` false (NO_COLOR, `--no-color`) colours
 * are left out and bold and inverse kept, as the views did with `<Text>`; a terminal without styles gets none.
 */
export function styleSpans(spans: readonly Span[], color: boolean): string {
  let line = '';
  // Neighbouring spans of one style are styled as one: the terminal library reads every escape code of every
  // line on every frame, and a chart row is many short spans.
  let text = '';
  let style: ChalkInstance | undefined;
  let key = -1;
  for (const part of trimEnd(spans)) {
    if (part.text === '') continue;
    const partColor = color ? part.color : undefined;
    const partKey = styleKey(partColor, part.bold === true, part.inverse === true);
    if (partKey !== key) {
      line += style ? style(text) : text;
      text = '';
      key = partKey;
      style = styler(partColor, part.bold === true, part.inverse === true);
    }
    text += part.text;
  }
  return line + (style ? style(text) : text);
}

const colorKeys = new Map<string | undefined, number>();

/** A number per style: the colour's, then bold and inverse as its two low bits. */
function styleKey(color: ColorName | undefined, bold: boolean, inverse: boolean): number {
  let colorKey = colorKeys.get(color);
  if (colorKey === undefined) {
    colorKey = colorKeys.size;
    colorKeys.set(color, colorKey);
  }
  return colorKey * 4 + (bold ? 2 : 0) + (inverse ? 1 : 0);
}

const stylers = new Map<number, ChalkInstance>();

/**
 * One chalk chain per style, built once: `chalk.inverse.bold.cyan` opens and closes its codes exactly as Ink's
 * `inverse(bold(cyan(text)))`, and each `chalk.<style>` access would otherwise build a new chain per span per
 * frame. A chain reads the colour level when it is called, so it follows the terminal as chalk itself does.
 */
function styler(color: ColorName | undefined, bold: boolean, inverse: boolean): ChalkInstance | undefined {
  if (!color && !bold && !inverse) return undefined;
  const key = styleKey(color, bold, inverse);
  let chain = stylers.get(key);
  if (!chain) {
    chain = chalk;
    if (inverse) chain = chain.inverse;
    if (bold) chain = chain.bold;
    if (color) chain = chain[color];
    stylers.set(key, chain);
  }
  return chain;
}

/**
 * The spans without the unstyled blanks at their end: the screen is blank there already, and the terminal
 * library processes every character of every line on every frame.
 */
export function trimEnd(spans: readonly Span[]): readonly Span[] {
  let end = spans.length;
  while (end > 0) {
    const last = spans[end - 1] as Span;
    if (last.inverse) break;
    const text = last.text.trimEnd();
    if (text === '') {
      end--;
      continue;
    }
    if (text.length === last.text.length) break;
    return [...spans.slice(0, end - 1), { ...last, text }];
  }
  return end === spans.length ? spans : spans.slice(0, end);
}

/**
 * Whether two lines draw the same: span by span the same text and style. Spans split differently count as
 * different (a false "different" costs a redraw, never a wrong screen).
 */
export function sameSpans(before: readonly Span[], after: readonly Span[]): boolean {
  if (before === after) return true;
  if (before.length !== after.length) return false;
  for (let index = 0; index < before.length; index++) {
    const a = before[index] as Span;
    const b = after[index] as Span;
    if (
      a.text !== b.text ||
      a.color !== b.color ||
      (a.bold === true) !== (b.bold === true) ||
      (a.inverse === true) !== (b.inverse === true)
    )
      return false;
  }
  return true;
}

/** The spans of a line cut at `width` cells, so a narrow pane never wraps and a line's data says what is seen. */
export function cutSpans(spans: readonly Span[], width: number): Span[] {
  const cut: Span[] = [];
  let room = Math.max(0, width);
  for (const span of spans) {
    if (room <= 0) break;
    const text = span.text.length > room ? span.text.slice(0, room) : span.text;
    cut.push(text === span.text ? span : { ...span, text });
    room -= text.length;
  }
  return cut;
}
