import { Box } from 'ink';
import type { EngineAction } from '../../engine/actions.ts';
import { describeAction } from '../action-labels.ts';
import { footerHints, hintLength } from '../footer-hints.ts';
import type { Span } from '../spans.ts';
import { Line } from './line.tsx';

export type FooterProps = {
  width: number;
  workloadCount: number;
  /** The last thing a key asked of the engine, echoed at the right. */
  lastAction: EngineAction | undefined;
};

/** The keys, as many as fitWidth, most important first; `?` always shows, and the help lists them all. */
export function Footer({ width, workloadCount, lastAction }: FooterProps) {
  const hints = footerHints(width, workloadCount);
  const used = hints.reduce((sum, hint) => sum + hintLength(hint), 0);
  const echo = lastAction ? `▸ ${describeAction(lastAction)}` : '';
  const room = width - used;
  return (
    <Box width={width} height={1} flexShrink={0}>
      <Line
        spans={[
          ...hints.flatMap((hint): Span[] => [
            { text: ` ${hint.keys} `, bold: true, inverse: true },
            { text: ` ${hint.label}  ` },
          ]),
          { text: echo && room >= echo.length ? echo.padStart(room) : '', color: 'gray' },
        ]}
      />
    </Box>
  );
}
