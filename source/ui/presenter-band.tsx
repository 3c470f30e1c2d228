import { Box } from 'ink';
import { useCallback, useSyncExternalStore } from 'react';
import type { ModelName } from '../engine/types.ts';
import type { PresenterControls, PresenterState } from '../present/presenter.ts';
import { Lines } from './panes/line.tsx';
import { presenterLines } from './presenter-lines.ts';
import { stageBandLines } from './stage-band.ts';
import type { StageBand } from './stage-layout.ts';

/** The presentation's state as it moves, or undefined when nothing is presented. */
export function usePresenterState(presenter: PresenterControls | undefined): PresenterState | undefined {
  const subscribe = useCallback(
    (listener: () => void) => presenter?.subscribe(listener) ?? (() => undefined),
    [presenter],
  );
  return useSyncExternalStore(subscribe, () => presenter?.state());
}

export type PresenterBandProps = {
  state: PresenterState;
  /** Its rows and letters, from the stage's layout (stage-layout.ts). */
  band: StageBand;
  width: number;
  /** The model running, named in the band when the header is left out. @default none */
  model?: ModelName | undefined;
};

/** The presenter's band above the dashboard: the step's title and caption, its claims as measured so far. */
export function PresenterBand({ state, band, width, model }: PresenterBandProps) {
  if (band.height <= 0) return null;
  const lines = band.letters
    ? stageBandLines(state, { width, letters: band.letters, model: band.model ? model : undefined })
    : presenterLines(state, width).slice(0, band.height);
  return (
    <Box width={width} height={band.height} flexShrink={0} flexDirection="column">
      <Lines lines={lines} />
    </Box>
  );
}
