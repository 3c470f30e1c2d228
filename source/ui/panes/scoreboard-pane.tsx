import { Box } from 'ink';
import type { Snapshot } from '../../engine/types.ts';
import { scoreboardLines } from '../scoreboard-lines.ts';
import { Lines } from './line.tsx';

export type ScoreboardPaneProps = {
  snapshot: Snapshot;
  width: number;
  height: number;
  framed: boolean;
  /** Draw the headline ratio in block digits when the height allows it, to be read from the back of a room. @default false */
  big?: boolean;
};

/**
 * The rows measured at the settings running now, the best of each column starred, the ratio in words (and in
 * block digits when `big`), then earlier configurations dimmed and never compared.
 */
export function ScoreboardPane({ snapshot, width, height, framed, big = false }: ScoreboardPaneProps) {
  const inner = framed ? width - 4 : width;
  const body = <Lines lines={scoreboardLines(snapshot, inner, framed ? height - 2 : height, framed, big)} />;
  if (!framed) {
    return (
      <Box flexDirection="column" width={width} height={height} overflowY="hidden" flexShrink={0}>
        {body}
      </Box>
    );
  }
  return (
    <Box
      flexDirection="column"
      width={width}
      height={height}
      overflowY="hidden"
      flexShrink={0}
      borderStyle="double"
      paddingX={1}
    >
      {body}
    </Box>
  );
}
