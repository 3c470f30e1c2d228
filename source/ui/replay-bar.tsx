import { Box } from 'ink';
import { useSyncExternalStore } from 'react';
import type { ReplayControls } from '../record/source-controls.ts';
import { Line } from './panes/line.tsx';
import { replayBannerLine, replayBarLine } from './replay-lines.ts';
import type { KeyEcho } from './view-state.ts';

/** The replay's state, re-read whenever the replay moves, seeks or changes speed. */
function useReplayState(replay: ReplayControls) {
  return useSyncExternalStore(replay.subscribe, replay.state);
}

/** One line above the dashboard: this is a replay, of which file, recorded when; and what the last key did. */
export function ReplayBanner({
  replay,
  width,
  echo,
}: {
  replay: ReplayControls;
  width: number;
  echo?: KeyEcho | undefined;
}) {
  const state = useReplayState(replay);
  return (
    <Box width={width} height={1} flexShrink={0}>
      <Line spans={replayBannerLine(state, width, echo)} />
    </Box>
  );
}

/** The scrub bar, in the footer's line. */
export function ReplayBar({ replay, width }: { replay: ReplayControls; width: number }) {
  const state = useReplayState(replay);
  return (
    <Box width={width} height={1} flexShrink={0}>
      <Line spans={replayBarLine(state, width)} />
    </Box>
  );
}
