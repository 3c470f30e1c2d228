import { Box, Text } from 'ink';
import type { Snapshot } from '../../engine/types.ts';
import { bigText } from '../big-text.ts';
import { formatBytes, formatCount, formatElapsed, formatRate } from '../format.ts';
import { modelColor, paint, useTheme } from '../theme.ts';

export type HeaderProps = { snapshot: Snapshot; width: number; big: boolean };

/** Cells the block-letter model name takes, so the text beside it does not jump on a switch. */
const bigWidth = 31;

/** The model in big colour, the workload and its settings, running or paused, and the machine. */
export function Header({ snapshot, width, big }: HeaderProps) {
  const theme = useTheme();
  const letters = big ? bigText(snapshot.model) : undefined;
  const color = paint(theme, modelColor[snapshot.model]);
  if (letters && width >= bigWidth + 30) {
    return (
      <Box width={width} height={3} flexShrink={0}>
        <Box width={bigWidth} flexDirection="column" flexShrink={0}>
          {letters.map((row, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the three rows of the letters are positions
            <Text key={index} color={color} bold wrap="truncate">
              {row}
            </Text>
          ))}
        </Box>
        <Box flexDirection="column" width={width - bigWidth}>
          <Text wrap="truncate">
            <RunState snapshot={snapshot} />{' '}
            <Text color={paint(theme, 'gray')}>{modelSummary(snapshot)}</Text>
          </Text>
          <Settings snapshot={snapshot} />
          <Machine snapshot={snapshot} />
        </Box>
      </Box>
    );
  }
  return (
    <Box width={width} height={2} flexDirection="column" flexShrink={0}>
      <Text wrap="truncate">
        <Text bold inverse color={color}>
          {` ${snapshot.model.toUpperCase()} `}
        </Text>{' '}
        <RunState snapshot={snapshot} /> · <Settings snapshot={snapshot} inline />
      </Text>
      <Machine snapshot={snapshot} />
    </Box>
  );
}

function RunState({ snapshot }: { snapshot: Snapshot }) {
  const theme = useTheme();
  return snapshot.scheduler.paused ? (
    <Text bold inverse color={paint(theme, 'yellow')}>
      {' ❚❚ PAUSED '}
    </Text>
  ) : (
    <Text bold color={paint(theme, 'green')}>
      ▶ running
    </Text>
  );
}

function Settings({ snapshot, inline = false }: { snapshot: Snapshot; inline?: boolean }) {
  const { workload, scheduler } = snapshot;
  const load =
    scheduler.mode === 'closed'
      ? `concurrency ${formatCount(scheduler.concurrency)}`
      : `rate ${formatRate(scheduler.rate)}`;
  const content = (
    <>
      <Text bold>{workload.name}</Text> ({workload.kind}) · {load} · pool {snapshot.poolThreads} · ⏱{' '}
      {formatElapsed(snapshot.at - snapshot.startedAt)}
    </>
  );
  return inline ? content : <Text wrap="truncate">{content}</Text>;
}

function Machine({ snapshot }: { snapshot: Snapshot }) {
  const theme = useTheme();
  const { machine, workload } = snapshot;
  return (
    <Text wrap="truncate" color={paint(theme, 'gray')}>
      {machine.cpuModel} · {machine.logicalCores} logical cores · {formatBytes(machine.totalMemoryBytes)} ·{' '}
      {workload.description}
    </Text>
  );
}

function modelSummary(snapshot: Snapshot): string {
  return snapshot.model === 'async'
    ? 'cooperative: every task shares the main event loop'
    : `parallel: tasks run on up to ${snapshot.poolThreads} worker threads`;
}
