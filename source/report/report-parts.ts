// What the bench's report and a recording's report share: the models' colours, CPU-per-core series, the
// scoreboard and the advice as Markdown, and the chart files a report links to.

import { compareRows } from '../bench/compare-rows.ts';
import { describeSettings } from '../bench/describe-config.ts';
import { markdownRowTable } from '../bench/row-table.ts';
import { ruleSpec } from '../engine/advice/advice-rules.ts';
import { findModel, type ModelColour } from '../engine/models/model-descriptors.ts';
import type { Advice, HistoryPoint, ModelName, ScoreboardRow } from '../engine/types.ts';
import type { ChartSeries } from './svg-chart.ts';

export type ReportFile = { name: string; content: string };
/** A chart made for a report: its file and the title its link shows. */
export type ReportChart = { file: ReportFile; title: string };

/** Each model's colour in the charts: the hues the dashboard gives its models, darkened for a white page. */
const modelHex: Record<ModelColour, string> = {
  loop: '#a0308f',
  threads: '#11808f',
  processes: '#2f5fbf',
  spare: '#555555',
};
/** Cores' lines in the CPU charts, in turn. */
const coreHex = ['#d1495b', '#edae49', '#00798c', '#30638e', '#66a182', '#8d6a9f', '#c17c74', '#3d405b'];

export const modelColour = (model: ModelName): string => modelHex[findModel(model)?.colour ?? 'spare'];

/** A line per core (up to 8; past that the mean of the cores and the busiest one), in percent. */
export function coreSeries(
  points: readonly HistoryPoint[],
  x: (point: HistoryPoint) => number,
): ChartSeries[] {
  const cores = Math.max(0, ...points.map((point) => point.perCore.length));
  if (cores <= coreHex.length) {
    return Array.from({ length: cores }, (_, core) => ({
      name: `core ${core}`,
      colour: coreHex[core] as string,
      points: points.map((point) => [x(point), (point.perCore[core] ?? Number.NaN) * 100] as const),
    }));
  }
  const mean = (values: number[]) =>
    values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
  return [
    {
      name: 'mean of the cores',
      colour: coreHex[3] as string,
      points: points.map((point) => [x(point), mean(point.perCore) * 100] as const),
    },
    {
      name: 'busiest core',
      colour: coreHex[0] as string,
      points: points.map((point) => [x(point), Math.max(0, ...point.perCore) * 100] as const),
    },
  ];
}

/**
 * The scoreboard in Markdown: a table per set of settings (rows compare only at the same settings), each row
 * compared with the first of its table.
 */
export function scoreboardMarkdown(rows: readonly ScoreboardRow[], headings: boolean): string[] {
  const groups = new Map<string, ScoreboardRow[]>();
  for (const row of rows) groups.set(row.loadKey, [...(groups.get(row.loadKey) ?? []), row]);
  return [...groups.values()].flatMap((group) => {
    const [first, ...others] = group;
    const comparisons = first ? others.flatMap((row) => compareRows(row, first) ?? []) : [];
    return [
      ...(headings && first ? [`### ${describeSettings(first.config)}`, ''] : []),
      ...markdownRowTable(group),
      '',
      ...comparisons.map((line) => `- ${line}`),
      '',
    ];
  });
}

/** Each piece of advice that fired, once per model, with its facts and what it means. */
export function adviceMarkdown(fired: readonly { model: ModelName; advice: Advice }[]): string[] {
  if (fired.length === 0) return ['None fired.'];
  return fired.map(({ model, advice }) => {
    const spec = ruleSpec(advice.rule);
    return `- **${spec.title}** under ${model} (${advice.facts}): ${advice.message}`;
  });
}

/** The links to the charts, each on a paragraph of its own. */
export function chartsMarkdown(charts: readonly ReportChart[]): string[] {
  return charts.flatMap(({ file, title }) => [`![${title}](${encodeURI(file.name)})`, '']);
}

/** Lines joined as a Markdown file: no run of blank lines, one newline at the end. */
export function markdownFile(lines: readonly string[]): string {
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
