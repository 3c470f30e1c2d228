import { Box } from 'ink';
import type { Snapshot } from '../../engine/types.ts';
import { bigText } from '../big-text.ts';
import {
  fitWidth,
  formatBytes,
  formatCount,
  formatElapsed,
  formatRate,
  formatThreads,
  wrapWords,
} from '../format.ts';
import type { Span } from '../spans.ts';
import { modelColor } from '../theme.ts';
import { threadingSummary } from '../threading-words.ts';
import { Line, Lines } from './line.tsx';

export type HeaderProps = {
  snapshot: Snapshot;
  width: number;
  /** The model's name in block letters, with the text beside it. */
  big: boolean;
  /** Rows the header takes when `big` (3 or 4); the compact header always takes 2. @default 3 */
  height?: number;
};

/** Cells the block-letter model name takes, so the text beside it does not jump on a switch. */
const bigWidth = 31;

/** The model in big colour, the workload and its settings, running or paused, and the machine. */
export function Header({ snapshot, width, big, height = 3 }: HeaderProps) {
  const letters = big ? bigText(snapshot.model) : undefined;
  const color = modelColor[snapshot.model];
  if (letters && width >= bigWidth + 30) {
    const rows = Math.max(3, height);
    return (
      <Box width={width} height={rows} flexShrink={0}>
        <Box width={bigWidth} flexDirection="column" flexShrink={0}>
          {letters.map((row, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the three rows of the letters are positions
            <Line key={index} spans={[{ text: row, color, bold: true }]} />
          ))}
        </Box>
        <Box flexDirection="column" width={width - bigWidth}>
          <Lines lines={besideLetters(snapshot, width - bigWidth, rows)} />
        </Box>
      </Box>
    );
  }
  return (
    <Box width={width} height={2} flexDirection="column" flexShrink={0}>
      <Lines lines={compactLines(snapshot, width)} />
    </Box>
  );
}

/**
 * The text beside the block letters, at most `rows` lines of `width` cells: what runs and how, the workload
 * and its settings, then the workload's description, wrapped over the rows left and cut only when it does not
 * fit in them; then the machine, on a row of its own if one is left, else beside the settings if it fits.
 */
export function besideLetters(snapshot: Snapshot, width: number, rows: number): Span[][] {
  const state: Span[] = [...runState(snapshot), { text: ` ${modelSummary(snapshot)}`, color: 'gray' }];
  const workload = settings(snapshot);
  const machineText = machine(snapshot);
  const description: Span[][] = fitProse(snapshot.workload.description, width, Math.max(1, rows - 2)).map(
    (text) => [{ text }],
  );
  if (2 + description.length < rows) {
    return [state, workload, ...description, [{ text: machineText, color: 'gray' }]];
  }
  const machineBeside = spansWidth(workload) + 3 + machineText.length <= width;
  const workloadLine: Span[] = machineBeside
    ? [...workload, { text: ` · ${machineText}`, color: 'gray' }]
    : workload;
  return [state, workloadLine, ...description].slice(0, rows);
}

/** Two lines for a small terminal: the model as a chip, what runs, then what the workload does and on what. */
export function compactLines(snapshot: Snapshot, width: number): Span[][] {
  const color = modelColor[snapshot.model];
  const description = snapshot.workload.description;
  const machineText = machine(snapshot);
  return [
    [
      { text: ` ${snapshot.model.toUpperCase()} `, color, bold: true, inverse: true },
      { text: ' ' },
      ...runState(snapshot),
      { text: ' · ' },
      ...settings(snapshot),
    ],
    description.length + 3 + machineText.length <= width
      ? [{ text: description }, { text: ` · ${machineText}`, color: 'gray' }]
      : [{ text: fitProse(description, width, 1)[0] ?? '' }],
  ];
}

/** `text` wrapped at spaces into at most `rows` lines of `width` cells; the last ends in "…" if cut. */
export function fitProse(text: string, width: number, rows: number): string[] {
  const lines = wrapWords(text, width);
  if (lines.length <= rows) return lines;
  const kept = lines.slice(0, Math.max(0, rows - 1));
  const rest = lines.slice(kept.length).join(' ');
  return [...kept, fitWidth(rest, width).trimEnd()];
}

function spansWidth(spans: readonly Span[]): number {
  return spans.reduce((sum, span) => sum + Array.from(span.text).length, 0);
}

function runState(snapshot: Snapshot): Span[] {
  return snapshot.scheduler.paused
    ? [{ text: ' ❚❚ PAUSED ', color: 'yellow', bold: true, inverse: true }]
    : [{ text: '▶ running', color: 'green', bold: true }];
}

function settings(snapshot: Snapshot): Span[] {
  const { workload, scheduler } = snapshot;
  const load =
    scheduler.mode === 'closed'
      ? `concurrency ${formatCount(scheduler.concurrency)}`
      : `rate ${formatRate(scheduler.rate)}`;
  // The kind only when it says something the name does not ("io-timer (io)", never "cpu (cpu)").
  const kind = workload.kind === workload.name ? '' : ` (${workload.kind})`;
  return [
    { text: workload.name, bold: true },
    {
      text: `${kind} · ${load} · pool ${snapshot.poolThreads} · ⏱ ${formatElapsed(snapshot.at - snapshot.startedAt)}`,
    },
  ];
}

function machine(snapshot: Snapshot): string {
  const { machine } = snapshot;
  return `${machine.cpuModel} · ${machine.logicalCores} logical cores · ${formatBytes(machine.totalMemoryBytes)}`;
}

function modelSummary(snapshot: Snapshot): string {
  return snapshot.model === 'async'
    ? 'cooperative: every task shares the main event loop'
    : (threadingSummary(snapshot) ?? `parallel: tasks run on up to ${formatThreads(snapshot.poolThreads)}`);
}
