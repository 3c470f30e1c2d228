// The run's results as a plain-text table (the default), as Markdown (for BENCHMARKS.md) or as JSON.

import { type CheckResult, formatValue, type Measurements } from './figure.ts';
import type { RunOrder } from './schedule.ts';

export type MachineDescription = {
  cpuModel: string;
  logicalCores: number;
  totalMemoryGigabytes: number;
  node: string;
  os: string;
};

export type FigureReport = {
  name: string;
  method: string;
  repetitions: number;
  elapsedSeconds: number;
  /** One entry per repetition that finished. */
  samples: Measurements[];
  medians: Measurements;
  checks: CheckResult[];
  /** Why repetitions failed, if any did. */
  errors: string[];
};

export type RunReport = {
  machine: MachineDescription;
  date: string;
  repeat: number;
  /** How the repetitions were ordered; runs saved before interleaving have none (sequential). */
  order?: RunOrder;
  elapsedSeconds: number;
  figures: FigureReport[];
};

const headers = ['figure', 'median', 'spread', 'ours ÷ floor', 'target', 'median ÷ target', 'pass'];

function rowsOf(report: RunReport): string[][] {
  return report.figures.flatMap((figure) =>
    figure.checks.length > 0 && figure.errors.length < figure.repetitions
      ? figure.checks.map((check) => [
          check.label,
          formatValue(check.measured, check.unit),
          formatSpread(check),
          formatAbsolute(check),
          check.target,
          formatRatio(check),
          check.target === '—' ? '—' : check.pass ? 'yes' : 'NO',
        ])
      : [[figure.name, 'failed', '—', '—', '—', '—', 'NO']],
  );
}

/** min–max over the repetitions; nothing for yes/no or a single repetition. */
export function formatSpread(check: CheckResult): string {
  if (check.unit === 'yes/no' || !Number.isFinite(check.min) || check.min === check.max) return '—';
  const min = formatValue(check.min, check.unit);
  const unit = check.unit === '×' ? '×' : ` ${check.unit}`;
  // The unit once, after the larger value: `1.310–1.520×`, `4.10–4.90 ms`.
  return `${min.endsWith(unit) ? min.slice(0, -unit.length) : min}–${formatValue(check.max, check.unit)}`;
}

/** The absolute medians a ratio divides, e.g. `4.12 ms ÷ 2.95 ms`. */
export function formatAbsolute(check: CheckResult): string {
  if (!check.absolute) return '—';
  const { ours, floor, unit } = check.absolute;
  return `${formatValue(ours, unit)} ÷ ${formatValue(floor, unit)}`;
}

/** measured ÷ target; for a `within` target, the deviation as a share of the tolerance; none for yes/no. */
function formatRatio(check: CheckResult): string {
  if (check.unit === 'yes/no' || !Number.isFinite(check.ratio)) return '—';
  if (check.target.includes('±')) return `${check.ratio.toFixed(2)} of ±`;
  return check.ratio.toFixed(2);
}

export function machineLine(machine: MachineDescription): string {
  return `${machine.cpuModel} · ${machine.logicalCores} logical cores · ${machine.totalMemoryGigabytes} GB · Node ${machine.node} · ${machine.os}`;
}

function elapsedLine(report: RunReport): string {
  const perFigure = report.figures.map((figure) => `${figure.name} ${Math.round(figure.elapsedSeconds)} s`);
  return `elapsed: ${perFigure.join(' · ')} · total ${Math.round(report.elapsedSeconds)} s`;
}

/** How a saved run ordered its repetitions: runs saved before interleaving ran them back to back. */
export function orderOf(report: RunReport): RunOrder {
  return report.order ?? 'sequential';
}

function runsLine(repeat: number, order: RunOrder): string {
  if (repeat === 1) return 'one run of each figure';
  const how = order === 'interleaved' ? ', in rounds of every figure in a random order' : ', back to back';
  return `medians of ${repeat} runs of each figure${how}`;
}

/** A plain-text table: the first column left-aligned, the others right-aligned, a rule under the head. */
export function textTable(head: string[], body: string[][]): string[] {
  const rows = [head, ...body];
  const widths = head.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  const line = (row: string[]) =>
    row
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ');
  return [line(head), widths.map((width) => '-'.repeat(width)).join('  '), ...body.map(line)];
}

/** A Markdown table: the first column left-aligned, the others right-aligned. */
export function markdownTable(head: string[], body: string[][]): string[] {
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map((_, column) => (column === 0 ? '---' : '---:')).join(' | ')} |`,
    ...body.map((row) => `| ${row.join(' | ')} |`),
  ];
}

export function formatText(report: RunReport): string {
  const errors = report.figures.flatMap((figure) => figure.errors.map((error) => `${figure.name}: ${error}`));
  return [
    machineLine(report.machine),
    runsLine(report.repeat, orderOf(report)),
    '',
    ...textTable(headers, rowsOf(report)),
    '',
    elapsedLine(report),
    ...errors,
  ].join('\n');
}

export function formatMarkdown(report: RunReport): string {
  return [
    `Machine: ${machineLine(report.machine)}. ${report.date}, ${runsLine(report.repeat, orderOf(report))}.`,
    '',
    ...markdownTable(headers, rowsOf(report)),
    '',
    elapsedLine(report),
  ].join('\n');
}
