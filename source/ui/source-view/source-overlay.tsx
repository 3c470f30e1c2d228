import { Box } from 'ink';
import type { WorkloadSource } from '../../workload-source/workload-source.ts';
import { type Layout, layoutFor, type TerminalSize } from '../layout.ts';
import { Lines } from '../panes/line.tsx';
import type { ViewState } from '../view-state.ts';
import type { SourceKeysContext, SourceScroll } from './source-keys.ts';
import { type SourceWindow, sourceLines, sourceWindow } from './source-lines.ts';
import { displayLines } from './source-text.ts';

export type SourceOverlayProps = {
  source: WorkloadSource;
  width: number;
  height: number;
  /** The first line shown; unset: the `run` line. @default unset */
  scroll?: number | undefined;
};

/** The code overlay: covers the panes, between the header and the footer, as the help does. */
export function SourceOverlay({ source, width, height, scroll }: SourceOverlayProps) {
  return (
    <Box flexDirection="column" width={width} height={height} overflowY="hidden" flexShrink={0}>
      <Lines lines={sourceLines({ source, width, height, scroll })} />
    </Box>
  );
}

/** The rows the overlay has in a layout: all but the header's and the footer's, as the help has. */
export function overlayRoom(layout: Layout): number {
  const around = layout.sections
    .filter((section) => section.kind === 'header' || section.kind === 'footer')
    .reduce((sum, section) => sum + section.height, 0);
  return Math.max(0, layout.height - around);
}

/** The line the view state scrolled `source` to, if it was scrolled on this workload's code. */
export function scrollOf(view: ViewState, source: WorkloadSource | undefined): number | undefined {
  return source && view.sourceScroll?.workload === source.key ? view.sourceScroll.top : undefined;
}

/** The code in view for the scroll keys: unset while there is no text. */
export function sourceScroll(
  view: ViewState,
  source: WorkloadSource | undefined,
  height: number,
): SourceScroll {
  if (!source || source.text === undefined) return undefined;
  const window: SourceWindow = sourceWindow(displayLines(source.text), height, scrollOf(view, source));
  return { workload: source.key, window };
}

/** What the overlay's keys need: the code in view, in the room the screen gives it (with the lanes' layout if shown). */
export function sourceKeysContext({
  view,
  source,
  layout,
  size,
  workloads,
}: {
  view: ViewState;
  source: WorkloadSource | undefined;
  layout: Layout;
  size: TerminalSize;
  workloads: readonly unknown[];
}): SourceKeysContext {
  const shown = view.lanesOpen ? layoutFor(size, { lanes: true }) : layout;
  return { workloadCount: workloads.length, scroll: sourceScroll(view, source, overlayRoom(shown)) };
}
