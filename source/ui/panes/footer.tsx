import { Box } from 'ink';
import { memo } from 'react';
import type { EngineAction } from '../../engine/actions.ts';
import type { Notice } from '../../engine/types.ts';
import { describeAction } from '../action-labels.ts';
import { footerLine, type HintReplacements } from '../footer-hints.ts';
import type { ViewState } from '../view-state.ts';
import { Line } from './line.tsx';

export type FooterProps = {
  width: number;
  workloadCount: number;
  /** The last thing a key asked of the engine, echoed when `view` carries no echo. @default none */
  lastAction?: EngineAction | undefined;
  /** The view state: the echo of the last key and whether the help is open. @default none */
  view?: ViewState | undefined;
  /** The engine's notice (`snapshot.notice`): a failed switch, a limit hit. @default none */
  notice?: Notice | undefined;
  /** Hints in place of the key table's, by chip (a presentation's keys). @default none */
  replaced?: HintReplacements | undefined;
};

/**
 * The keys, as many as fit (labels go first, `?` and `q` always stay), the echo of the last key and the notice.
 * Drawn from its props alone (the view state, the engine's notice, which both keep their identity until they
 * change), so a frame that changes none of them skips it.
 */
export const Footer = memo(function Footer({
  width,
  workloadCount,
  lastAction,
  view,
  notice,
  replaced,
}: FooterProps) {
  const action = view?.lastAction ?? lastAction;
  const echo = view?.echo ?? (action ? { key: '', text: describeAction(action) } : undefined);
  return (
    <Box width={width} height={1} flexShrink={0}>
      <Line
        spans={footerLine({
          width,
          workloadCount,
          helpOpen: view?.helpOpen ?? false,
          echo,
          notice,
          replaced,
        })}
      />
    </Box>
  );
});
