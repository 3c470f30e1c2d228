// The timeline lanes as lines of spans: a label per lane, then one cell per column, then the time ruler.
// Full cells are inverse-video ASCII in the lane's colour, so a busy stretch of a lane is one span however many
// tasks it holds (neighbouring tasks differ by glyph, not by style): Ink's cost grows with styled runs.

import type { Stall, TimelineLane, TimelineSample } from '../engine/types.ts';
import { cellKind, type LaneColumn, type LaneScale, laneColumns, laneScale } from './lane-cells.ts';
import { newestStallIn, rulerText, type StallRun, stallColumns, stallRuns } from './lane-ruler.ts';
import { cutSpans, type Span } from './spans.ts';
import { type ColorName, laneColor } from './theme.ts';

export type LaneLinesOptions = {
  /** Cells of each line, the labels included. */
  width: number;
  /** Lines available for the lanes and the ruler. */
  rows: number;
  /** Whether styles (inverse video, colour) draw the full cells; without, they are `#` and `=`. @default true */
  color?: boolean;
  /** Loop stalls to mark on the `main` lane and the ruler. @default none */
  stalls?: readonly Stall[];
};

export type LaneLines = {
  lines: Span[][];
  scale: LaneScale;
  /** Lanes left out for lack of rows. */
  hidden: number;
  /** The newest stall the lanes show, if any. */
  stall: Stall | undefined;
};

/** Glyphs of a cell, by how busy it is; a full cell's glyph alternates between neighbouring tasks. */
const glyphs = { idle: ' ', sliver: '.', half: ':' } as const;
/** Full cells with styles on: inverse video, solid for one task, striped for the next. */
const styledFull = [' ', '='] as const;
/** Full cells with styles off. */
const plainFull = ['#', '='] as const;
/** The first cell of a task whose glyph matches its neighbour's (same parity of id): a boundary stays visible. */
const boundary = '|';

/** The label column: the longest lane name plus a space, at least `stall `. */
function labelWidth(lanes: readonly TimelineLane[]): number {
  return Math.max(5, ...lanes.map((lane) => lane.name.length)) + 1;
}

/**
 * The lanes that fit `rows` (the ruler takes the last row), `main` first, then in the timeline's order; when
 * some are left out the last row says how many and which.
 */
export function laneLines(timeline: TimelineSample, options: LaneLinesOptions): LaneLines {
  const { width, rows, color = true, stalls = [] } = options;
  const labels = labelWidth(timeline.lanes);
  const scale = laneScale(timeline, Math.max(0, width - labels));
  const lanesRoom = Math.max(0, rows - 1);
  const overflow = timeline.lanes.length > lanesRoom;
  const shownCount = overflow ? Math.max(0, lanesRoom - 1) : timeline.lanes.length;
  const shown = timeline.lanes.slice(0, shownCount);
  const hidden = timeline.lanes.length - shown.length;
  const stalled = stallColumns(stalls, timeline, scale);
  const lines: Span[][] = shown.map((lane) =>
    laneLine(lane, laneColumns(lane, timeline, scale), {
      labels,
      color,
      stalled: lane.name === 'main' ? stalled : undefined,
    }),
  );
  if (hidden > 0 && lanesRoom > 0) lines.push(moreLine(timeline.lanes.slice(shownCount), hidden));
  // Rows the lanes leave go to the stalls' own row, then to a legend.
  let spare = rows - lines.length - 1;
  const stall = newestStallIn(stalls, timeline, scale);
  if (stall && spare > 0) {
    lines.push(stallLine(stallRuns(stalls, timeline, scale), labels));
    spare--;
  }
  if (rows > 0) lines.push(rulerLine(scale, labels));
  if (spare > 0) lines.push(legendLine(color));
  return { lines: lines.map((line) => cutSpans(line, width)), scale, hidden, stall };
}

type LaneLineOptions = { labels: number; color: boolean; stalled: readonly boolean[] | undefined };

/** One lane: its name, then its cells, neighbouring cells of one style in one span. */
export function laneLine(
  lane: TimelineLane,
  columns: readonly LaneColumn[],
  options: LaneLineOptions,
): Span[] {
  const { labels, color, stalled } = options;
  const laneColour = laneColor(lane.name);
  const busy = columns.some((column) => column.busy > 0);
  const spans: Span[] = [{ text: lane.name.padEnd(labels), color: busy ? laneColour : 'gray', bold: busy }];
  let previous: LaneColumn | undefined;
  for (const [index, column] of columns.entries()) {
    const kind = cellKind(column.busy);
    const full = kind === 'full';
    const cellColour: ColorName | undefined =
      kind === 'idle' ? undefined : stalled?.[index] ? 'red' : laneColour;
    let text: string = full ? '' : glyphs[kind];
    if (full) {
      const parity = column.taskId % 2;
      const startsTask =
        previous !== undefined &&
        cellKind(previous.busy) === 'full' &&
        previous.taskId !== column.taskId &&
        previous.taskId % 2 === parity;
      text = startsTask ? boundary : ((color ? styledFull : plainFull)[parity] ?? ' ');
    }
    push(spans, { text, color: cellColour, inverse: full && color });
    previous = column;
  }
  return spans;
}

/** Appends a cell to the last span when it has the same style, else starts a span. */
function push(spans: Span[], cell: Span): void {
  const last = spans.at(-1);
  if (
    last &&
    last.color === cell.color &&
    (last.inverse ?? false) === (cell.inverse ?? false) &&
    !last.bold
  ) {
    last.text += cell.text;
  } else spans.push(cell);
}

function moreLine(rest: readonly TimelineLane[], hidden: number): Span[] {
  const first = rest[0]?.name ?? '';
  const last = rest.at(-1)?.name ?? '';
  const names = hidden > 1 ? `${first}…${last}` : first;
  return [
    {
      text: `+${hidden} more lane${hidden === 1 ? '' : 's'} (${names}): enlarge the terminal`,
      color: 'gray',
    },
  ];
}

/** The ruler under the lanes: ticks back from `now`. */
function rulerLine(scale: LaneScale, labels: number): Span[] {
  return [{ text: ' '.repeat(labels) }, { text: rulerText(scale), color: 'gray' }];
}

/** The stalls' row: `!` where each stall began, `-` for as long as it lasted. */
function stallLine(runs: readonly StallRun[], labels: number): Span[] {
  const cells: string[] = [];
  for (const run of runs) {
    while (cells.length < run.column) cells.push(' ');
    cells[run.column] = '!';
    for (let offset = 1; offset < run.columns; offset++) cells[run.column + offset] = '-';
  }
  return [
    { text: 'stall'.padEnd(labels), color: 'red', bold: true },
    { text: cells.join(''), color: 'red' },
  ];
}

/** What the cells mean, drawn as the lanes draw them. */
function legendLine(color: boolean): Span[] {
  const laneColour = laneColor('main');
  const full = (parity: 0 | 1): Span => ({
    text: (color ? styledFull : plainFull)[parity].repeat(2),
    color: laneColour,
    inverse: color,
  });
  return [
    full(0),
    { text: ' a task  ', color: 'gray' },
    full(1),
    { text: ' the next  ', color: 'gray' },
    { text: '. :', color: laneColour },
    { text: ' partly busy  blank idle  ', color: 'gray' },
    { text: '!', color: 'red' },
    { text: ' loop stall', color: 'gray' },
  ];
}
