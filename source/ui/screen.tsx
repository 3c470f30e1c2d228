import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { Snapshot } from '../engine/types.ts';
import { loadingWorkloadSource, type WorkloadSource } from '../workload-source/workload-source.ts';
import type { HintReplacements } from './footer-hints.ts';
import { HelpOverlay } from './help-overlay.tsx';
import { type Layout, layoutFor, type TerminalSize } from './layout.ts';
import { Footer } from './panes/footer.tsx';
import { Lines } from './panes/line.tsx';
import { Header } from './panes/pane-boxes.tsx';
import { sectionLines } from './screen-lines.ts';
import { SourceOverlay, scrollOf } from './source-view/source-overlay.tsx';
import { TaskDetail } from './task-detail/task-detail.tsx';
import { useTheme } from './theme-context.ts';
import type { ViewState } from './view-state.ts';

export type ScreenProps = {
  /** Undefined until the engine publishes its first snapshot. */
  snapshot: Snapshot | undefined;
  layout: Layout;
  size: TerminalSize;
  view: ViewState;
  workloadCount: number;
  /** Drawn in the footer's line instead of the keys (a replay's scrub bar). @default the key footer */
  footer?: ReactNode;
  /** Key hints in place of the key table's, by chip (a presentation's keys). @default none */
  hints?: HintReplacements | undefined;
  /** The layout with the lanes open (`t`), when the caller makes it (a presentation's stage). @default layoutFor */
  lanesLayout?: Layout | undefined;
  /** The running workload's code, shown over the panes while `view.sourceOpen` (`c`). @default being read */
  source?: WorkloadSource | undefined;
};

/** The whole frame: the layout's sections drawn from one snapshot, or the help over them. */
export function Screen({
  snapshot,
  layout: plain,
  size,
  view,
  workloadCount,
  footer: ownFooter,
  hints,
  lanesLayout,
  source,
}: ScreenProps) {
  const theme = useTheme();
  // The lanes (`t`) change which panes fit, so their layout is made here, where the view state is known.
  const layout = view.lanesOpen ? (lanesLayout ?? layoutFor(size, { lanes: true })) : plain;
  const footer = layout.sections.find((section) => section.kind === 'footer');
  const footerElement = !footer ? null : ownFooter ? (
    <Box width={footer.width} height={1} flexShrink={0}>
      {ownFooter}
    </Box>
  ) : (
    <Footer
      width={footer.width}
      workloadCount={workloadCount}
      lastAction={view.lastAction}
      // Over the code the help's scroll and close chips (↑/↓, esc) name its keys too.
      view={view.sourceOpen ? { ...view, helpOpen: true } : view}
      notice={snapshot?.notice}
      replaced={hints}
    />
  );
  if (!snapshot) {
    return (
      <Box flexDirection="column" width={layout.width} height={layout.height} overflowY="hidden">
        <Box flexGrow={1}>
          <Text wrap="truncate">concur-tui · starting · waiting for the engine's first measurements…</Text>
        </Box>
        {footerElement}
      </Box>
    );
  }
  const detailTask = view.detailOpen ? view.selectedTask : undefined;
  if (view.sourceOpen || view.helpOpen || detailTask !== undefined) {
    const header = layout.sections.find((section) => section.kind === 'header');
    const helpHeight = layout.height - (header?.height ?? 0) - (footer?.height ?? 0);
    return (
      <Box flexDirection="column" width={layout.width} height={layout.height} overflowY="hidden">
        {header?.kind === 'header' ? (
          <Header snapshot={snapshot} width={header.width} big={header.big} height={header.height} />
        ) : null}
        {view.sourceOpen ? (
          <SourceOverlay
            source={source ?? loadingWorkloadSource(snapshot.workload)}
            width={layout.width}
            height={helpHeight}
            scroll={scrollOf(view, source)}
          />
        ) : view.helpOpen || detailTask === undefined ? (
          <HelpOverlay
            width={layout.width}
            height={helpHeight}
            workloadCount={workloadCount}
            workload={snapshot.workload}
            scroll={view.helpScroll}
          />
        ) : (
          <TaskDetail snapshot={snapshot} id={detailTask} width={layout.width} height={helpHeight} />
        )}
        {footerElement}
      </Box>
    );
  }
  // The sections before the footer, as rows of the screen: one Ink text per row (screen-lines.ts).
  const context = { snapshot, size, selectedTask: view.selectedTask, color: theme.color };
  const rows = layout.sections.flatMap((section) => sectionLines(section, context));
  return (
    <Box flexDirection="column" width={layout.width} height={layout.height} overflowY="hidden">
      <Lines lines={rows.slice(0, layout.height)} rows />
      {footerElement}
    </Box>
  );
}
