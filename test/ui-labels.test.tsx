// Each label the projector tests found untrue or unreadable, drawn from a fixed snapshot: the fix, and the
// words that must no longer appear.
import { cleanup, render } from 'ink-testing-library';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, test } from 'vitest';
import { bigText } from '../source/ui/big-text.ts';
import { formatRatio } from '../source/ui/format.ts';
import { scoreboardRows } from '../source/ui/layout.ts';
import { EventLoopPane, PoolPane, ScoreboardPane, TasksPane } from '../source/ui/panes/pane-boxes.tsx';
import { ThemeContext } from '../source/ui/theme-context.ts';
import {
  afterWorkloadSwitch,
  asyncAtThousand,
  asyncBetweenTasks,
  asyncMostlyFailing,
  calmAfterFreeze,
  halfBusyPool,
  noData,
  oneThread,
  pausedFresh,
  sixtyFourThreads,
  wideThroughput,
  workersBusy,
  workersOverlapping,
  workersSettling,
} from './fixtures/snapshots.ts';

afterEach(cleanup);

function read(node: ReactNode): string {
  const { lastFrame } = render(<ThemeContext value={{ color: false }}>{node}</ThemeContext>);
  return lastFrame() ?? '';
}

describe('scoreboard', () => {
  test('paused, the scoreboard says nothing is measured instead of "running now"', () => {
    const text = read(
      <ScoreboardPane snapshot={pausedFresh} width={99} height={scoreboardRows.line + 2} framed />,
    );
    expect(text).toContain('❚ WORKERS     paused: nothing is measured until you resume (space)');
    expect(text).not.toContain('running now');
    expect(text).not.toContain('▶');
  });

  test('the settings running now are in the title', () => {
    const text = read(
      <ScoreboardPane snapshot={asyncAtThousand} width={99} height={scoreboardRows.line + 2} framed />,
    );
    expect(text).toContain(
      'SCOREBOARD  cpu · 1,000 in flight · 4 threads or processes · size 200,000 k rounds',
    );
  });

  test('a row at another concurrency is an earlier configuration, dimmed below and never compared', () => {
    const text = read(<ScoreboardPane snapshot={asyncAtThousand} width={99} height={12} framed={false} />);
    const [current, earlier] = text.split('earlier settings, not compared:');
    expect(current).toMatch(/▶ ASYNC\s+7,961\/s/);
    expect(current).toContain('not run at these settings');
    expect(current).not.toContain('★');
    expect(current).not.toMatch(/async \d/);
    expect(earlier).toMatch(/ASYNC\s+120\/s.*8 in flight/);
    expect(earlier).toMatch(/WORKERS\s+230\/s.*8 in flight/);
  });

  test('a settling row says how many tasks from before still run and for how long, and is not compared', () => {
    const text = read(
      <ScoreboardPane snapshot={workersSettling} width={99} height={scoreboardRows.line + 2} framed />,
    );
    expect(text).toContain('▶ WORKERS     settling: 3 tasks from before still running, 1.2 s');
    expect(text).not.toContain('★');
    expect(text).toContain('not compared yet');
  });

  test('an overlapping row is marked', () => {
    const text = read(
      <ScoreboardPane snapshot={workersOverlapping} width={99} height={scoreboardRows.line + 2} framed />,
    );
    expect(text).toContain('▶ WORKERS ⚠');
    expect(text).toContain('⚠ overlapping');
    expect(text).toContain('workers: counted while older tasks still ran');
  });

  test('failures are their own rate; a row whose tasks mostly fail is never starred or called faster', () => {
    const text = read(
      <ScoreboardPane snapshot={asyncMostlyFailing} width={99} height={scoreboardRows.line + 2} framed />,
    );
    expect(text).toMatch(/model\s+throughput\s+failed/);
    expect(text).toMatch(/▶ ASYNC\s+0\/s\s+5,279\/s/);
    expect(text).toContain('most tasks failed, not compared');
    expect(text).not.toMatch(/ASYNC.*★/);
    expect(text).not.toMatch(/async [\d.,]+×/);
  });

  test('the ratio line has one subject per clause', () => {
    const text = read(
      <ScoreboardPane snapshot={workersBusy} width={119} height={scoreboardRows.line + 2} framed={false} />,
    );
    expect(text).toContain("⇒ workers 1.9× async's throughput · workers: latency p99 21× lower");
  });
});

