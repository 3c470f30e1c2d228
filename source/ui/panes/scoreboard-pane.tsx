import { Box, Text } from 'ink';
import type { ModelName, ScoreboardRow, Snapshot } from '../../engine/types.ts';
import { fitWidth, formatCores, formatElapsed, formatMs, formatRate } from '../format.ts';
import {
  type ComparedMetric,
  type ScoreboardView,
  scoreboardVerdict,
  scoreboardView,
} from '../scoreboard-model.ts';
import { modelColor, paint, useTheme } from '../theme.ts';

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
  const body = <ScoreboardLines view={view} current={snapshot.model} width={inner} framed={framed} />;
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

type LinesProps = { view: ScoreboardView; current: ModelName; width: number; framed: boolean };

function ScoreboardLines({ view, current, width, framed }: LinesProps) {
  const theme = useTheme();
  const title = 'SCOREBOARD';
  const about = ` ${view.workload} — each model's whole time on this workload `;
  return (
    <>
      <Text wrap="truncate">
        {framed ? null : <Text color={paint(theme, 'gray')}>─ </Text>}
        <Text bold inverse>{` ${title} `}</Text>
        <Text color={paint(theme, 'gray')}>
          {about}
          {framed ? '' : '─'.repeat(Math.max(0, width - title.length - about.length - 4))}
        </Text>
      </Text>
      <Text wrap="truncate" color={paint(theme, 'gray')}>
        {fitWidth('model', modelWidth)}
        {columns.map((column) => fitWidth(`${column.title}  `, column.width, 'right')).join('')}
      </Text>
      {view.entries.map(({ model, row }) => (
        <Text key={model} wrap="truncate">
          <Text bold color={paint(theme, modelColor[model])}>
            {fitWidth(`${model === current ? '▶' : ' '} ${model.toUpperCase()}`, modelWidth)}
          </Text>
          {row ? (
            columns.map((column) => <Cell key={column.title} column={column} row={row} view={view} />)
          ) : (
            <Text color={paint(theme, 'gray')}>
              {model === current
                ? '  running now — results appear as tasks finish'
                : `  not run on ${view.workload} yet — press ${model === 'async' ? 'a' : 'w'} to run it`}
            </Text>
          )}
        </Text>
      ))}
      <VerdictLine view={view} current={current} />
    </>
  );
}

function Cell({ column, row, view }: { column: Column; row: ScoreboardRow; view: ScoreboardView }) {
  const theme = useTheme();
  const wins = column.metric !== undefined && view.comparisons[column.metric]?.winner === row.model;
  const text = `${column.text(row)}${wins ? ' ★' : '  '}`;
  return (
    <Text bold={wins} color={wins ? paint(theme, 'green') : undefined}>
      {fitWidth(text, column.width, 'right')}
    </Text>
  );
}

function VerdictLine({ view, current }: { view: ScoreboardView; current: ModelName }) {
  const theme = useTheme();
  const verdict = scoreboardVerdict(view, current);
  return (
    <Text wrap="truncate">
      <Text bold color={paint(theme, verdict.winner ? modelColor[verdict.winner] : undefined)}>
        ⇒ {verdict.headline}
      </Text>
      {verdict.details.map((detail) => ` · ${detail}`).join('')}
    </Text>
  );
}
