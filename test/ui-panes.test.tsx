import { cleanup, render } from 'ink-testing-library';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, test } from 'vitest';
import type { PoolSample, Snapshot } from '../source/engine/types.ts';
import { HelpOverlay } from '../source/ui/help-overlay.tsx';
import { scoreboardRows } from '../source/ui/layout.ts';
import { Footer } from '../source/ui/panes/footer.tsx';
import {
  CpuPane,
  EventLoopPane,
  Header,
  PoolPane,
  ScoreboardPane,
  TasksPane,
} from '../source/ui/panes/pane-boxes.tsx';
import { ThemeContext } from '../source/ui/theme-context.ts';
import {
  afterFreeze,
  asyncRunningCpu,
  at,
  paused,
  withFailedTask,
  workersBusy,
} from './fixtures/snapshots.ts';

afterEach(cleanup);

/** The text a person would read, with colour off. */
function read(node: ReactNode): string {
  const { lastFrame } = render(<ThemeContext value={{ color: false }}>{node}</ThemeContext>);
  return lastFrame() ?? '';
}

function lines(text: string): string[] {
  return text.split('\n');
}

describe('header', () => {
  test('the header names the model', () => {
    expect(read(<Header snapshot={asyncRunningCpu} width={79} big={false} />)).toContain('ASYNC');
    expect(read(<Header snapshot={workersBusy} width={79} big={false} />)).toContain('WORKERS');
  });

  test('the big header spells the model in block letters and says what it means', () => {
    const text = read(<Header snapshot={workersBusy} width={99} big />);
    expect(text).toContain('█ █ █ █▀█ █▀█');
    expect(text).toContain('parallel: tasks run on up to 4 worker threads');
  });

  test('the header shows the workload, concurrency, pool, elapsed time and the machine', () => {
    const text = read(<Header snapshot={asyncRunningCpu} width={99} big={false} />);
    expect(text).not.toContain('cpu (cpu)');
    expect(text).toContain('concurrency 8');
    expect(text).toContain('pool 4');
    expect(text).toContain('1:23');
    expect(text).toContain('Demo CPU 9000 · 8 logical cores · 16 GB');
  });

  test('the header says running, or paused when paused', () => {
    expect(read(<Header snapshot={workersBusy} width={79} big={false} />)).toContain('▶ running');
    expect(read(<Header snapshot={paused} width={79} big={false} />)).toContain('PAUSED');
  });

  test('an open-loop run shows its rate instead of concurrency', () => {
    const openLoop: Snapshot = {
      ...asyncRunningCpu,
      scheduler: { ...asyncRunningCpu.scheduler, mode: 'open', rate: 50 },
    };
    expect(read(<Header snapshot={openLoop} width={79} big={false} />)).toContain('rate 50/s');
  });
});

describe('event loop pane', () => {
  test('a high lag reads as stalled, with p50, p99 and max in ms', () => {
    const text = read(<EventLoopPane snapshot={asyncRunningCpu} width={50} height={7} />);
    expect(text).toMatch(/lag ms\s+p50 95\s+p99 312\s+max 480/);
    expect(text).toContain('✖ stalled');
    expect(text).toContain('ELU 99%');
  });

  test('a calm loop reads as healthy', () => {
    expect(read(<EventLoopPane snapshot={workersBusy} width={50} height={7} />)).toContain('● healthy');
  });

  test('the lag chart marks the switch to workers', () => {
    const text = read(<EventLoopPane snapshot={workersBusy} width={50} height={7} />);
    expect(text).toContain('▲workers');
  });

  test('after a freeze, the pane says how long the loop was frozen and why the screen stopped', () => {
    const text = read(<EventLoopPane snapshot={afterFreeze} width={70} height={7} />);
    expect(text).toContain('⚠ loop froze 1.2 s, 2.0 s ago — the dashboard shares this loop');
  });

  test('in a narrow pane the freeze message takes two lines rather than being cut', () => {
    const text = read(<EventLoopPane snapshot={afterFreeze} width={38} height={7} />);
    expect(text).toContain('⚠ loop froze 1.2 s, 2.0 s ago');
    expect(text).toContain('the dashboard shares this loop');
  });

  test('an old freeze stays as a quiet note', () => {
    const later: Snapshot = { ...afterFreeze, lastFreeze: { at: at - 42_000, durationMs: 1200 } };
    expect(read(<EventLoopPane snapshot={later} width={50} height={7} />)).toContain(
      'last freeze 1.2 s, 42 s ago',
    );
  });

  test('the pane never takes more lines than it was given', () => {
    expect(lines(read(<EventLoopPane snapshot={afterFreeze} width={38} height={5} />))).toHaveLength(5);
  });
});

