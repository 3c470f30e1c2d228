import type { Span } from '../spans.ts';

/** What every pane is drawn from: the snapshot and the cells it has. */
export type PaneSize = { width: number; height: number };

/** A pane as lines: its title line, then its body, for a box of `width`×`height` (see line-fit.ts). */
export type PaneLinesOf<Props extends PaneSize> = (props: Props, color: boolean) => Span[][];

export type PaneTitle = {
  title: string;
  /** Short text at the right end of the title rule, e.g. a chart's scale. @default none */
  detail?: string | undefined;
};

/**
 * A pane's lines: a title line, then its body. With colour the title is an inverse-video chip; without colour
 * (styles may be off entirely) it sits in a rule so the panes stay apart. One line where a border costs two.
 */
export function paneLines(
  { title, detail }: PaneTitle,
  width: number,
  color: boolean,
  body: readonly Span[][],
): Span[][] {
  return [color ? titleChip(title, detail) : titleRule(title, detail, width), ...body];
}

function titleChip(title: string, detail: string | undefined): Span[] {
  return [
    { text: ` ${title} `, bold: true, inverse: true },
    { text: detail ? `  ${detail}` : '', color: 'gray' },
  ];
}

function titleRule(title: string, detail: string | undefined, width: number): Span[] {
  const head = `─ ${title} `;
  const tail = detail ? ` ${detail} ─` : '';
  const rule = '─'.repeat(Math.max(0, width - head.length - tail.length));
  return [{ text: '─ ' }, { text: title, bold: true }, { text: ` ${rule}${tail}` }];
}
