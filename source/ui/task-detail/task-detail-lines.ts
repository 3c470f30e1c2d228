// The task detail as lines of spans (plain data, tested without a terminal): a title, the task's timeline from
// submit to end, its numbers, its error, the slices the log holds (when there is room), and the workload's
// histograms of slice lengths and task latency. Every line fits `width`; there are at most `height` of them.

import type { InspectedTask, SliceRecord, Snapshot, TaskRecord } from '../../engine/types.ts';
import { fitWidth, formatCount, formatMs, wrapWords } from '../format.ts';
import { cutSpans, type Span } from '../spans.ts';
import type { ThreadNames } from '../task-rows.ts';
import { stateColor } from '../theme.ts';
import { histogramLines } from './histogram-lines.ts';
import { noSlicesReason, type TaskFact, taskFacts } from './task-facts.ts';
import { legendSpans, type TimelineCell, taskTimeline, timelineSpans } from './task-timeline.ts';

export type TaskDetailInput = {
  id: number;
  /** What the engine published for the inspected task (`Snapshot.inspected`), if anything yet. */
  inspected: InspectedTask | undefined;
  /** The task's row in the table, while the engine has not published it yet. @default none */
  listed?: TaskRecord | undefined;
  histograms: Snapshot['histograms'];
  /** Whether slices are recorded (`Snapshot.timeline.recording`); undefined when the engine does not say. */
  recording: boolean | undefined;
  workload: string;
  at: number;
  names: ThreadNames;
  width: number;
  height: number;
  colorOn: boolean;
};

/** From this height the detail lists the task's slices one by one. */
const sliceListFrom = 30;
/** Rows the histograms need to read as bars: a title, two rows of bars and an axis. */
const histogramMinimum = 4;

/** The detail's lines: at most `height`, each at most `width` cells. */
export function taskDetailLines(shownInput: TaskDetailInput): Span[][] {
  const { id, width, height } = shownInput;
  // The engine's record is fresh from its registry; the table's row stands in until the engine has answered.
  const fromEngine = shownInput.inspected?.record.id === id ? shownInput.inspected : undefined;
  const record = fromEngine?.record ?? shownInput.listed;
  const slices: readonly SliceRecord[] = fromEngine?.slices ?? [];
  const lastSeenAt = fromEngine?.lastSeenAt;
  // A record the engine no longer holds is drawn as of when it was seen, not as if it ran on until now.
  const input = lastSeenAt === undefined ? shownInput : { ...shownInput, at: lastSeenAt };
  const lines: Span[][] = [titleLine(id, record, input)];
  if (lastSeenAt !== undefined) {
    const ago = formatMs(Math.max(0, shownInput.at - lastSeenAt));
    const note = `as the table showed it ${ago} ago: the engine has since dropped its record (it keeps the newest few thousand tasks)`;
    for (const text of wrapWords(note, width).slice(0, 2)) lines.push([{ text, color: 'gray' }]);
  }
  if (!record) {
    const why = `Task #${id} is no longer in the engine's records (it keeps the newest few thousand tasks). esc goes back; ↑/↓ picks another.`;
    for (const text of wrapWords(why, width)) lines.push([{ text, color: 'gray' }]);
  } else {
    lines.push(...timelineLines(record, slices, input));
    lines.push(...factLines(taskFacts(record, slices, input), width));
    lines.push(...errorLines(record, width));
    const room = height - lines.length - 1 - histogramMinimum;
    if (height >= sliceListFrom && room > 2)
      lines.push(...sliceListLines(record, slices, width, Math.min(room, 10), input));
  }
  const left = height - lines.length - 1;
  if (left >= histogramMinimum) {
    const heading = `${input.workload}: every task and slice since it began or its settings last changed`;
    lines.push(
      [{ text: fitWidth(heading, width).trimEnd(), color: 'gray' }],
      ...histogramsLines(record, input, Math.min(left, 16)),
    );
  }
  return lines.slice(0, Math.max(0, height)).map((line) => cutSpans(line, width));
}

function titleLine(id: number, record: TaskRecord | undefined, input: TaskDetailInput): Span[] {
  const hint = 'esc back · ↑/↓ other tasks';
  const state = record ? `${record.state} · ${record.model}` : 'not found';
  const chip = ` TASK #${id} `;
  const room = input.width - chip.length - 2 - state.length;
  return [
    { text: chip, bold: true, inverse: true },
    { text: `  ${state}`, color: record ? stateColor[record.state] : 'gray', bold: true },
    { text: room > hint.length + 3 ? `${' '.repeat(room - hint.length)}${hint}` : '', color: 'gray' },
  ];
}

