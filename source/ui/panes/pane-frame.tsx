import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { paint, useTheme } from '../theme.ts';

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
  if (theme.color) {
    return (
      <Box flexDirection="column" width={width} height={height} overflowY="hidden" flexShrink={0}>
        <Text wrap="truncate">
          <Text bold inverse>{` ${title} `}</Text>
          <Text color={paint(theme, 'gray')}>{detail ? `  ${detail}` : ''}</Text>
        </Text>
        {children}
      </Box>
    );
  }
  const head = `─ ${title} `;
  const tail = detail ? ` ${detail} ─` : '';
  const rule = '─'.repeat(Math.max(0, width - head.length - tail.length));
  return (
    <Box flexDirection="column" width={width} height={height} overflowY="hidden" flexShrink={0}>
      <Text wrap="truncate">
        <Text color={paint(theme, 'gray')}>─ </Text>
        <Text bold>{title}</Text>
        <Text color={paint(theme, 'gray')}>
          {' '}
          {rule}
          {tail}
        </Text>
      </Text>
      {children}
    </Box>
  );
}
