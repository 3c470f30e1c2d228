import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatElapsed, formatMs, formatRate } from '../source/ui/format.ts';
import { parseDashboard, parseDuration, parseElapsed, parseRate } from './helpers/dashboard-screen.ts';
import { seededRandom } from './helpers/seeded-random.ts';

/** Screens captured from the built dashboard in tmux at 120×40 (and one at 80×24). */
function frame(name: string): string {
  return readFileSync(path.join(import.meta.dirname, 'fixtures/talk-frames', name), 'utf8');
}

describe('numbers with their units', () => {
  test('rates read as printed, with thousands separators and a k when there is one', () => {
    expect(parseRate('7,120/s')).toBe(7120);
    expect(parseRate('38.4/s')).toBe(38.4);
    expect(parseRate('0/s')).toBe(0);
    expect(parseRate('1.2 k/s')).toBe(1200);
    expect(parseRate('—')).toBeUndefined();
  });

  test('durations read in milliseconds whatever their unit', () => {
    expect(parseDuration('0.42 ms')).toBe(0.42);
    expect(parseDuration('486 ms')).toBe(486);
    expect(parseDuration('5.9 s')).toBe(5900);
    expect(parseDuration('4,000 ms')).toBe(4000);
    expect(parseDuration('2.0 min')).toBe(120_000);
    expect(parseDuration('—')).toBeUndefined();
  });

  test('elapsed times read in milliseconds', () => {
    expect(parseElapsed('0:07')).toBe(7000);
    expect(parseElapsed('12:34')).toBe(754_000);
    expect(parseElapsed('1:02:03')).toBe(3_723_000);
  });

  test('what the dashboard prints reads back as the number it printed, to its rounding', () => {
    const random = seededRandom(9);
    for (let index = 0; index < 2000; index++) {
      const value = 10 ** (random() * 8 - 2);
      // Each unit keeps its digits: rates to 0.1 below 100/s, whole above; durations to about 5 %.
      const rate = parseRate(formatRate(value)) ?? Number.NaN;
      expect(Math.abs(rate - value), formatRate(value)).toBeLessThanOrEqual(0.5);
      const ms = parseDuration(formatMs(value)) ?? Number.NaN;
      expect(Math.abs(ms - value), formatMs(value)).toBeLessThanOrEqual(Math.max(0.005, value * 0.05) + 1e-9);
      const elapsed = parseElapsed(formatElapsed(value)) ?? Number.NaN;
      expect(value - elapsed, formatElapsed(value)).toBeGreaterThanOrEqual(0);
      expect(value - elapsed, formatElapsed(value)).toBeLessThan(1000);
    }
  });
});