/** The timeline bar, its axis (submit, start, end or now) and its legend. */
function timelineLines(record: TaskRecord, slices: readonly SliceRecord[], input: TaskDetailInput): Span[][] {
  const { width, at, colorOn } = input;
  const timeline = taskTimeline(record, slices, at, width);
  const ended = record.endedAt !== undefined;
  const right = `${ended ? (record.state === 'cancelled' ? 'cancelled' : 'end') : 'now'} ${formatMs(timeline.spanMs)}`;
  let axis = fitWidth('submit', width);
  if (record.startedAt !== undefined) {
    const column = Math.round((record.startedAt - record.submittedAt) / timeline.msPerCell);
    const label = `^ start +${formatMs(record.startedAt - record.submittedAt)}`;
    // The start label goes under its column when it clears both ends' labels; else the axis names only the ends.
    if (column >= 7 && column + label.length <= width - right.length - 1) {
      axis = axis.slice(0, column) + label + axis.slice(column + label.length);
    }
  }
  axis = `${axis.slice(0, Math.max(0, width - right.length))}${right}`.slice(0, width);
  const kinds: TimelineCell[] = ['queued', 'slice', 'sliceAlternate', 'await', 'unknown'];
  const present = kinds.filter((kind) => timeline.cells.includes(kind));
  const legend = legendSpans(colorOn, present.length > 0 ? present : ['queued']);
  const scale = `   1 cell ≈ ${formatMs(timeline.msPerCell)}`;
  return [
    timelineSpans(timeline.cells, colorOn),
    [{ text: axis, color: 'gray' }],
    [...legend, { text: scale, color: 'gray' }],
  ];
}

/** The facts two to a line when the width allows, each as `label  value  (note)`. */
function factLines(facts: readonly TaskFact[], width: number): Span[][] {
  const columns = width >= 64 ? 2 : 1;
  const cell = Math.floor(width / columns);
  const lines: Span[][] = [];
  for (let index = 0; index < facts.length; index += columns) {
    const line: Span[] = [];
    for (const fact of facts.slice(index, index + columns)) {
      // A note that does not fit is left out whole: "submit → st…" explains nothing.
      const room = cell - 12;
      const withNote = fact.note ? `${fact.value}  ${fact.note}` : fact.value;
      const text = fitWidth(withNote.length <= room ? withNote : fact.value, room);
      line.push({ text: fact.label.padEnd(11), color: 'gray' }, { text: `${text} `, bold: false });
    }
    lines.push(line);
  }
  return lines;
}

function errorLines(record: TaskRecord, width: number): Span[][] {
  if (record.state === 'cancelled')
    return [[{ text: 'cancelled: it was withdrawn before it finished (a switch or stop)', color: 'yellow' }]];
  if (record.state !== 'failed') return [];
  const text = wrapWords(record.error ?? 'failed without a message', width - 11).slice(0, 2);
  return text.map((line, index) => [
    { text: (index === 0 ? 'error' : '').padEnd(11), color: 'gray' },
    { text: line, color: 'red' },
  ]);
}

/** The slices the log holds, oldest first: when each began (from the task's submit), its length and lane. */
function sliceListLines(
  record: TaskRecord,
  slices: readonly SliceRecord[],
  width: number,
  rows: number,
  input: TaskDetailInput,
): Span[][] {
  if (slices.length === 0) return [[{ text: `slices: ${noSlicesReason(input.recording)}`, color: 'gray' }]];
  const head = `slices in the log${slices.length > rows - 1 ? ` (first ${formatCount(rows - 2)} of ${formatCount(slices.length)})` : ''}`;
  const lines: Span[][] = [[{ text: fitWidth(head, width), bold: true }]];
  const shown = slices.length > rows - 1 ? slices.slice(0, rows - 2) : slices;
  for (const [index, slice] of shown.entries()) {
    const text = `${String(index + 1).padStart(4)}  at +${formatMs(slice.start - record.submittedAt).padEnd(9)} ran ${formatMs(slice.lengthMs).padEnd(9)} on ${slice.lane}`;
    lines.push([{ text: fitWidth(text, width) }]);
  }
  if (shown.length < slices.length)
    lines.push([{ text: `   … ${formatCount(slices.length - shown.length)} more`, color: 'gray' }]);
  return lines;
}

/** The workload's two histograms, side by side when both fit, else one above the other. */
function histogramsLines(record: TaskRecord | undefined, input: TaskDetailInput, rows: number): Span[][] {
  const { width, colorOn, histograms } = input;
  const latency =
    record?.endedAt !== undefined && record.state !== 'cancelled'
      ? record.endedAt - record.submittedAt
      : undefined;
  const sideBySide = width >= 60;
  const each = sideBySide ? Math.floor((width - 3) / 2) : width;
  const height = sideBySide ? rows : Math.floor(rows / 2);
  const slices = histogramLines(histograms?.sliceMs, {
    title: 'slice lengths',
    unit: 'slices',
    width: each,
    height,
    color: 'cyan',
    colorOn,
    mark: record?.longestSliceMs,
    markLabel: 'its longest',
    empty: input.recording ? 'no slice counted yet' : 'slices are not recorded',
  });
  const tasks = histogramLines(histograms?.latencyMs, {
    title: 'task latency',
    unit: 'tasks',
    width: each,
    height,
    color: 'green',
    colorOn,
    mark: latency,
    empty: histograms ? 'no task of this workload finished yet' : 'not measured by this engine',
  });
  if (!sideBySide) return [...slices, ...tasks];
  return Array.from({ length: Math.max(slices.length, tasks.length) }, (_, index) => {
    const left = slices[index] ?? [];
    const used = left.reduce((sum, span) => sum + span.text.length, 0);
    return [...left, { text: ' '.repeat(Math.max(1, each + 3 - used)) }, ...(tasks[index] ?? [])];
  });
}
