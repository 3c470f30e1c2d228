// The layout while presenting: the presenter's band on top, then only the panes the step names, each given the
// room the others leave. The band's rows come out of the dashboard's own, so presenting works from 80×24 up: below
// 40 rows the band takes the header's place (it names the model itself), then the headline's block digits give way,
// and only then a pane, the one the step names last first.

import type { ScriptPane } from '../present/script.ts';
import {
  type Layout,
  layoutFor,
  minimumSize,
  type PaneName,
  type PaneSlot,
  paneGap,
  type Section,
  scoreboardSection,
  type TerminalSize,
} from './layout.ts';
import { presenterRows } from './presenter-lines.ts';
import { type LetterScale, letterRows } from './stage-letters.ts';

// A step names panes by the layout's names (and the scoreboard's): this fails to compile when they part.
const sameNames: [Exclude<ScriptPane, 'scoreboard'>, PaneName] extends [
  PaneName,
  Exclude<ScriptPane, 'scoreboard'>,
]
  ? true
  : never = true;
void sameNames;

export type StageOptions = {
  /** The panes the step names; the whole dashboard when undefined. @default undefined */
  panes?: readonly ScriptPane[] | undefined;
  /** Whether the timeline lanes are shown (`t`), besides the named panes. @default false */
  lanes?: boolean | undefined;
};

export type StageBand = {
  /** Rows the band takes above the dashboard. */
  height: number;
  /** The title's block letters; undefined for the compact band of a terminal below the minimum size. */
  letters?: LetterScale;
  /** Whether the band names the running model, the header being left out. */
  model: boolean;
};

/** The band, and the dashboard's layout under it; together strictly shorter than the terminal. */
export type Stage = { band: StageBand; layout: Layout };

/** The whole dashboard, and the order its panes are left out in when rows run short (the charts first). */
const everyPane: readonly ScriptPane[] = ['scoreboard', 'tasks', 'cpu', 'eventLoop', 'pool'];
/** Panes from left to right, top to bottom, as in the dashboard; the lanes always span the width. */
const placeOrder: readonly PaneName[] = ['eventLoop', 'pool', 'tasks', 'cpu'];
/** A pane's share of its row's width, and of the height for its row. */
const widthWeight: Record<PaneName, number> = { eventLoop: 10, pool: 10, tasks: 11, cpu: 9, lanes: 10 };
const heightWeight: Record<PaneName, number> = { eventLoop: 11, pool: 11, lanes: 11, tasks: 9, cpu: 9 };
/** Rows a pane needs for its title and a few lines; the lanes `main`, a thread or two and the ruler. */
const minimumHeight: Record<PaneName, number> = { eventLoop: 5, pool: 5, tasks: 5, cpu: 5, lanes: 6 };
/** The header stays from this many rows, and the block letters are five rows tall from `largeFrom`. */
const headerFrom = 40;
const largeFrom: TerminalSize = { columns: 120, rows: 50 };

/** The stage for a terminal of `size` showing `options.panes`. */
export function stageLayoutFor(size: TerminalSize, options: StageOptions = {}): Stage {
  const columns = Math.floor(size.columns);
  const rows = Math.floor(size.rows);
  if (columns < minimumSize.columns || rows < minimumSize.rows) {
    // Below the minimum the dashboard says so; the compact band stays while two rows are left under it.
    const height = Math.max(0, Math.min(presenterRows, rows - 3));
    return {
      band: { height, model: false },
      layout: layoutFor({ columns, rows: rows - height }, { lanes: options.lanes ?? false }),
    };
  }
  const letters: LetterScale = columns >= largeFrom.columns && rows >= largeFrom.rows ? 2 : 1;
  const band = letterRows[letters] + 1;
  const wanted = options.panes ?? everyPane;
  // The lanes asked for with `t` are the last thing the speaker asked for: left out last.
  const priority: ScriptPane[] =
    options.lanes && !wanted.includes('lanes') ? ['lanes', ...wanted] : [...wanted];
  const tries: { header: boolean; headline: 'big' | 'line' }[] = [
    ...(rows >= headerFrom ? [{ header: true, headline: 'big' as const }] : []),
    { header: false, headline: 'big' },
    { header: false, headline: 'line' },
  ];
  for (let kept = priority.length; kept >= 1; kept--) {
    for (const { header, headline } of tries) {
      const layout = arrange({ columns, rows }, band, priority.slice(0, kept), header, headline);
      if (layout) return { band: { height: band, letters, model: !header }, layout };
    }
  }
  // Not reached from the minimum size up (one pane always fits); the plain dashboard is the safe answer.
  return { band: { height: 0, model: false }, layout: layoutFor(size) };
}

