// The bench's facts and verdict as plain text: the tasks' share of their run time on CPU, the thread sweep
// against the ideal, the serial fraction, and the one sentence.

import { formatRate } from '../ui/format.ts';
import type { BenchSweep } from './bench-sweep.ts';
import type { BenchResult } from './run-bench.ts';

const percent = (share: number | undefined): string =>
  share === undefined ? '—' : `${Math.round(share * 100)} %`;

function shareLines(result: BenchResult): string[] {
  if (result.onCpuShare === undefined) {
    return [
      "on CPU: not measured (a task's CPU time needs Node ≥ 23.9 and a thread to itself; on async, a task that finished without awaiting)",
    ];
  }
  const perModel = result.rows.map((row) => `${row.model} ${percent(row.onCpuShare)}`).join(', ');
  // The headline is the least contended model's: sharing a core only ever lowers a task's share.
  return [
    `on CPU: ${percent(result.onCpuShare)} of the tasks' run time, as measured where highest (${perModel})`,
  ];
}

function sweepLines(sweep: BenchSweep): string[] {
  if (sweep.threads.length === 0) return [];
  const bound = sweep.onCpu
    ? `ideal: threads up to the ${sweep.parallelCores} cores that run in parallel, the tasks being on CPU`
    : 'ideal: the thread count, the tasks mostly waiting';
  const header = ['threads', 'throughput', 'speedup', 'ideal'];
  const cells = sweep.points.map((point) => {
    const onCurve = sweep.curve.find((entry) => entry.threads === point.threads);
    return [
      String(point.threads),
      point.throughput > 0 ? formatRate(point.throughput) : '—',
      onCurve ? `${onCurve.speedup.toFixed(2)}×` : '—',
      onCurve ? `${onCurve.ideal}×` : '—',
    ];
  });
  const widths = header.map((title, index) =>
    Math.max(title.length, ...cells.map((line) => line[index]?.length ?? 0)),
  );
  const render = (line: string[]) => line.map((cell, index) => cell.padStart(widths[index] ?? 0)).join('  ');
  const serial =
    sweep.serialFraction === undefined
      ? 'serial fraction: — (no point past one thread to fit)'
      : `serial fraction (Amdahl fit): ${percent(sweep.serialFraction)}`;
  return [
    `worker threads swept, ${sweep.duration} s measured each (${bound})`,
    render(header),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...cells.map(render),
    serial,
  ];
}

/** The lines after the bench's table: the facts, then the verdict. */
export function formatVerdict(result: BenchResult): string[] {
  return [...shareLines(result), '', ...sweepLines(result.sweep), '', result.verdict.line].filter(
    (line, index, lines) => line !== '' || (lines[index - 1] ?? '') !== '',
  );
}
