// `concur-tui bench --report report.md`: the bench's results as Markdown that renders on any Git host, with SVG
// charts beside it (lag, throughput, CPU per core over each model's run, the start of the measuring marked).
// Every number is one the bench measured and printed; the charts are the engine's windows as it published them.

import path from 'node:path';
import { compareRows } from '../bench/compare-rows.ts';
import { benchSettings } from '../bench/format-bench.ts';
import { formatBlockers } from '../bench/format-blockers.ts';
import { formatVerdict } from '../bench/format-verdict.ts';
import { markdownRowTable } from '../bench/row-table.ts';
import type { BenchCourse, BenchResult } from '../bench/run-bench.ts';
import { ruleSpec } from '../engine/advice/advice-rules.ts';
import { findModel, type ModelColour } from '../engine/models/model-descriptors.ts';
import type { ModelName } from '../engine/types.ts';
import { formatMs } from '../ui/format.ts';
import { type ChartSeries, lineChartSvg } from './svg-chart.ts';

export type ReportFile = { name: string; content: string };
/** The Markdown file and the SVG files it links to (names relative to the Markdown's folder). */
export type BenchReport = { markdown: string; charts: ReportFile[] };

/** Each model's colour in the charts: the hues the dashboard gives its models, darkened for a white page. */
const modelHex: Record<ModelColour, string> = {
  loop: '#a0308f',
  threads: '#11808f',
  processes: '#2f5fbf',
  spare: '#555555',
};
/** Cores' lines in the CPU charts, in turn. */
const coreHex = ['#d1495b', '#edae49', '#00798c', '#30638e', '#66a182', '#8d6a9f', '#c17c74', '#3d405b'];

const modelColour = (model: ModelName) => modelHex[findModel(model)?.colour ?? 'spare'];
const seconds = (course: BenchCourse, at: number) => (at - course.startedAt) / 1000;

/** A chart per measure across the models, and a CPU chart per model (a line per core, or mean and max past 8). */
function charts(result: BenchResult, base: string): { file: ReportFile; title: string }[] {
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
        series: coreSeries(course),
        markers: [{ at: seconds(course, course.measuredFrom), label: 'measured from here' }],
      }),
    })),
  ];
  return made.map(({ key, title, svg }) => ({ file: { name: `${base}-${key}.svg`, content: svg }, title }));
}

function coreSeries(course: BenchCourse): ChartSeries[] {
  const cores = Math.max(0, ...course.history.map((point) => point.perCore.length));
  const at = (point: BenchCourse['history'][number]) => seconds(course, point.at);
  if (cores <= coreHex.length) {
    return Array.from({ length: cores }, (_, core) => ({
      name: `core ${core}`,
      colour: coreHex[core] as string,
      points: course.history.map((point) => [at(point), (point.perCore[core] ?? Number.NaN) * 100] as const),
    }));
  }
  const mean = (values: number[]) =>
    values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
  return [
    {
      name: 'mean of the cores',
      colour: coreHex[3] as string,
      points: course.history.map((point) => [at(point), mean(point.perCore) * 100] as const),
    },
    {
      name: 'busiest core',
      colour: coreHex[0] as string,
      points: course.history.map((point) => [at(point), Math.max(0, ...point.perCore) * 100] as const),
    },
  ];
}

function adviceLines(result: BenchResult): string[] {
  const fired = (result.courses ?? []).flatMap((course) =>
    course.advice.map((advice) => {
      const spec = ruleSpec(advice.rule);
      return `- **${spec.title}** under ${course.model} (${advice.facts}): ${advice.message}`;
    }),
  );
  return fired.length > 0 ? fired : ['None fired.'];
}

/** The report for `result`; `markdownPath` names the charts (`report.md` → `report-lag.svg`, …). */
export function benchReport(result: BenchResult, markdownPath: string): BenchReport {
  const base = path.basename(markdownPath).replace(/\.(md|markdown)$/i, '');
  const settings = benchSettings(result);
  const { cpuModel, logicalCores, totalMemoryBytes } = result.machine;
  const made = charts(result, base);
  const [first, ...others] = result.rows;
  const comparisons = first ? others.flatMap((row) => compareRows(row, first) ?? []) : [];
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
    ...markdownRowTable(result.rows),
    '',
    ...comparisons.map((line) => `- ${line}`),
    '',
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
    ...adviceLines(result),
    '',
    '## Charts',
    '',
    ...made.flatMap(({ file, title }) => [`![${title}](${encodeURI(file.name)})`, '']),
  ];
  return {
    markdown: `${lines
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd()}\n`,
    charts: made.map(({ file }) => file),
  };
}