/** The sections for `panes` under a band of `band` rows, or undefined when they do not fit. */
function arrange(
  { columns, rows }: TerminalSize,
  band: number,
  panes: readonly ScriptPane[],
  header: boolean,
  headline: 'big' | 'line',
): Layout | undefined {
  const width = columns - 1;
  const headerHeight = header ? (rows >= 50 ? 4 : 3) : 0;
  // The frame stays a row short of the terminal; the footer takes one.
  let budget = rows - 1 - band - headerHeight - 1;
  const sections: Section[] = header ? [{ kind: 'header', width, height: headerHeight, big: true }] : [];
  const paneRows = rowsOf(panes.filter((pane): pane is PaneName => pane !== 'scoreboard'));
  if (panes.includes('scoreboard')) {
    // The terminal's own rows decide the scoreboard's frame, as in the dashboard.
    const scoreboard = scoreboardSection(width, rows, headline);
    if (paneRows.length === 0) scoreboard.height = Math.max(scoreboard.height, budget);
    if (scoreboard.height > budget) return undefined;
    sections.push(scoreboard);
    budget -= scoreboard.height;
  }
  const heights = shareRows(paneRows, budget);
  if (!heights) return undefined;
  for (const [index, row] of paneRows.entries()) {
    const height = heights[index] as number;
    sections.push({ kind: 'row', height, panes: slotsOf(row, width, columns, height) });
  }
  sections.push({ kind: 'footer', width, height: 1 });
  return {
    width,
    height: sections.reduce((sum, section) => sum + section.height, 0),
    complete: true,
    sections,
  };
}

/** Two panes a row in the dashboard's order, the lanes on a row of their own under the first. */
function rowsOf(panes: readonly PaneName[]): PaneName[][] {
  const placed = placeOrder.filter((pane) => panes.includes(pane));
  const rows: PaneName[][] = [];
  for (let index = 0; index < placed.length; index += 2) rows.push(placed.slice(index, index + 2));
  if (panes.includes('lanes')) rows.splice(Math.min(1, rows.length), 0, ['lanes']);
  return rows;
}

/**
 * Every row its minimum, then the rest a row at a time to the row furthest below its share (the charts' rows
 * have the larger share); undefined when the minimums do not fit.
 */
function shareRows(rows: readonly PaneName[][], budget: number): number[] | undefined {
  const weights = rows.map((row) => Math.max(...row.map((pane) => heightWeight[pane])));
  const heights = rows.map((row) => Math.max(...row.map((pane) => minimumHeight[pane])));
  let left = budget - heights.reduce((sum, height) => sum + height, 0);
  if (left < 0) return undefined;
  while (left > 0 && heights.length > 0) {
    let lowest = 0;
    for (let index = 1; index < heights.length; index++) {
      const share = (heights[index] as number) / (weights[index] as number);
      if (share < (heights[lowest] as number) / (weights[lowest] as number)) lowest = index;
    }
    heights[lowest] = (heights[lowest] as number) + 1;
    left--;
  }
  return heights;
}

/** A row's panes side by side across the width; the event loop's chart the wider from 140 columns. */
function slotsOf(row: readonly PaneName[], width: number, columns: number, height: number): PaneSlot[] {
  const weight = (pane: PaneName) => (pane === 'eventLoop' && columns >= 140 ? 15 : widthWeight[pane]);
  const [left, right] = row;
  if (!left) return [];
  if (!right) return [{ pane: left, width, height }];
  const inner = width - paneGap;
  const leftWidth = Math.floor((inner * weight(left)) / (weight(left) + weight(right)));
  return [
    { pane: left, width: leftWidth, height },
    { pane: right, width: inner - leftWidth, height },
  ];
}
