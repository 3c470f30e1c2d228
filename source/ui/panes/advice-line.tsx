// The line a pane gives to live advice (Snapshot.advice): what is going on and what to do, then the measured
// facts where the pane is wide enough. It takes one of the pane's lines, never a new one: each pane builds its
// lines as spans, so the advice goes in among them and the pane's chart or table gives up a row.

import { ruleSpec } from '../../engine/advice/advice-rules.ts';
import type { Advice, Snapshot } from '../../engine/types.ts';
import type { Span } from '../spans.ts';
import { levelColor } from '../theme.ts';

/** Marks advice in every pane, so it reads as advice without colour too. */
export const adviceMark = '⚑';

/** The advice line of `pane` as spans, cut to `width`; none when no advice holds for the pane. */
export function adviceLines(snapshot: Snapshot, pane: Advice['pane'], width: number): Span[][] {
  const advice = snapshot.advice?.find((entry) => entry.pane === pane);
  if (!advice || width <= 0) return [];
  return [adviceSpans(advice, width)];
}

/**
 * The most of the advice that fits `width`: what is going on and what to do, with the facts that fired it; without
 * the facts; then, when even what to do does not fit whole, where to read it (the help lists every rule).
 */
export function adviceSpans(advice: Advice, width: number): Span[] {
  const { title, action } = ruleSpec(advice.rule);
  const head = `${adviceMark} ${title}`;
  const color = levelColor.strained;
  const variants: [said: string, facts: string][] = [
    [`: ${action}`, ` · ${advice.facts}`],
    [`: ${action}`, ''],
    [' · ? for what to do', ''],
    [' · ? help', ''],
  ];
  const fitting = variants.find(([said, facts]) => head.length + said.length + facts.length <= width);
  if (!fitting) return [{ text: cut(head, width), bold: true, color }];
  return [{ text: head, bold: true, color }, { text: fitting[0] }, { text: fitting[1], color: 'gray' }];
}

/**
 * `text` in at most `width` cells, cut after a whole word with an ellipsis: a word cut in half would read as a
 * fragment of a stale line.
 */
function cut(text: string, width: number): string {
  if (text.length <= width) return text;
  const room = text.slice(0, Math.max(0, width - 1));
  const lastSpace = room.lastIndexOf(' ');
  const words = text[room.length] === ' ' ? room : lastSpace > 0 ? room.slice(0, lastSpace) : '';
  return `${words.replace(/[\s:,·]+$/u, '')}…`;
}
