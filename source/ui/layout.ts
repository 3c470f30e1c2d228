// Pure layout: which panes fit a terminal of `columns` × `rows`, and how big each one is.
// The frame stays strictly shorter than the terminal: at full height Ink clears the screen every frame.

import { modelNames } from '../engine/models/model-descriptors.ts';

export type PaneName = 'eventLoop' | 'pool' | 'tasks' | 'cpu' | 'lanes';

/** A pane's outer size in cells, its title line included. */
export type PaneSlot = { pane: PaneName; width: number; height: number };

export type Section =
  | {
      kind: 'header';
      width: number;
      /** 3 or 4 rows when `big` (the model in block letters beside 3–4 lines of text), else 2. */
      height: number;
      /** The model's name in block letters, three rows tall. */
      big: boolean;
    }
  | {
      kind: 'scoreboard';
      width: number;
      height: number;
      framed: boolean;
      /**
       * `big`: the height leaves `bigHeadlineRows` rows for the headline ratio in block digits above the
       * table (at least `scoreboardRows.big`, plus 2 when framed). `line`: the ratio in words only.
       */
      headline: 'big' | 'line';
    }
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

export type LayoutOptions = {
  /** Whether the timeline lanes are shown (`t`). @default false */
  lanes?: boolean;
};

/** The smallest terminal that shows every pane. */
export const minimumSize: TerminalSize = { columns: 80, rows: 24 };

/** Rows of the headline ratio in block digits. */
export const bigHeadlineRows = 3;

/**
 * Inner rows of the scoreboard (its frame excluded): the title, the column titles, a row per model and the
 * verdict in words; with a big headline, its block digits in place of the verdict, whose words take a row of
 * their own where the terminal has one to spare.
 */
export const scoreboardRows = {
  get line(): number {
    return 3 + modelNames().length;
  },
  get big(): number {
    return 2 + modelNames().length + bigHeadlineRows;
  },
};

/** From this many rows the verdict in words shows under the big headline (one row fewer keeps the charts' height). */
const verdictRowFrom = 32;

/** Columns between two panes side by side. */
export const paneGap = 2;
const gap = paneGap;
const footerHeight = 1;
const frameRows = 2;
/** The pane rows below the scoreboard: the upper one holds the charts, the lower one the task table. */
const minimumUpper = 6;
const minimumLower = 5;

/**
 * What the audience reads first stays large at every complete size: the model in block letters and the
 * headline ratio in block digits. What is left goes to the panes, the charts' row first (55 %), and from
 * 140 columns the event loop's chart takes 60 % of the row's width.
 */
export function layoutFor({ columns, rows }: TerminalSize, options: LayoutOptions = {}): Layout {
  const width = Math.max(0, Math.floor(columns) - 1);
  const budget = Math.max(0, Math.floor(rows) - 1);
  if (columns < minimumSize.columns || rows < minimumSize.rows) return reducedLayout(width, budget, options);
  if (options.lanes) return withLanes(columns, rows, width, budget);

  // A fourth header row lets a long workload description wrap instead of being cut.
  const headerHeight = rows >= 40 ? 4 : 3;
  const scoreboard = scoreboardSection(width, rows, 'big');
  const scoreboardHeight = scoreboard.height;
  const remaining = budget - headerHeight - scoreboardHeight - footerHeight;
  const upper = Math.max(minimumUpper, Math.min(remaining - minimumLower, Math.floor(remaining * 0.55)));
  const lower = remaining - upper;
  const paneWidth = width - gap;
  const left = Math.floor(paneWidth * (columns >= 140 ? 0.6 : 0.5));
  // The task table needs more width than the CPU bars.
  const tasks = Math.floor((paneWidth * 11) / 20);

  const sections: Section[] = [
    { kind: 'header', width, height: headerHeight, big: true },
    scoreboard,
    {
      kind: 'row',
      height: upper,
      panes: [
        { pane: 'eventLoop', width: left, height: upper },
        { pane: 'pool', width: paneWidth - left, height: upper },
      ],
    },
    {
      kind: 'row',
      height: lower,
      panes: [
        { pane: 'tasks', width: tasks, height: lower },
        { pane: 'cpu', width: paneWidth - tasks, height: lower },
      ],
    },
    { kind: 'footer', width, height: 1 },
  ];
  return { width, height: totalHeight(sections), complete: true, sections };
}

/**
 * The scoreboard at a terminal of `rows` (from the minimum size up): framed from 30 rows, the verdict in words
 * under a big headline from 32, and on a tall screen a few earlier configurations and the verdict's details in
 * view, one row at a time, so a taller terminal never gives the charts less.
 */