describe('a captured dashboard', () => {
  test('async alone on cpu: header, one counting row, the other not run, the event loop saturated', () => {
    const screen = parseDashboard(frame('cpu-async.txt'));
    expect(screen.header).toEqual({ workload: 'cpu', concurrency: 8, pool: 2 });
    const board = screen.scoreboard;
    expect(board).toMatchObject({ workload: 'cpu', inFlight: 8, earlier: [], earlierHidden: 0 });
    expect(board?.settings).toBe('cpu · 8 in flight · 2 worker threads · size 14,000 k rounds');
    expect(board?.current).toMatchObject([
      {
        model: 'async',
        running: true,
        counting: true,
        compared: true,
        throughput: 40.2,
        latencyP99: 222,
        lagP99: 47,
        cores: 1.1,
        ranMs: 3000,
      },
      { model: 'workers', running: false, counting: false, rest: 'not run at these settings' },
    ]);
    expect(board?.verdict).toBe('press w to run workers at these settings and compare');
    expect(screen.eventLoop).toEqual({ lagP50: 22, lagP99: 29, lagMax: 29, utilization: 1 });
    expect(screen.tasks).toEqual({ done: 128, running: 0, queued: 8, rate: 39.7 });
    expect(screen.pool).toBeUndefined();
  });

  test('workers beside async: stars, the verdict, the pool busy', () => {
    const screen = parseDashboard(frame('cpu-workers.txt'));
    const [asyncRow, workersRow] = screen.scoreboard?.current ?? [];
    expect(asyncRow).toMatchObject({ model: 'async', running: false, throughput: 40.1, stars: [] });
    expect(workersRow).toMatchObject({
      model: 'workers',
      running: true,
      throughput: 67.4,
      lagP99: 8.4,
      stars: ['throughput', 'lag p99'],
    });
    expect(screen.scoreboard?.verdict).toBe("workers 1.7× async's throughput · workers: lag p99 5.6× lower");
    expect(screen.pool).toEqual({ busy: 2, threads: 2, queue: 6 });
  });

  test('1,000 in flight: seconds of latency, earlier settings with their difference, the hidden count', () => {
    const screen = parseDashboard(frame('io-http-workers-1000.txt'));
    expect(screen.header).toEqual({ workload: 'io-http', concurrency: 1000, pool: 2 });
    const board = screen.scoreboard;
    expect(board?.inFlight).toBe(1000);
    expect(board?.current.map((row) => [row.model, row.throughput, row.latencyP99])).toEqual([
      ['async', 14043, 114],
      ['workers', 38.2, 3200],
    ]);
    expect(board?.earlier).toMatchObject([
      { model: 'workers', throughput: 0, latencyP99: undefined, compared: false, rest: '8 in flight' },
    ]);
    expect(board?.earlierHidden).toBe(9);
    expect(screen.tasks).toEqual({ done: 51948, running: 2, queued: 998, rate: 40.1 });
    expect(screen.pool?.queue).toBe(998);
  });

  test('a settling row has no numbers and says why', () => {
    const board = parseDashboard(frame('io-timer-settling.txt')).scoreboard;
    expect(board?.settings).toBe('io-timer · 8 in flight · 2 worker threads · latency 4,000 ms');
    expect(board?.current[1]).toMatchObject({
      model: 'workers',
      running: true,
      counting: false,
      compared: false,
      rest: 'settling: 8 tasks from before still running, 1.2 s',
    });
    expect(board?.verdict).toMatch(/^workers settling: 8 tasks/);
  });

  test('a small terminal: the scoreboard unframed, the counts wrapped over two lines', () => {
    const screen = parseDashboard(frame('cpu-async-80x24.txt'));
    expect(screen.scoreboard).toMatchObject({ workload: 'cpu', inFlight: 8 });
    expect(screen.scoreboard?.current.map((row) => row.model)).toEqual(['async', 'workers']);
    expect(screen.scoreboard?.current[0]?.throughput).toBe(40.7);
    expect(screen.tasks).toEqual({ done: 85, running: 0, queued: 8, rate: 42.2 });
  });

  test('a failed column, an overlapping row and a row left out of the comparison', () => {
    const text = [
      '─  SCOREBOARD  io-http · 100/s arriving · 2 worker threads · latency 50 ms ───────',
      'model        throughput     failed  latency p99     lag p99  cores    ran',
      '▶ ASYNC ⚠       95.0/s ★      0/s       61 ms ★    1.2 ms    0.1   0:12    ⚠ overlapping',
      '  WORKERS          0/s      312/s          —        2.0 ms    0.3   0:04    most tasks failed, not compared',
      '⇒ workers: most tasks failed, not compared',
      '',
      ' EVENT LOOP   p99 chart, top 10 ms',
    ].join('\n');
    const board = parseDashboard(text).scoreboard;
    expect(board?.inFlight).toBeUndefined();
    expect(board?.current).toMatchObject([
      {
        model: 'async',
        counting: true,
        compared: true,
        failureRate: 0,
        latencyP99: 61,
        rest: '⚠ overlapping',
      },
      { model: 'workers', counting: true, compared: false, throughput: 0, failureRate: 312, ranMs: 4000 },
    ]);
  });
});