describe('worker pool pane', () => {
  test('the pool pane says the pool is idle while the model is async', () => {
    const text = read(<PoolPane snapshot={asyncRunningCpu} width={50} height={7} />);
    expect(text).toContain('○ pool idle');
    expect(text).toContain('The model is async');
    expect(text).toContain('Press w');
  });

  test('a paused workers run says the pool waits because of the pause', () => {
    expect(read(<PoolPane snapshot={paused} width={50} height={7} />)).toContain('The run is paused');
  });

  test('each worker thread has a row with its busy share and task', () => {
    const text = read(<PoolPane snapshot={workersBusy} width={50} height={8} />);
    expect(text).toMatch(/t1\s+█+.*98%\s+#9001/);
    expect(text).toMatch(/t4\s+█+.*95%\s+#9004/);
  });

  test('the pool pane shows busy threads now, utilization over the window, queue and run / wait p99', () => {
    const text = read(<PoolPane snapshot={workersBusy} width={90} height={8} />);
    expect(text).toMatch(/busy 4\/4\s+util 97% over 2\.0 s\s+queue 4\s+run p99 20 ms\s+wait p99 21 ms/);
  });

  test('more threads than lines share lines, and the rest are counted', () => {
    const perThread = Array.from({ length: 20 }, (_, index) => ({
      threadId: index + 1,
      label: index + 1,
      busyShare: 0.5,
    }));
    const many: Snapshot = {
      ...workersBusy,
      poolThreads: 20,
      pools: { workers: { ...(workersBusy.pools.workers as PoolSample), threads: 20, perThread } },
    };
    const text = read(<PoolPane snapshot={many} width={44} height={6} />);
    expect(lines(text)).toHaveLength(6);
    expect(text).toContain('+15 more');
  });
});

describe('tasks pane', () => {
  test('the tasks pane counts tasks by state in words', () => {
    const text = read(<TasksPane snapshot={workersBusy} width={60} height={12} />);
    expect(text).toContain('✓ 10,500 done');
    expect(text).toContain('▶ 4 running');
    expect(text).toContain('✖ 0 failed');
  });

  test('the tasks pane shows throughput and latency percentiles', () => {
    const text = read(<TasksPane snapshot={workersBusy} width={60} height={12} />);
    expect(text).toMatch(/230\/s\s+latency p50 30 ms\s+p99 41 ms\s+max 55 ms/);
  });

  test('the table lists the newest tasks first', () => {
    const text = read(<TasksPane snapshot={workersBusy} width={60} height={12} />);
    expect(text.indexOf('#9005')).toBeLessThan(text.indexOf('#9004'));
    expect(text.indexOf('#9004')).toBeLessThan(text.indexOf('#9000'));
    expect(text).toMatch(/#9004 running\s+workers t4\s+22\s+8\.0/);
  });

  test('a failed task shows with its message', () => {
    const text = read(<TasksPane snapshot={withFailedTask} width={60} height={14} />);
    expect(text).toContain('✖ #9006 failed: Error: checksum mismatch');
    expect(text).toMatch(/#9006 failed/);
  });

  test('the throughput chart marks the switch', () => {
    expect(read(<TasksPane snapshot={workersBusy} width={60} height={12} />)).toContain('▲workers');
  });

  test('the table shows only the tasks that fit', () => {
    expect(lines(read(<TasksPane snapshot={workersBusy} width={42} height={8} />))).toHaveLength(8);
  });
});

describe('cpu pane', () => {
  test('each core has a bar and its busy share', () => {
    const text = read(<CpuPane snapshot={workersBusy} width={44} height={10} />);
    expect(text).toMatch(/c0 .*█+.* 99%/);
    expect(text).toMatch(/c7 .* 6%/);
  });

  test('the cpu pane shows the process cores, RSS and heap', () => {
    const text = read(<CpuPane snapshot={workersBusy} width={60} height={10} />);
    expect(text).toMatch(/process 3\.9 cores\s+rss 320 MB\s+heap 60 MB/);
  });

  test('when cores outnumber lines they share lines', () => {
    const text = read(<CpuPane snapshot={workersBusy} width={34} height={7} />);
    expect(lines(text)).toHaveLength(7);
    expect(text).toMatch(/c0 .*99%.*c1 .*98%/);
  });

  test('a machine with many cores gets one column per core', () => {
    const many: Snapshot = {
      ...workersBusy,
      cpu: { ...workersBusy.cpu, perCore: Array.from({ length: 64 }, () => 1) },
    };
    const text = read(<CpuPane snapshot={many} width={70} height={5} />);
    expect(lines(text)).toHaveLength(5);
    expect(text).toContain('█'.repeat(64));
  });
});

describe('scoreboard', () => {
  test("the scoreboard shows both models with workers' throughput as a ratio of async's", () => {
    const text = read(
      <ScoreboardPane snapshot={workersBusy} width={79} height={scoreboardRows.line} framed={false} />,
    );
    expect(text).toMatch(/ASYNC\s+120\/s/);
    expect(text).toMatch(/WORKERS\s+230\/s ★/);
    expect(text).toContain("⇒ workers 1.9× async's throughput");
  });

  test('the winner of each column is starred', () => {
    const text = read(
      <ScoreboardPane snapshot={workersBusy} width={79} height={scoreboardRows.line} framed={false} />,
    );
    expect(text).toMatch(/WORKERS\s+230\/s ★\s+41 ms ★\s+0\.80 ms ★\s+3\.9/);
    expect(text).not.toMatch(/ASYNC.*★/);
  });

  test('only the current workload counts', () => {
    expect(
      read(<ScoreboardPane snapshot={workersBusy} width={79} height={scoreboardRows.line} framed={false} />),
    ).not.toContain('9,999');
  });

  test('with only async run, the scoreboard says which key runs workers', () => {
    const text = read(
      <ScoreboardPane snapshot={asyncRunningCpu} width={79} height={scoreboardRows.line} framed={false} />,
    );
    expect(text).toContain('not run at these settings');
    expect(text).toContain('press w to run workers at these settings and compare');
  });

  test('the framed scoreboard keeps the lines the layout gives it', () => {
    const text = read(
      <ScoreboardPane snapshot={workersBusy} width={99} height={scoreboardRows.line + 2} framed />,
    );
    expect(lines(text)).toHaveLength(scoreboardRows.line + 2);
    expect(text).toContain('SCOREBOARD');
  });
});

test('the footer lists the keys and echoes the last action', () => {
  const text = read(
    <Footer width={140} workloadCount={5} lastAction={{ type: 'switchModel', model: 'workers' }} />,
  );
  expect(text).toContain(' a  async');
  expect(text).toContain(' q  quit');
  expect(text).toContain('▸ switch to workers');
});

test('the help explains each pane in plain words', () => {
  const text = read(<HelpOverlay width={120} height={60} workloadCount={5} />);
  for (const title of ['Header', 'Scoreboard', 'Event loop', 'Worker pool', 'Tasks', 'CPU', 'Keys']) {
    expect(text).toContain(title);
  }
  expect(text).toContain('Lag is how late a timer fires');
});

test('a help taller than its space is cut with a note of what lies below', () => {
  const text = read(<HelpOverlay width={78} height={10} workloadCount={5} />);
  expect(lines(text)).toHaveLength(10);
  expect(text).toContain('↓ more: Header, Scoreboard, Event loop');
});
