import { Box } from 'ink';
import { adviceRules } from '../engine/advice/advice-rules.ts';
import { modelDescriptors } from '../engine/models/model-descriptors.ts';
import type { Snapshot } from '../engine/types.ts';
import { wrapWords } from './format.ts';
import { rowKeyLabels } from './key-labels.ts';
import { keyTable } from './key-table.ts';
import { adviceMark } from './panes/advice-line.tsx';
import { Lines } from './panes/line.tsx';
import type { Span } from './spans.ts';

export type HelpOverlayProps = {
  width: number;
  height: number;
  workloadCount: number;
  /** The workload running now: its knobs are listed under the header's section. @default undefined */
  workload?: Snapshot['workload'] | undefined;
  /** The section shown first (`ViewState.helpScroll`), 0 for the top. @default 0 */
  scroll?: number;
};

type HelpSection = { title: string; lines: (width: number) => string[] };

const prose =
  (text: string) =>
  (width: number): string[] =>
    wrapWords(text, width - 2).map((line) => `  ${line}`);

/** One line per key row: its keys, then what they do, wrapped under itself. */
export function keyLines(workloadCount: number, width: number): string[] {
  const rows = keyTable(workloadCount).map((row) => ({ keys: rowKeyLabels(row).join(', '), does: row.does }));
  const keyWidth = Math.min(20, Math.max(...rows.map((row) => row.keys.length)) + 2);
  return rows.flatMap((row) => {
    const text = wrapWords(row.does, Math.max(10, width - 2 - keyWidth));
    const head = row.keys.length + 2 > keyWidth ? [`  ${row.keys}`] : [];
    const first = head.length ? '' : row.keys;
    return [...head, ...text.map((line, index) => `  ${(index === 0 ? first : '').padEnd(keyWidth)}${line}`)];
  });
}

/** "ASYNC runs every task on the main event loop, taking turns; WORKERS runs …": every model, from the table. */
function modelsInWords(): string {
  return modelDescriptors()
    .map((model) => `${model.name.toUpperCase()} ${model.description}`)
    .join('; ');
}

/**
 * The running workload's knobs, as it declares them: name, value now, unit, default, range and what it does. For a
 * workload file these come from the file, so they are not in `--help` without `--workload`.
 */
export function knobLines(workload: Snapshot['workload'] | undefined, width: number): string[] {
  const specs = workload?.knobSpecs ?? [];
  if (!workload || specs.length === 0) return [];
  const from = workload.file ? ` (${workload.file})` : '';
  const head = wrapWords(
    `Knobs of ${workload.name}${from}, set on the command line as --name value or --knob name=value:`,
    width - 2,
  );
  const rows = specs.flatMap((spec) => {
    const value = workload.knobs[spec.name] ?? spec.default;
    const text = `${spec.name} ${value} ${spec.unit} (default ${spec.default}, ${spec.min}–${spec.max}): ${spec.description}`;
    return wrapWords(text, width - 6).map((line, index) => `${index === 0 ? '  · ' : '    '}${line}`);
  });
  return [...head, ...rows].map((line) => `  ${line}`);
}

/** Every advice rule: its line as a pane shows it, then what it means and what to do, wrapped under it. */
export function adviceLinesForHelp(width: number): string[] {
  const intro = prose(
    `A line marked ${adviceMark} in a pane is advice: a rule whose measured facts have held for a second; it stays until they have been quiet for a few seconds. The rules:`,
  )(width);
  const rules = adviceRules.flatMap((spec) => [
    `  · ${spec.title}: ${spec.action}`,
    ...wrapWords(spec.message, width - 6).map((line) => `    ${line}`),
  ]);
  return [...intro, ...rules];
}

