// Each pane drawn on its own, in a box of its size: how tests draw one pane, and the header over the help. The
// dashboard sets its panes side by side as rows instead (screen-lines.ts); the panes' lines are plain functions
// (no Ink, no React), so a frame can be drawn before Ink has loaded (first-frame.ts).
import { Box } from 'ink';
import type { Span } from '../spans.ts';
import { useTheme } from '../theme-context.ts';
import { type CpuPaneProps, cpuPaneLines } from './cpu-pane.tsx';
import { type EventLoopPaneProps, eventLoopPaneLines } from './event-loop-pane.tsx';
import { type HeaderProps, headerLines } from './header.tsx';
import { type LanesPaneProps, lanesPaneLines } from './lanes-pane.tsx';
import { Lines } from './line.tsx';
import type { PaneSize } from './pane-frame.tsx';
import { type PoolPaneProps, poolPaneLines } from './pool-pane.tsx';
import { type ScoreboardPaneProps, scoreboardPaneLines } from './scoreboard-pane.tsx';
import { type TasksPaneProps, tasksPaneLines } from './tasks-pane.tsx';

/**
 * A pane's lines drawn on their own, in a box of the pane's size: how tests and overlays draw one pane. The
 * dashboard sets its panes side by side as rows instead (screen-lines.ts).
 */
export function PaneBox({ width, height, lines }: PaneSize & { lines: readonly (readonly Span[])[] }) {
  return (
    <Box flexDirection="column" width={width} height={height} overflowY="hidden" flexShrink={0}>
      <Lines lines={lines} />
    </Box>
  );
}

/** The model in big colour, the workload and its settings, running or paused, and the machine. */
export function Header({ snapshot, width, big, height = 3 }: HeaderProps) {
  const lines = headerLines({ snapshot, width, big, height });
  return (
    <Box width={width} height={lines.length} flexDirection="column" flexShrink={0}>
      <Lines lines={lines} rows />
    </Box>
  );
}

/**
 * The rows measured at the settings running now, the best of each column starred, the ratio in words (and in
 * block digits when `big`), then earlier configurations dimmed and never compared.
 */
export function ScoreboardPane(props: ScoreboardPaneProps) {
  return (
    <Box flexDirection="column" width={props.width} height={props.height} overflowY="hidden" flexShrink={0}>
      <Lines lines={scoreboardPaneLines(props)} rows />
    </Box>
  );
}

export function EventLoopPane(props: EventLoopPaneProps) {
  const theme = useTheme();
  return <PaneBox width={props.width} height={props.height} lines={eventLoopPaneLines(props, theme.color)} />;
}

export function PoolPane(props: PoolPaneProps) {
  const theme = useTheme();
  return <PaneBox width={props.width} height={props.height} lines={poolPaneLines(props, theme.color)} />;
}

export function TasksPane(props: TasksPaneProps) {
  const theme = useTheme();
  return <PaneBox width={props.width} height={props.height} lines={tasksPaneLines(props, theme.color)} />;
}

export function CpuPane(props: CpuPaneProps) {
  const theme = useTheme();
  return <PaneBox width={props.width} height={props.height} lines={cpuPaneLines(props, theme.color)} />;
}

export function LanesPane(props: LanesPaneProps) {
  const theme = useTheme();
  return <PaneBox width={props.width} height={props.height} lines={lanesPaneLines(props, theme.color)} />;
}
