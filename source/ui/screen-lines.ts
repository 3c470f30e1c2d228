// The dashboard's sections as rows of the screen: the header, the scoreboard, and each row of panes set side by
// side (line-fit.ts). Ink then draws one text per row, with no layout box per pane.

import type { Snapshot } from '../engine/types.ts';
import { minimumSize, type PaneName, type Section, type TerminalSize } from './layout.ts';
import { sideBySide } from './line-fit.ts';
import { cpuPaneLines } from './panes/cpu-pane.tsx';
import { eventLoopPaneLines } from './panes/event-loop-pane.tsx';
import { headerLines } from './panes/header.tsx';
import { lanesPaneLines } from './panes/lanes-pane.tsx';
import type { PaneLinesOf, PaneSize } from './panes/pane-frame.tsx';
import { poolPaneLines } from './panes/pool-pane.tsx';
import { scoreboardPaneLines } from './panes/scoreboard-pane.tsx';
import { tasksPaneLines } from './panes/tasks-pane.tsx';
import type { Span } from './spans.ts';

/** What every section is drawn from. */
export type SectionContext = {
  snapshot: Snapshot;
  size: TerminalSize;
  /** The task selected in the table. @default none */
  selectedTask?: number | undefined;
  /** Whether colours are drawn (the theme). */
  color: boolean;
};

type PaneProps = PaneSize & { snapshot: Snapshot; selectedTask?: number | undefined };

const paneLinesOf: Record<PaneName, PaneLinesOf<PaneProps>> = {
  eventLoop: eventLoopPaneLines,
  pool: poolPaneLines,
  tasks: tasksPaneLines,
  cpu: cpuPaneLines,
  lanes: lanesPaneLines,
};

/** Cells between two panes of a row. */
export const rowGap = 2;

/** One section's rows: as many as its box takes (a header that cannot show its block letters takes 2). */
export function sectionLines(section: Section, context: SectionContext): Span[][] {
  const { snapshot, size, selectedTask, color } = context;
  switch (section.kind) {
    case 'header':
      return headerLines({ snapshot, width: section.width, big: section.big, height: section.height });
    case 'scoreboard':
      return scoreboardPaneLines({
        snapshot,
        width: section.width,
        height: section.height,
        framed: section.framed,
        big: section.headline === 'big',
      });
    case 'row':
      return sideBySide(
        section.panes.map((slot) => ({
          lines: paneLinesOf[slot.pane](
            { snapshot, width: slot.width, height: slot.height, selectedTask },
            color,
          ),
          width: slot.width,
          height: slot.height,
        })),
        section.height,
        rowGap,
      );
    case 'hint': {
      const text = `⚠ enlarge to at least ${minimumSize.columns}×${minimumSize.rows} for all panes (now ${size.columns}×${size.rows})`;
      return sideBySide([{ lines: [[{ text, color: 'yellow' }]], width: section.width }], 1, 0);
    }
    case 'footer':
      return [];
  }
}