describe('tasks pane', () => {
  test('with no task finished in the window it shows "—", not 0/s and 0.00 ms', () => {
    const text = read(<TasksPane snapshot={noData} width={60} height={12} />);
    expect(text).toContain('—/s   latency —');
    expect(text).not.toMatch(/(^|\s)0\/s/m);
    expect(text).not.toContain('0.00 ms');
  });

  test('under async, none running and eight queued comes with its reason', () => {
    const text = read(<TasksPane snapshot={asyncBetweenTasks} width={90} height={12} />);
    expect(text).toContain('▶ 0 running');
    expect(text).toContain('the loop runs 1 task at a time and draws between two: 8 wait for their turn');
    const narrow = read(<TasksPane snapshot={asyncBetweenTasks} width={42} height={12} />);
    expect(narrow).toContain('1 task at a time holds the loop; 8 wait');
  });

  test('task ids past six digits and threads past t9 read in full', () => {
    const text = read(<TasksPane snapshot={sixtyFourThreads} width={60} height={14} />);
    expect(text).toContain('#30537164 queued');
    expect(text).toMatch(/#30537163 running\s+workers t64/);
    expect(text).not.toContain('…');
  });

  test('the throughput chart marks a workload switch and says it is on a log scale', () => {
    const text = read(<TasksPane snapshot={afterWorkloadSwitch} width={60} height={12} />);
    expect(text).toContain('◆io-http');
    expect(text).toContain('chart: throughput, top 230/s');
  });
});

describe('event loop pane', () => {
  test('a freeze says when it happened, and the level beside it says it is about now', () => {
    const text = read(<EventLoopPane snapshot={calmAfterFreeze} width={70} height={8} />);
    expect(text).toContain('⚠ loop froze 353 ms, 12 s ago');
    expect(text).toContain('● healthy now');
    expect(text).not.toMatch(/● healthy(?! now)/);
  });

  test('settling after a change is shaded on the lag chart', () => {
    const text = read(<EventLoopPane snapshot={afterWorkloadSwitch} width={60} height={8} />);
    expect(text).toContain('◆io-http');
    expect(text).toContain('░');
  });

  test('a 24 s freeze turns the lag chart logarithmic, and the caption says so', () => {
    const history = afterWorkloadSwitch.history.map((point, index) =>
      index === 100 ? { ...point, lagP99: 24_000 } : { ...point, lagP99: 20 + (index % 3) * 10 },
    );
    const text = read(<EventLoopPane snapshot={{ ...afterWorkloadSwitch, history }} width={60} height={8} />);
    expect(text).toContain('p99 chart, log scale, top 24 s');
    // The lags around the freeze still stand a row or more tall.
    const rows = text.split('\n').slice(3, 7);
    expect(rows.at(-1)?.replace(/[^█]/g, '').length).toBeGreaterThan(50);
  });
});

describe('charts', () => {
  test('under a 9,242/s peak, 144/s and 40/s draw at different heights', () => {
    const text = read(<TasksPane snapshot={wideThroughput} width={60} height={14} />);
    const chart = text.split('\n').slice(4, 7).join('\n');
    // Columns of 144/s stand taller than columns of 40/s: both show above the lowest eighth.
    expect(chart).toMatch(/[▂▃▄▅▆▇█]/);
    expect(chart).toMatch(/▁|[▂▃▄▅▆▇]/);
    expect(new Set(chart.replace(/\s/g, ''))).not.toEqual(new Set(['▁']));
  });
});

describe('worker pool pane', () => {
  test('busy threads and utilization cover the same window, and the label says which', () => {
    const text = read(<PoolPane snapshot={halfBusyPool} width={70} height={8} />);
    expect(text).toMatch(/busy 1\/2\s+util 50% over 250 ms/);
  });

  test('at 64 threads the rows read t1 … t64, by stable label', () => {
    const text = read(<PoolPane snapshot={sixtyFourThreads} width={80} height={20} />);
    expect(text).toContain('t1 ');
    expect(text).toContain('t64 ');
    expect(text).not.toContain('t4095');
    expect(text).not.toMatch(/t\d+…/);
  });

  test('a pool of one is singular', () => {
    const text = read(<PoolPane snapshot={oneThread} width={60} height={8} />);
    expect(text).toMatch(/1 thread or process(?!es)/);
    expect(text).not.toContain('1 threads');
  });
});

describe('the headline ratio in block digits', () => {
  const digits = bigText(formatRatio(230 / 120));

  test.skipIf(!digits)('a tall scoreboard told to draw big shows the ratio in block digits', () => {
    const text = read(<ScoreboardPane snapshot={workersBusy} width={99} height={12} framed big />);
    for (const row of digits ?? []) expect(text).toContain(row);
    expect(text).toContain("workers' throughput");
    expect(text).toContain("over async's");
  });

  test('without room for them, or without being told, the block digits stay out', () => {
    const plain = read(<ScoreboardPane snapshot={workersBusy} width={99} height={12} framed />);
    const short = read(
      <ScoreboardPane snapshot={workersBusy} width={99} height={scoreboardRows.line + 2} framed big />,
    );
    for (const text of [plain, short]) {
      expect(text).not.toContain("over async's");
      expect(text).toContain("⇒ workers 1.9× async's throughput");
    }
  });
});
