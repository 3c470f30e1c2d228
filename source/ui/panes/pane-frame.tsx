import { Box } from 'ink';
import type { ReactNode } from 'react';
import type { Span } from '../spans.ts';
import { useTheme } from '../theme.ts';
import { Line } from './line.tsx';

export type PaneFrameProps = {
  title: string;
  /** Short text at the right end of the title rule, e.g. a chart's scale. */
  detail?: string;
  width: number;
  /** Outer height, title line included; content beyond it is cut, never wrapped. */
  height: number;
  children: ReactNode;
};

/**
 * A pane: a title line, then its lines. With colour the title is an inverse-video chip; without colour
 * (styles may be off entirely) it sits in a rule so the panes stay apart. One line where a border costs two.
 */
export function PaneFrame({ title, detail, width, height, children }: PaneFrameProps) {
  const theme = useTheme();
  return (
    <Box flexDirection="column" width={width} height={height} overflowY="hidden" flexShrink={0}>
      <Line spans={theme.color ? titleChip(title, detail) : titleRule(title, detail, width)} />
      {children}
    </Box>
  );
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
