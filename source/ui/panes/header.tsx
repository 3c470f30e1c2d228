import { parallelCores } from '../../engine/metrics/machine-details.ts';
import { findModel, modelNames } from '../../engine/models/model-descriptors.ts';
import type { MachineInfo, Snapshot } from '../../engine/types.ts';
import { bigText } from '../big-text.ts';
import { fitWidth, formatBytes, formatCount, formatElapsed, formatRate, wrapWords } from '../format.ts';
import { sideBySide } from '../line-fit.ts';
import type { Span } from '../spans.ts';
import { modelColor } from '../theme.ts';
import { threadingSummary } from '../threading-words.ts';

export type HeaderProps = {
  snapshot: Snapshot;
  width: number;
  /** The model's name in block letters, with the text beside it. */
  big: boolean;
  /** Rows the header takes when `big` (3 or 4); the compact header always takes 2. @default 3 */
  height?: number;
};

/**
 * Cells the block-letter model name takes: the longest name's, so the text beside it does not jump on a
 * switch. A name with a letter that has no glyph falls back to the compact header on its own.
 */
function bigWidthOf(): number {
  const widths = modelNames().map((name) => bigText(name)?.[0].length ?? 0);
  return Math.max(...widths) + 2;
}

/**
 * The header as rows of the screen: the block letters with the text beside them (3 or 4 rows), or the compact
 * header's 2 rows when the letters do not fit.
 */
export function headerLines({ snapshot, width, big, height = 3 }: HeaderProps): Span[][] {
  const letters = big ? bigText(snapshot.model) : undefined;
  const color = modelColor(snapshot.model);
  const bigWidth = bigWidthOf();
  if (letters && width >= bigWidth + 30) {
    const rows = Math.max(3, height);
    return sideBySide(
      [
        { lines: letters.map((row) => [{ text: row, color, bold: true }]), width: bigWidth },
        { lines: besideLetters(snapshot, width - bigWidth, rows), width: width - bigWidth },
      ],
      rows,
      0,
    );
  }
  return sideBySide([{ lines: compactLines(snapshot, width), width }], 2, 0);
}

/**
 * The text beside the block letters, at most `rows` lines of `width` cells: what runs and how, the workload
 * and its settings, then the workload's description, wrapped over the rows left and cut only when it does not
 * fit in them; then the machine, on a row of its own if one is left, else beside the settings if it fits.
 */
export function besideLetters(snapshot: Snapshot, width: number, rows: number): Span[][] {
  const state: Span[] = [...runState(snapshot), { text: ` ${modelSummary(snapshot)}`, color: 'gray' }];
  const workload = settings(snapshot);
  const description: Span[][] = fitProse(snapshot.workload.description, width, Math.max(1, rows - 2)).map(
    (text) => [{ text }],
  );
  if (2 + description.length < rows) {
    return [
      state,
      workload,
      ...description,
      [{ text: machineText(snapshot.machine, width) ?? '', color: 'gray' }],
    ];
  }
  const machineBeside = machineText(snapshot.machine, width - spansWidth(workload) - 3);
  const workloadLine: Span[] = machineBeside
    ? [...workload, { text: ` · ${machineBeside}`, color: 'gray' }]
    : workload;
  return [state, workloadLine, ...description].slice(0, rows);
}

/** Two lines for a small terminal: the model as a chip, what runs, then what the workload does and on what. */
export function compactLines(snapshot: Snapshot, width: number): Span[][] {
  const color = modelColor(snapshot.model);
  const description = snapshot.workload.description;
  const machineBeside = machineText(snapshot.machine, width - description.length - 3);
  return [
    [
      { text: ` ${snapshot.model.toUpperCase()} `, color, bold: true, inverse: true },
      { text: ' ' },
      ...runState(snapshot),
      { text: ' · ' },
      ...settings(snapshot),
    ],
    machineBeside
      ? [{ text: description }, { text: ` · ${machineBeside}`, color: 'gray' }]
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
  // A workload file shows its file too: the name is the file's own, the file is what the user edits.
  const file = workload.file ? ` ${workload.file}` : '';
  return [
    { text: workload.name, bold: true },
    ...(file ? [{ text: file, color: 'cyan' as const }] : []),
    {
      text: `${kind} · ${load} · pool ${snapshot.poolThreads} · ⏱ ${formatElapsed(snapshot.at - snapshot.startedAt)}`,
    },
  ];
}

/**
 * The machine in at most `room` cells, or undefined when not even its cores fit: the longest of its
 * descriptions that fits, dropping the CPU model, then the clock, then the memory.
 */
export function machineText(machine: MachineInfo, room: number): string | undefined {
  const cores = coresText(machine);
  const details = machine.details;
  const clock = details ? clockText(details.speedGHz, details.speedMaxGHz, details.governor) : undefined;
  const memory =
    details?.availableMemoryBytes === undefined
      ? formatBytes(machine.totalMemoryBytes)
      : `${formatBytes(details.availableMemoryBytes)} free of ${formatBytes(machine.totalMemoryBytes)}`;
  const variants = [
    [machine.cpuModel, cores, clock, memory],
    [cores, clock, memory],
    [cores, memory],
    [cores],
  ].map((parts) => parts.filter((part) => part !== undefined).join(' · '));
  return variants.find((text) => Array.from(text).length <= room);
}

/**
 * The cores, saying which count runs in parallel: `2 logical cores` until the details arrive, then
 * `4 physical cores (8 logical)` or `8P+8E cores (24 logical)`.
 */
export function coresText(machine: MachineInfo): string {
  const parallel = parallelCores(machine);
  const hybrid = machine.details?.hybrid;
  const logical = machine.logicalCores;
  if (parallel.kind === 'logical') return `${logical} logical cores`;
  const counted = hybrid
    ? `${hybrid.performanceCores}P+${hybrid.efficiencyCores}E cores`
    : `${parallel.count} physical cores`;
  const total = hybrid ? hybrid.performanceCores + hybrid.efficiencyCores : parallel.count;
  return total === logical ? counted : `${counted} (${logical} logical)`;
}

/** `2.6 GHz`, `2.1–4.9 GHz powersave`; undefined with no clock known. */
export function clockText(speedGHz?: number, speedMaxGHz?: number, governor?: string): string | undefined {
  if (speedGHz === undefined) return governor;
  const max = speedMaxGHz !== undefined && speedMaxGHz - speedGHz >= 0.05 ? `–${speedMaxGHz.toFixed(1)}` : '';
  return `${speedGHz.toFixed(1)}${max} GHz${governor ? ` ${governor}` : ''}`;
}

function modelSummary(snapshot: Snapshot): string {
  return (
    threadingSummary(snapshot) ?? findModel(snapshot.model)?.summary(snapshot.poolThreads) ?? snapshot.model
  );
}
