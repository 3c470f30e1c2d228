// `concur-tui bench --report report.md`: the bench's results as Markdown that renders on any Git host, with SVG
// charts beside it (lag, throughput, CPU per core over each model's run, the start of the measuring marked).
// Every number is one the bench measured and printed; the charts are the engine's windows as it published them.

import path from 'node:path';
import { benchSettings } from '../bench/format-bench.ts';
import { formatBlockers } from '../bench/format-blockers.ts';
import { formatVerdict } from '../bench/format-verdict.ts';
import type { BenchCourse, BenchResult } from '../bench/run-bench.ts';
import { formatMs } from '../ui/format.ts';
import {
  adviceMarkdown,
  chartsMarkdown,
  coreSeries,
  markdownFile,
  modelColour,
  type ReportChart,
  type ReportFile,
  scoreboardMarkdown,
} from './report-parts.ts';
import { type ChartSeries, lineChartSvg } from './svg-chart.ts';

/** The Markdown file and the SVG files it links to (names relative to the Markdown's folder). */
export type BenchReport = { markdown: string; charts: ReportFile[] };

const seconds = (course: BenchCourse, at: number) => (at - course.startedAt) / 1000;

/** A chart per measure across the models, and a CPU chart per model (a line per core, or mean and max past 8). */
function charts(result: BenchResult, base: string): ReportChart[] {
  const courses = result.courses ?? [];
  if (courses.length === 0) return [];
  const markers = [
    {
      at: seconds(courses[0] as BenchCourse, (courses[0] as BenchCourse).measuredFrom),
      label: 'measured from here',
    },
  ];
  const across = (pick: (point: BenchCourse['history'][number]) => number): ChartSeries[] =>
    courses.map((course) => ({
      name: course.model,
      colour: modelColour(course.model),
      points: course.history.map((point) => [seconds(course, point.at), pick(point)] as const),
    }));
  const made = [
    {
      key: 'lag',
      title: 'Event-loop lag p99 per window',
      svg: lineChartSvg({
        title: 'Event-loop lag p99 per window',
        unit: 'ms',
        series: across((point) => point.lagP99),
        markers,
      }),
    },
    {
      key: 'throughput',
      title: 'Throughput (tasks done per second)',
      svg: lineChartSvg({
        title: 'Throughput (tasks done per second)',
        unit: '/s',
        series: across((point) => point.throughput),
        markers,
      }),
    },
    ...courses.map((course) => ({
      key: `cpu-${course.model}`,
      title: `CPU per core under ${course.model}`,
      svg: lineChartSvg({
        title: `CPU per core under ${course.model} (the whole machine)`,
        unit: '%',
        yMax: 100,
        series: coreSeries(course.history, (point) => seconds(course, point.at)),
        markers: [{ at: seconds(course, course.measuredFrom), label: 'measured from here' }],
      }),
    })),
  ];
  return made.map(({ key, title, svg }) => ({ file: { name: `${base}-${key}.svg`, content: svg }, title }));
}

/** The report for `result`; `markdownPath` names the charts (`report.md` → `report-lag.svg`, …). */
export function benchReport(result: BenchResult, markdownPath: string): BenchReport {
  const base = path.basename(markdownPath).replace(/\.(md|markdown)$/i, '');
  const settings = benchSettings(result);
  const { cpuModel, logicalCores, totalMemoryBytes } = result.machine;
  const made = charts(result, base);
  const blockers = formatBlockers(result.rows);
  const lines = [
    `# concur-tui bench: ${settings}`,
    '',
    `Machine: ${cpuModel} · ${logicalCores} logical cores · ${Math.round(totalMemoryBytes / 1024 ** 3)} GB. ` +
      `Each model ran in a fresh engine, measured for ${result.duration} s after its warm-up; the whole bench ` +
      `finished in ${formatMs(result.finishedInSeconds * 1000)}.`,
    '',
    '## Scoreboard',
    '',
    ...scoreboardMarkdown(result.rows, false),
    '## Verdict',
    '',
    `**${result.verdict.line}**`,
    '',
    '```text',
    // The sentence is the heading above; the facts that led to it follow.
    ...formatVerdict(result).filter((line) => line !== result.verdict.line),
    ...(blockers.length > 0 ? ['', ...blockers] : []),
    '```',
    '',
    '## Advice that fired',
    '',
    ...adviceMarkdown(
      (result.courses ?? []).flatMap((course) =>
        course.advice.map((advice) => ({ model: course.model, advice })),
      ),
    ),
    '',
    '## Charts',
    '',
    ...chartsMarkdown(made),
  ];
  return { markdown: markdownFile(lines), charts: made.map(({ file }) => file) };
}