export function scoreboardSection(
  width: number,
  rows: number,
  headline: 'big' | 'line',
): Extract<Section, { kind: 'scoreboard' }> {
  const framed = rows >= 30;
  const tallExtra = Math.min(2, Math.max(0, rows - 49));
  const inner =
    headline === 'big' ? scoreboardRows.big + (rows >= verdictRowFrom ? 1 : 0) : scoreboardRows.line;
  return {
    kind: 'scoreboard',
    width,
    height: inner + (framed ? frameRows : 0) + tallExtra,
    framed,
    headline,
  };
}

/** From this many rows the lanes get a row of their own under the charts; below, they take the charts' place. */
const lanesBesideChartsFrom = 40;
/** Below this many rows the headline gives up its block digits while the lanes are shown: they need the rows. */
const lanesBigHeadlineFrom = 30;

/**
 * With the timeline lanes (`t`): the lanes span the whole width, in place of the charts' row on a small screen
 * (the task table and the CPU bars stay, so a blocking task's lane and an idle core show in one frame), under
 * it from 40 rows. Below 30 rows the headline is a line of words, leaving the lanes `main`, four threads and
 * the ruler at 80×24.
 */
function withLanes(columns: number, rows: number, width: number, budget: number): Layout {
  const headerHeight = rows >= 40 ? 4 : 3;
  const scoreboard = scoreboardSection(width, rows, rows >= lanesBigHeadlineFrom ? 'big' : 'line');
  const scoreboardHeight = scoreboard.height;
  const remaining = budget - headerHeight - scoreboardHeight - footerHeight;
  const paneWidth = width - gap;
  const tasks = Math.floor((paneWidth * 11) / 20);
  const row = (height: number, panes: PaneSlot[]): Section => ({ kind: 'row', height, panes });
  const lowerRow = (height: number) =>
    row(height, [
      { pane: 'tasks', width: tasks, height },
      { pane: 'cpu', width: paneWidth - tasks, height },
    ]);
  const rowsOfPanes: Section[] = [];
  if (rows < lanesBesideChartsFrom) {
    const lanes = Math.max(minimumUpper, Math.min(remaining - minimumLower, Math.floor(remaining * 0.6)));
    rowsOfPanes.push(row(lanes, [{ pane: 'lanes', width, height: lanes }]), lowerRow(remaining - lanes));
  } else {
    const lanes = Math.floor(remaining * 0.4);
    const rest = remaining - lanes;
    const upper = Math.max(minimumUpper, Math.min(rest - minimumLower, Math.floor(rest * 0.55)));
    const left = Math.floor(paneWidth * (columns >= 140 ? 0.6 : 0.5));
    rowsOfPanes.push(
      row(upper, [
        { pane: 'eventLoop', width: left, height: upper },
        { pane: 'pool', width: paneWidth - left, height: upper },
      ]),
      row(lanes, [{ pane: 'lanes', width, height: lanes }]),
      lowerRow(rest - upper),
    );
  }
  const sections: Section[] = [
    { kind: 'header', width, height: headerHeight, big: true },
    scoreboard,
    ...rowsOfPanes,
    { kind: 'footer', width, height: 1 },
  ];
  return { width, height: totalHeight(sections), complete: true, sections };
}

/** Below the minimum: the most important sections for as long as they fit, always with the hint. */
function reducedLayout(width: number, budget: number, options: LayoutOptions): Layout {
  const chosen: Section[] = [];
  let left = budget;
  const take = (section: Section): void => {
    if (section.height > left) return;
    chosen.push(section);
    left -= section.height;
  };
  take({ kind: 'hint', width, height: 1 });
  take({ kind: 'header', width, height: 2, big: false });
  take({ kind: 'scoreboard', width, height: scoreboardRows.line, framed: false, headline: 'line' });
  const paneHeight = Math.min(7, left - footerHeight);
  if (paneHeight >= 4) {
    const pane: PaneName = options.lanes ? 'lanes' : 'eventLoop';
    take({ kind: 'row', height: paneHeight, panes: [{ pane, width, height: paneHeight }] });
  }
  take({ kind: 'footer', width, height: 1 });
  const order: Section['kind'][] = ['header', 'scoreboard', 'row', 'hint', 'footer'];
  const sections = chosen.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  return { width, height: totalHeight(sections), complete: false, sections };
}

function totalHeight(sections: readonly Section[]): number {
  return sections.reduce((sum, section) => sum + section.height, 0);
}
