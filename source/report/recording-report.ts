// `concur-tui report run.ndjson -o report.md`: a recorded run as Markdown with SVG charts beside it: the machine,
// every configuration the scoreboard held at the end with its ratios, the advice that fired, and lag, throughput
// and CPU per core over the whole run with the switches and settings changes marked.

import path from 'node:path';
import type { EngineEvent, HistoryPoint, MachineInfo, ModelName, Snapshot } from '../engine/types.ts';
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
import { type ChartMarker, type ChartSeries, lineChartSvg } from './svg-chart.ts';

/** What a report needs of a recording (as the recording reader returns it). */
export type RecordedRun = {
  name: string;
  header: { startedAt: number; recordedAt: string; machine: MachineInfo };
  /** One snapshot per recorded window, oldest first. */
  frames: readonly Snapshot[];
  markers: readonly { at: number; event: EngineEvent }[];
  /** Set when the file was cut off. */
  truncated?: { line: number; endsAt: number };
};

export type RecordingReport = { markdown: string; charts: ReportFile[] };

/** A marker's label: what changed, in a word or two. */
export function markerLabel(event: EngineEvent): string | undefined {
  switch (event.kind) {
    case 'switch':
      return `→ ${event.to}`;
    case 'workload':
      return event.to;
    case 'load':
      return event.mode === 'closed' ? `${event.to.toLocaleString('en-US')} in flight` : `${event.to}/s`;
    case 'threads':
      return `${event.to} threads`;
    case 'gil':
      return `GIL ${event.to}`;
    case 'reload':
      return `v${event.version}`;
    case 'reset':
      return 'reset';
    case 'pause':
    case 'resume':
      return undefined;
  }
}

/**
 * Each window's own point: the newest of its snapshot's history (a window with none, e.g. paused, has none).
 * A snapshot asked for between two windows (the one the scoreboard printed on quit is read from) covers a few
 * milliseconds: its rates are not those of a window (50 tasks a second read 0 over 10 ms), so windows shorter
 * than half the usual one are left out.
 */
export function windowPoints(frames: readonly Snapshot[]): HistoryPoint[] {
  const lengths = frames.map((frame) => frame.windowMs).sort((a, b) => a - b);
  const usual = lengths[Math.floor(lengths.length / 2)] ?? 0;
  const points: HistoryPoint[] = [];
  for (const frame of frames) {
    if (frame.windowMs < usual / 2) continue;
    const point = frame.history.at(-1);
    if (point && point.at > (points.at(-1)?.at ?? Number.NEGATIVE_INFINITY)) points.push(point);
  }
  return points;
}

function charts(run: RecordedRun, base: string): ReportChart[] {
  const points = windowPoints(run.frames);
  if (points.length === 0) return [];
  const x = (point: { at: number }) => (point.at - run.header.startedAt) / 1000;
  const markers: ChartMarker[] = run.markers.flatMap(({ at, event }) => {
    const label = markerLabel(event);
    return label === undefined ? [] : [{ at: (at - run.header.startedAt) / 1000, label }];
  });
  const models = [...new Set(points.map((point) => point.model))];
  // A line per model, broken where another model ran.
  const perModel = (pick: (point: HistoryPoint) => number): ChartSeries[] =>
    models.map((model: ModelName) => ({
      name: model,
      colour: modelColour(model),
      points: points.map((point) => [x(point), point.model === model ? pick(point) : Number.NaN] as const),
    }));
  const chart = (key: string, title: string, svg: string): ReportChart => ({
    file: { name: `${base}-${key}.svg`, content: svg },
    title,
  });
  return [
    chart(
      'lag',
      'Event-loop lag p99 per window',
      lineChartSvg({
        title: 'Event-loop lag p99 per window',
        unit: 'ms',
        series: perModel((point) => point.lagP99),
        markers,
      }),
    ),
    chart(
      'throughput',
      'Throughput (tasks done per second)',
      lineChartSvg({
        title: 'Throughput (tasks done per second)',
        unit: '/s',
        series: perModel((point) => point.throughput),
        markers,
      }),
    ),
    chart(
      'cpu',
      'CPU per core (the whole machine)',
      lineChartSvg({
        title: 'CPU per core (the whole machine)',
        unit: '%',
        yMax: 100,
        series: coreSeries(points, x),
        markers,
      }),
    ),
  ];
}

/** The report of `run`; `markdownPath` names the charts (`report.md` → `report-lag.svg`, …). */
export function recordingReport(run: RecordedRun, markdownPath: string): RecordingReport {
  const base = path.basename(markdownPath).replace(/\.(md|markdown)$/i, '');
  const last = run.frames.at(-1);
  const made = charts(run, base);
  const { cpuModel, logicalCores, totalMemoryBytes } = run.header.machine;
  const seen = new Set<string>();
  const fired = run.frames.flatMap((frame) =>
    (frame.advice ?? []).flatMap((advice) => {
      const key = `${advice.rule}|${frame.model}`;
      if (seen.has(key)) return [];
      seen.add(key);
      return [{ model: frame.model, advice }];
    }),
  );
  const switches = run.markers.filter(({ event }) => event.kind === 'switch').length;
  const lasted = last ? formatMs(last.at - run.header.startedAt) : '0 ms';
  const lines = [
    `# concur-tui recording: ${path.basename(run.name)}`,
    '',
    `Recorded ${run.header.recordedAt} on ${cpuModel} · ${logicalCores} logical cores · ${Math.round(totalMemoryBytes / 1024 ** 3)} GB: ` +
      `${lasted}, ${run.frames.length} windows, ${switches} model switch${switches === 1 ? '' : 'es'}.`,
    ...(run.truncated
      ? [
          '',
          `The file was cut off at line ${run.truncated.line}: this report covers the run up to where it ends.`,
        ]
      : []),
    '',
    '## Scoreboard at the end of the recording',
    '',
    ...(last ? scoreboardMarkdown(last.scoreboard, true) : ['Nothing was recorded.']),
    '## Advice that fired',
    '',
    ...adviceMarkdown(fired),
    '',
    '## Charts',
    '',
    ...chartsMarkdown(made),
  ];
  return { markdown: markdownFile(lines), charts: made.map(({ file }) => file) };
}
