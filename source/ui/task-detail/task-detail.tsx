import { Box } from 'ink';
import type { Snapshot } from '../../engine/types.ts';
import { Lines } from '../panes/line.tsx';
import { poolThreadNames } from '../task-rows.ts';
import { useTheme } from '../theme-context.ts';
import { taskDetailLines } from './task-detail-lines.ts';

export type TaskDetailProps = {
  snapshot: Snapshot;
  /** The task opened (`ViewState.selectedTask`). */
  id: number;
  width: number;
  height: number;
};

/** The task detail: covers the panes between the header and the footer, one `<Text>` per line. */
export function TaskDetail({ snapshot, id, width, height }: TaskDetailProps) {
  const theme = useTheme();
  const lines = taskDetailLines({
    id,
    inspected: snapshot.inspected,
    listed: snapshot.tasks.recent.find((task) => task.id === id),
    histograms: snapshot.histograms,
    recording: snapshot.timeline?.recording,
    workload: snapshot.workload.name,
    at: snapshot.at,
    names: poolThreadNames(snapshot.pools),
    width,
    height,
    colorOn: theme.color,
  });
  return (
    <Box flexDirection="column" width={width} height={height} overflowY="hidden" flexShrink={0}>
      <Lines lines={lines} />
    </Box>
  );
}
