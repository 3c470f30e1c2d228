import { Box, Text } from 'ink';
import type { EngineAction } from '../../engine/actions.ts';
import { describeAction } from '../action-labels.ts';
import { footerHints, hintLength } from '../footer-hints.ts';
import { paint, useTheme } from '../theme.ts';

export type FooterProps = {
  width: number;
  workloadCount: number;
  /** The last thing a key asked of the engine, echoed at the right. */
  lastAction: EngineAction | undefined;
};

/** The keys, as many as fitWidth, most important first; `?` always shows, and the help lists them all. */
export function Footer({ width, workloadCount, lastAction }: FooterProps) {
  const theme = useTheme();
  const hints = footerHints(width, workloadCount);
  const used = hints.reduce((sum, hint) => sum + hintLength(hint), 0);
  const echo = lastAction ? `▸ ${describeAction(lastAction)}` : '';
  const room = width - used;
  return (
    <Box width={width} height={1} flexShrink={0}>
      <Text wrap="truncate">
        {hints.map((hint) => (
          <Text key={hint.keys}>
            <Text bold inverse>{` ${hint.keys} `}</Text> {hint.label}
            {'  '}
          </Text>
        ))}
        {echo && room >= echo.length ? <Text color={paint(theme, 'gray')}>{echo.padStart(room)}</Text> : null}
      </Text>
    </Box>
  );
}
