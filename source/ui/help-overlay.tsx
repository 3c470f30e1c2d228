import { Box, Text } from 'ink';
import type { ReactElement } from 'react';
import { wrapWords } from './format.ts';
import { paint, useTheme } from './theme.ts';

export type HelpOverlayProps = { width: number; height: number; workloadCount: number };

type HelpSection = { title: string; text: string };

/** What each pane means and what to look for, in plain words. */
export function helpSections(workloadCount: number): HelpSection[] {
  const workloadKeys = workloadCount > 1 ? `1…${Math.min(9, workloadCount)} or tab` : '1';
  return [
    {
      title: 'Header',
      text: 'The model running now. ASYNC runs every task on the main event loop, taking turns; WORKERS runs tasks in parallel on a pool of threads. Also the workload, how many tasks are kept in flight (concurrency) or started per second (rate), the pool size, the time since start, and this machine.',
    },
    {
      title: 'Scoreboard — the point of the demo',
      text: 'Everything each model did on this workload in this session: tasks finished per second, latency p99 (99 of 100 tasks finished faster than this), event-loop lag p99, and CPU cores used. ★ marks the better number in each column. Switch models, let each run a while, and read the ratio.',
    },
    {
      title: 'Event loop',
      text: 'Lag is how late a timer fires because the loop was busy with something else. p99 under 10 ms is healthy (green ●), under 50 ms strained (yellow ▲), beyond that stalled (red ✖): timers, network I/O and this dashboard all wait. ELU is the share of time the loop was busy. The chart shows the last 60 s; ▲ under it marks a model switch. If the loop froze, the pane says for how long: the dashboard shares this loop, so it could not draw meanwhile.',
    },
    {
      title: 'Worker pool',
      text: 'One bar per worker thread: the share of the last window it spent running tasks. Utilization is busy thread time over available thread time; a growing queue means tasks wait for a free thread. Run and wait p99 are for tasks that finished on the pool. While the model is async the pool is idle.',
    },
    {
      title: 'Tasks',
      text: 'Tasks by state, throughput (tasks finished per second) and latency from submit to finish. The chart shows throughput over the last 60 s, coloured by model. The table lists the newest tasks: wait is time queued, run is time running; main is the event loop, tN a worker thread.',
    },
    {
      title: 'CPU',
      text: 'How busy each logical core was, with its recent history, and how many cores this process used. On async a CPU-bound workload can use about one core at most; workers can use as many as the pool has threads.',
    },
    {
      title: 'Keys',
      text: `a async · w workers · ${workloadKeys} workload · + or = / - concurrency · [ / ] pool threads · space pause or resume · r reset statistics · ? or esc close this help · q quit`,
    },
  ];
}

/** The help overlay: covers the panes, cut to the space it has. */
export function HelpOverlay({ width, height, workloadCount }: HelpOverlayProps) {
  const theme = useTheme();
  const lines: ReactElement[] = [
    <Text key="title" wrap="truncate" bold inverse>
      {' HELP — press ? or esc to close '}
    </Text>,
  ];
  for (const section of helpSections(workloadCount)) {
    lines.push(
      <Text key={section.title} wrap="truncate" bold color={paint(theme, 'cyan')}>
        {section.title}
      </Text>,
    );
    for (const [index, line] of wrapWords(section.text, width - 2).entries()) {
      lines.push(
        <Text key={`${section.title}-${index}`} wrap="truncate">
          {`  ${line}`}
        </Text>,
      );
    }
  }
  const shown =
    lines.length > height
      ? [
          ...lines.slice(0, Math.max(0, height - 1)),
          <Text key="more" wrap="truncate" color={paint(theme, 'gray')}>
            … enlarge the terminal to read the rest
          </Text>,
        ]
      : lines;
  return (
    <Box flexDirection="column" width={width} height={height} overflowY="hidden" flexShrink={0}>
      {shown.slice(0, height)}
    </Box>
  );
}
