// Pure layout: which panes fit a terminal of `columns` × `rows`, and how big each one is.
// The frame stays strictly shorter than the terminal: at full height Ink clears the screen every frame.

export type PaneName = 'eventLoop' | 'pool' | 'tasks' | 'cpu';

/** A pane's outer size in cells, its title line included. */
export type PaneSlot = { pane: PaneName; width: number; height: number };

export type Section =
  | { kind: 'header'; width: number; height: number; big: boolean }
  | { kind: 'scoreboard'; width: number; height: number; framed: boolean }
  | { kind: 'row'; height: number; panes: PaneSlot[] }
  | { kind: 'hint'; width: number; height: 1 }
  | { kind: 'footer'; width: number; height: 1 };

export type Layout = {
  /** Width every line is cut to: one less than the terminal, so no line ever wraps at the right edge. */
  width: number;
  /** Lines the whole frame takes; always below the terminal's rows. */
  height: number;
  /** False when the terminal is below the minimum size and some panes are left out. */
  complete: boolean;
  sections: Section[];
};

export type TerminalSize = { columns: number; rows: number };

/** The smallest terminal that shows every pane. */
export const minimumSize: TerminalSize = { columns: 80, rows: 24 };

const gap = 2;
const footerHeight = 1;
const compactScoreboard = 5;
const framedScoreboard = 7;

export function layoutFor({ columns, rows }: TerminalSize): Layout {
  const width = Math.max(0, Math.floor(columns) - 1);
  const budget = Math.max(0, Math.floor(rows) - 1);
  if (columns < minimumSize.columns || rows < minimumSize.rows) return reducedLayout(width, budget);

  const big = rows >= 34 && width >= 90;
  const headerHeight = big ? 3 : 2;
  const framed = rows >= 30;
  const scoreboardHeight = framed ? framedScoreboard : compactScoreboard;
  const remaining = budget - headerHeight - scoreboardHeight - footerHeight;
  const upper = Math.min(12, Math.max(6, Math.floor(remaining / 2)));
  const lower = remaining - upper;
  const left = Math.floor((width - gap) / 2);
  const right = width - gap - left;
  // The task table needs more width than the CPU bars.
  const tasks = Math.floor(((width - gap) * 11) / 20);
  const cpu = width - gap - tasks;

  const sections: Section[] = [
    { kind: 'header', width, height: headerHeight, big },
    { kind: 'scoreboard', width, height: scoreboardHeight, framed },
    {
      kind: 'row',
      height: upper,
      panes: [
        { pane: 'eventLoop', width: left, height: upper },
        { pane: 'pool', width: right, height: upper },
      ],
    },
    {
      kind: 'row',
      height: lower,
      panes: [
        { pane: 'tasks', width: tasks, height: lower },
        { pane: 'cpu', width: cpu, height: lower },
      ],
    },
    { kind: 'footer', width, height: 1 },
  ];
  return { width, height: totalHeight(sections), complete: true, sections };
}

/** Below the minimum: the most important sections for as long as they fitWidth, always with the hint. */
function reducedLayout(width: number, budget: number): Layout {
  const chosen: Section[] = [];
  let left = budget;
  const take = (section: Section): void => {
    if (section.height > left) return;
    chosen.push(section);
    left -= section.height;
  };
  take({ kind: 'hint', width, height: 1 });
  take({ kind: 'header', width, height: 2, big: false });
  take({ kind: 'scoreboard', width, height: compactScoreboard, framed: false });
  const paneHeight = Math.min(7, left - footerHeight);
  if (paneHeight >= 4) {
    take({ kind: 'row', height: paneHeight, panes: [{ pane: 'eventLoop', width, height: paneHeight }] });
  }
  take({ kind: 'footer', width, height: 1 });
  const order: Section['kind'][] = ['header', 'scoreboard', 'row', 'hint', 'footer'];
  const sections = chosen.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  return { width, height: totalHeight(sections), complete: false, sections };
}

function totalHeight(sections: readonly Section[]): number {
  return sections.reduce((sum, section) => sum + section.height, 0);
}
