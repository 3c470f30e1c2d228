import { Box } from 'ink';
import type { Snapshot } from '../../engine/types.ts';
import { bigText } from '../big-text.ts';
import { formatBytes, formatCount, formatElapsed, formatRate, formatThreads } from '../format.ts';
import type { Span } from '../spans.ts';
import { modelColor } from '../theme.ts';
import { Line } from './line.tsx';

export type HeaderProps = { snapshot: Snapshot; width: number; big: boolean };

/** Cells the block-letter model name takes, so the text beside it does not jump on a switch. */
const bigWidth = 31;

/** The model in big colour, the workload and its settings, running or paused, and the machine. */
export function Header({ snapshot, width, big }: HeaderProps) {
  const letters = big ? bigText(snapshot.model) : undefined;
  const color = modelColor[snapshot.model];
  if (letters && width >= bigWidth + 30) {
    return (
      <Box width={width} height={3} flexShrink={0}>
        <Box width={bigWidth} flexDirection="column" flexShrink={0}>
          {letters.map((row, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the three rows of the letters are positions
            <Line key={index} spans={[{ text: row, color, bold: true }]} />
          ))}
        </Box>
        <Box flexDirection="column" width={width - bigWidth}>
          <Line spans={[...runState(snapshot), { text: ` ${modelSummary(snapshot)}`, color: 'gray' }]} />
          <Line spans={settings(snapshot)} />
          <Line spans={machine(snapshot)} />
        </Box>
      </Box>
    );
  }
  return (
    <Box width={width} height={2} flexDirection="column" flexShrink={0}>
      <Line
        spans={[
          { text: ` ${snapshot.model.toUpperCase()} `, color, bold: true, inverse: true },
          { text: ' ' },
          ...runState(snapshot),
          { text: ' · ' },
          ...settings(snapshot),
        ]}
      />
      <Line spans={machine(snapshot)} />
    </Box>
  );
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
  return [
    { text: workload.name, bold: true },
    {
      text: ` (${workload.kind}) · ${load} · pool ${snapshot.poolThreads} · ⏱ ${formatElapsed(snapshot.at - snapshot.startedAt)}`,
    },
  ];
}

function machine(snapshot: Snapshot): Span[] {
  const { machine, workload } = snapshot;
  return [
    {
      text: `${machine.cpuModel} · ${machine.logicalCores} logical cores · ${formatBytes(machine.totalMemoryBytes)} · ${workload.description}`,
      color: 'gray',
    },
  ];
}

function modelSummary(snapshot: Snapshot): string {
  return snapshot.model === 'async'
    ? 'cooperative: every task shares the main event loop'
    : `parallel: tasks run on up to ${formatThreads(snapshot.poolThreads)}`;
}
