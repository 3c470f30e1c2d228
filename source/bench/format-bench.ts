import type { BenchResult, BenchRow } from './run-bench.ts';

type Column = { title: string; cell(row: BenchRow): string };

const columns: Column[] = [
  { title: 'model', cell: (row) => row.model },
  { title: 'throughput', cell: (row) => `${formatNumber(row.throughput)}/s` },
  { title: 'latency p50', cell: (row) => formatMs(row.latencyP50) },
  { title: 'latency p99', cell: (row) => formatMs(row.latencyP99) },
  { title: 'lag p99', cell: (row) => formatMs(row.lagP99) },
  { title: 'lag max', cell: (row) => formatMs(row.lagMax) },
  { title: 'cores used', cell: (row) => row.coresUsed.toFixed(2) },
  { title: 'done', cell: (row) => String(row.finished) },
  { title: 'failed', cell: (row) => String(row.failed) },
];

/** The bench result as a plain-text table, a comparison line, and the wall time. */
export function formatBenchTable(result: BenchResult): string {
  const knobs = Object.entries(result.knobs)
    .map(([name, value]) => `${name} ${value}`)
    .join(', ');
  const load = result.mode === 'closed' ? `concurrency ${result.concurrency}` : `rate ${result.rate}/s`;
  const lines = [
    `workload ${result.workload} (${knobs}) · ${load} · pool ${result.threads} threads · ${result.machine.logicalCores} cores (${result.machine.cpuModel})`,
    '',
    ...table(result.rows),
  ];
  const comparison = compare(result.rows);
  if (comparison) lines.push('', comparison);
  lines.push('', `finished in ${result.finishedInSeconds.toFixed(1)} s`);
  return lines.join('\n');
}

function table(rows: BenchRow[]): string[] {
  const cells = [
    columns.map((column) => column.title),
    ...rows.map((row) => columns.map((column) => column.cell(row))),
  ];
  const widths = columns.map((_, index) => Math.max(...cells.map((line) => (line[index] ?? '').length)));
  const render = (line: string[]) =>
    line
      .map((cell, index) =>
        index === 0 ? cell.padEnd(widths[index] ?? 0) : cell.padStart(widths[index] ?? 0),
      )
      .join('  ');
  const [head = [], ...body] = cells;
  return [render(head), widths.map((width) => '-'.repeat(width)).join('  '), ...body.map(render)];
}

function compare(rows: BenchRow[]): string | undefined {
  const [base, ...others] = rows;
  if (!base || others.length === 0 || base.throughput <= 0) return undefined;
  return others
    .map(
      (row) => `${row.model}: ${(row.throughput / base.throughput).toFixed(2)}× ${base.model}'s throughput`,
    )
    .join(' · ');
}

export function formatMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

function formatNumber(value: number): string {
  return value >= 100 ? value.toFixed(0) : value.toFixed(1);
}
