import { Box } from 'ink';
import { useSyncExternalStore } from 'react';
import type { PresenterControls } from '../present/presenter.ts';
import { Lines } from './panes/line.tsx';
import { presenterLines, presenterRows } from './presenter-lines.ts';

/** The presenter's band above the dashboard: the step and its caption, its claims as measured so far. */
export function PresenterBand({ presenter, width }: { presenter: PresenterControls; width: number }) {
  const state = useSyncExternalStore(
    (listener) => presenter.subscribe(listener),
    () => presenter.state(),
  );
  return (
    <Box width={width} height={presenterRows} flexShrink={0} flexDirection="column">
      <Lines lines={presenterLines(state, width)} />
    </Box>
  );
}
