import { Box, Text } from 'ink';
import type { ComponentType, ReactNode } from 'react';
import type { Snapshot } from '../engine/types.ts';
import { loadingWorkloadSource, type WorkloadSource } from '../workload-source/workload-source.ts';
import type { HintReplacements } from './footer-hints.ts';
import { HelpOverlay } from './help-overlay.tsx';
import {
  type Layout,
  layoutFor,
  minimumSize,
  type PaneName,
  type Section,
  type TerminalSize,
} from './layout.ts';
import { CpuPane } from './panes/cpu-pane.tsx';
import { EventLoopPane } from './panes/event-loop-pane.tsx';
import { Footer } from './panes/footer.tsx';
import { Header } from './panes/header.tsx';
import { LanesPane } from './panes/lanes-pane.tsx';
import { PoolPane } from './panes/pool-pane.tsx';
import { ScoreboardPane } from './panes/scoreboard-pane.tsx';
import { TasksPane } from './panes/tasks-pane.tsx';
import { SourceOverlay, scrollOf } from './source-view/source-overlay.tsx';
import { TaskDetail } from './task-detail/task-detail.tsx';
import { paint, useTheme } from './theme.ts';
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

type PaneProps = { snapshot: Snapshot; width: number; height: number; selectedTask?: number | undefined };

const paneComponents: Record<PaneName, ComponentType<PaneProps>> = {
  eventLoop: EventLoopPane,
  pool: PoolPane,
  tasks: TasksPane,
  cpu: CpuPane,
  lanes: LanesPane,
};

const rowGap = 2;

/** The scoreboard pane draws the headline ratio in block digits when told `big` and its height allows it. */
function headlineProps(headline: 'big' | 'line'): { big: boolean } {
  return { big: headline === 'big' };
}

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
  const sectionProps = { snapshot, size, selectedTask: view.selectedTask };
  return (
    <Box flexDirection="column" width={layout.width} height={layout.height} overflowY="hidden">
      {layout.sections.map((section, index) =>
        section.kind === 'footer' ? (
          <Box key="footer">{footerElement}</Box>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: sections are positions in a fixed layout
          <SectionView key={index} section={section} {...sectionProps} />
        ),
      )}
    </Box>
  );
}

function SectionView({
  section,
  snapshot,
  size,
  selectedTask,
}: {
  section: Section;
  snapshot: Snapshot;
  size: TerminalSize;
  selectedTask?: number | undefined;
}) {
  const theme = useTheme();
  switch (section.kind) {
    case 'header':
      return <Header snapshot={snapshot} width={section.width} big={section.big} height={section.height} />;
    case 'scoreboard':
      return (
        <ScoreboardPane
          snapshot={snapshot}
          width={section.width}
          height={section.height}
          framed={section.framed}
          {...headlineProps(section.headline)}
        />
      );
    case 'row':
      return (
        <Box height={section.height} flexShrink={0} columnGap={rowGap}>
          {section.panes.map((slot) => {
            const Pane = paneComponents[slot.pane];
            return (
              <Pane
                key={slot.pane}
                snapshot={snapshot}
                width={slot.width}
                height={slot.height}
                selectedTask={selectedTask}
              />
            );
          })}
        </Box>
      );
    case 'hint':
      return (
        <Box width={section.width} height={1} flexShrink={0}>
          <Text wrap="truncate" color={paint(theme, 'yellow')}>
            {`⚠ enlarge to at least ${minimumSize.columns}×${minimumSize.rows} for all panes (now ${size.columns}×${size.rows})`}
          </Text>
        </Box>
      );
    case 'footer':
      return null;
  }
}
