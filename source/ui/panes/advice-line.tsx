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

export function adviceSpans(advice: Advice, width: number): Span[] {
  const { title, action } = ruleSpec(advice.rule);
  const head = `${adviceMark} ${title}`;
  const said = `: ${action}`;
  const facts = ` · ${advice.facts}`;
  const color = levelColor.strained;
  if (head.length >= width) return [{ text: cut(head, width), bold: true, color }];
  const room = width - head.length;
  const fits = said.length + facts.length <= room;
  return [
    { text: head, bold: true, color },
    { text: fits ? said : cut(said, room) },
    { text: fits ? facts : '', color: 'gray' },
  ];
}

function cut(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}
