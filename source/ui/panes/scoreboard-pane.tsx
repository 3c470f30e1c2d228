import { Box } from 'ink';
import type { ModelName, ScoreboardRow, Snapshot } from '../../engine/types.ts';
import { fitWidth, formatCores, formatElapsed, formatMs, formatRate } from '../format.ts';
import {
  type ComparedMetric,
  type ScoreboardView,
  scoreboardVerdict,
  scoreboardView,
} from '../scoreboard-model.ts';
import type { Span } from '../spans.ts';
import { modelColor } from '../theme.ts';
import { Lines } from './line.tsx';

export type ScoreboardPaneProps = { snapshot: Snapshot; width: number; height: number; framed: boolean };

type Column = { title: string; width: number; metric?: ComparedMetric; text: (row: ScoreboardRow) => string };

const columns: Column[] = [
  { title: 'throughput', width: 14, metric: 'throughput', text: (row) => formatRate(row.throughput) },
  {
    title: 'latency p99',
    width: 14,
    metric: 'latencyP99',
    text: (row) => (row.finished > 0 ? formatMs(row.latencyP99) : '—'),
  },
  { title: 'lag p99', width: 14, metric: 'lagP99', text: (row) => formatMs(row.lagP99) },
  { title: 'cores used', width: 13, text: (row) => formatCores(row.coresUsed) },
  { title: 'ran', width: 8, text: (row) => formatElapsed(row.activeMs) },
];
const modelWidth = 12;

/** Each model's results on the current workload side by side, the winner of each column starred. */
export function ScoreboardPane({ snapshot, width, height, framed }: ScoreboardPaneProps) {
  const view = scoreboardView(snapshot.scoreboard, snapshot.workload.name);
  const inner = framed ? width - 4 : width;
  const body = <Lines lines={scoreboardLines(view, snapshot.model, inner, framed)} />;
  if (!framed) {
    return (
      <Box flexDirection="column" width={width} height={height} overflowY="hidden" flexShrink={0}>
        {body}
      </Box>
    );
  }
  return (
    <Box
      flexDirection="column"
      width={width}
      height={height}
      overflowY="hidden"
      flexShrink={0}
      borderStyle="double"
      paddingX={1}
    >
      {body}
    </Box>
  );
}

function scoreboardLines(view: ScoreboardView, current: ModelName, width: number, framed: boolean): Span[][] {
  const title = 'SCOREBOARD';
  const about = ` ${view.workload} — each model's whole time on this workload `;
  const rule = framed ? '' : '─'.repeat(Math.max(0, width - title.length - about.length - 4));
  const lines: Span[][] = [
    [
      { text: framed ? '' : '─ ', color: 'gray' },
      { text: ` ${title} `, bold: true, inverse: true },
      { text: `${about}${rule}`, color: 'gray' },
    ],
    [
      {
        text: `${fitWidth('model', modelWidth)}${columns.map((column) => fitWidth(`${column.title}  `, column.width, 'right')).join('')}`,
        color: 'gray',
      },
    ],
  ];
  for (const { model, row } of view.entries) {
    const name: Span = {
      text: fitWidth(`${model === current ? '▶' : ' '} ${model.toUpperCase()}`, modelWidth),
      bold: true,
      color: modelColor[model],
    };
    if (row) {
      lines.push([name, ...columns.map((column) => cell(column, row, view))]);
    } else {
      const note =
        model === current
          ? '  running now — results appear as tasks finish'
          : `  not run on ${view.workload} yet — press ${model === 'async' ? 'a' : 'w'} to run it`;
      lines.push([name, { text: note, color: 'gray' }]);
    }
  }
  const verdict = scoreboardVerdict(view, current);
  lines.push([
    {
      text: `⇒ ${verdict.headline}`,
      bold: true,
      color: verdict.winner ? modelColor[verdict.winner] : undefined,
    },
    { text: verdict.details.map((detail) => ` · ${detail}`).join('') },
  ]);
  return lines;
}

function cell(column: Column, row: ScoreboardRow, view: ScoreboardView): Span {
  const wins = column.metric !== undefined && view.comparisons[column.metric]?.winner === row.model;
  const text = fitWidth(`${column.text(row)}${wins ? ' ★' : '  '}`, column.width, 'right');
  return wins ? { text, bold: true, color: 'green' } : { text };
}