/** What each key does and what each pane means, in plain words; keys first, so they are in sight at once. */
export function helpSections(workloadCount: number, workload?: Snapshot['workload']): HelpSection[] {
  return [
    { title: 'Keys', lines: (width) => keyLines(workloadCount, width) },
    {
      title: 'Header',
      lines: (width) => [
        ...prose(
          `The model running now. ${modelsInWords()}. Also the workload (and its file, for your own), how many tasks are kept in flight (concurrency) or started per second (rate), the pool size, the time since start, and this machine.`,
        )(width),
        ...knobLines(workload, width),
      ],
    },
    {
      title: 'Scoreboard — the point of the demo',
      lines: prose(
        'One row per configuration: model, workload, load, threads and knobs. The rows at the current settings come first and are the only ones compared; earlier settings stay below, dimmed, never averaged in. After any change a row waits until the tasks started before it have finished ("settling") and only then counts. Throughput counts tasks done; failures have their own rate, and a row whose tasks mostly fail is never starred. Latency p99: 99 of 100 tasks finished faster. ★ marks the best row in each column; the line under the rows says how much better.',
      ),
    },
    {
      title: 'Event loop',
      lines: prose(
        'Lag is how late a timer fires because the loop was busy with something else. p99 under 10 ms is healthy (green ●), under 50 ms strained (yellow ▲), beyond that stalled (red ✖): timers, network I/O and this dashboard all wait. ELU is the share of time the loop was busy. The chart shows the last 60 s, on a linear scale, or a log scale when a spike would flatten the rest (the caption says which). Under it ▲ marks a model switch, ◆ a workload switch, · any other change (pause, reset …); ░ shades the settling time after a change. If the loop froze, the pane says for how long and when: the dashboard shares this loop, so it could not draw meanwhile. A stall is a lag over 20 ms (--stall-threshold): the loop answered nothing for that long. One line names who did it, for the latest stall of the last minute: "stall 182 ms, 3 s ago: task #1234 (cpu) ran 182 ms without yielding (slice 2), +2 more" is the task whose synchronous stretch (slice 2: after its first await) covered the stall, and how many other tasks ran meanwhile; "not a task" means tasks ran for less than half of it: the loop was busy with something else (garbage collection, the engine or this dashboard). A red ! under the chart marks each column in which the loop stalled. bench lists the worst blockers of each model.',
      ),
    },
    {
      title: 'Worker pool',
      lines: prose(
        'One bar per worker thread (t1 … tN): the share of the last window it spent running tasks. "busy" is busy thread time over the window in threads, "util" the same as a share of the time threads were up. A growing queue means tasks wait for a free thread. Run and wait p99 are for tasks that finished on the pool. While the model is async the pool is idle.',
      ),
    },
    {
      title: 'Tasks',
      lines: prose(
        'Tasks by state, throughput (tasks done per second) and latency from submit to finish. The chart shows throughput over the last 60 s, coloured by model. The table lists the newest tasks: wait is time queued, run is time running; main is the event loop, tN a worker thread. Under async a CPU task holds the loop until it ends, so one runs and the others wait for their turn.',
      ),
    },
    {
      title: 'CPU',
      lines: prose(
        'How busy each logical core was, with its recent history, and how many cores this process used. On async a CPU-bound workload can use about one core at most; workers can use as many as the pool has threads.',
      ),
    },
    { title: 'Advice', lines: adviceLinesForHelp },
  ];
}

/** The help overlay: covers the panes, a section at a time from `scroll`, cut to the space it has. */
export function HelpOverlay({ width, height, workloadCount, workload, scroll = 0 }: HelpOverlayProps) {
  return (
    <Box flexDirection="column" width={width} height={height} overflowY="hidden" flexShrink={0}>
      <Lines lines={helpLines({ width, height, workloadCount, workload, scroll })} />
    </Box>
  );
}

/** The overlay's lines, at most `height`: a title, the sections from `scroll` on, and what lies below. */
export function helpLines({
  width,
  height,
  workloadCount,
  workload,
  scroll = 0,
}: HelpOverlayProps): Span[][] {
  const sections = helpSections(workloadCount, workload);
  const first = Math.min(Math.max(0, scroll), sections.length - 1);
  const above = first > 0 ? ` · ${first} section${first === 1 ? '' : 's'} above (↑)` : '';
  const lines: Span[][] = [
    [
      { text: ' HELP — press ? or esc to close ', bold: true, inverse: true },
      { text: ` ↑/↓ scroll${above}` },
    ],
  ];
  const body: Span[][] = [];
  const starts: number[] = [];
  for (const section of sections.slice(first)) {
    starts.push(body.length);
    body.push([{ text: section.title, bold: true, color: 'cyan' }]);
    for (const line of section.lines(width)) body.push([{ text: line }]);
  }
  const room = height - lines.length;
  if (body.length <= room) return [...lines, ...body];
  const shown = body.slice(0, Math.max(0, room - 1));
  const hidden = sections.slice(first).filter((_, index) => (starts[index] ?? 0) >= shown.length);
  const more = hidden.length
    ? `↓ more: ${hidden.map((section) => section.title.split(' — ')[0]).join(', ')}`
    : '↓ more';
  const end: Span[] = [{ text: more, color: 'gray' }];
  return [...lines, ...shown, end].slice(0, Math.max(0, height));
}
