import { describe, expect, it } from 'vitest';
import type { LagMonitor, LagSegment } from '../source/engine/metrics/lag-monitor.ts';
import { Scoreboard } from '../source/engine/scoreboard.ts';
import type { RunConfig, TaskRecord } from '../source/engine/types.ts';

/** A lag monitor whose segments read `lagMs` and say whether they are recording. */
function fakeLagMonitor(lagMs: number) {
  const segments: { recording: boolean }[] = [];
  const monitor: LagMonitor = {
    sample: () => ({ lag: { p50: 0, p99: 0, max: 0 }, utilization: 0 }),
    hold: () => {},
    release: () => {},
    openSegment(): LagSegment {
      const state = { recording: true };
      segments.push(state);
      return {
        read: () => ({ p50: lagMs, p99: lagMs, max: lagMs }),
        suspend: () => {
          state.recording = false;
        },
        resume: () => {
          state.recording = true;
        },
        close: () => {
          state.recording = false;
        },
      };
    },
    stop: () => {},
  };
  return { monitor, segments };
}

const config = (settings: Partial<RunConfig> = {}): RunConfig => ({
  workload: 'cpu',
  model: 'async',
  mode: 'closed',
  load: 8,
  knobs: { size: 10 },
  ...settings,
});

const task = (state: TaskRecord['state'], latency: number): TaskRecord => ({
  id: 1,
  state,
  model: 'async',
  submittedAt: 1000,
  endedAt: 1000 + latency,
});

const measuring = { settling: false, tasksFromBefore: 0, since: 0 };

describe('the scoreboard', () => {
  it("counts a handed-over task's latency from when it joined the row, not from its first submit", () => {
    const { monitor } = fakeLagMonitor(3);
    const scoreboard = new Scoreboard(monitor, () => 0);
    scoreboard.select(config({ model: 'workers', threads: 2 }), 0);
    scoreboard.startCounting(1000, false);
    // Submitted at 1000 under the old model, handed over at 1400, done at 1450.
    scoreboard.record({ ...task('done', 450), measuredFrom: 1400 });
    const [row] = scoreboard.rows(2000, measuring);
    expect(row?.latencyP99).toBeGreaterThanOrEqual(49.9);
    expect(row?.latencyP99).toBeLessThan(51);
  });

  it('counts tasks, time and CPU only while the current row counts', () => {
    let cpuMs = 0;
    const { monitor } = fakeLagMonitor(3);
    const scoreboard = new Scoreboard(monitor, () => cpuMs);
    scoreboard.select(config(), 0);
    expect(scoreboard.record(task('done', 5))).toBeUndefined();
    scoreboard.startCounting(1000, false);
    scoreboard.record(task('done', 10));
    scoreboard.record(task('done', 30));
    scoreboard.record(task('failed', 5000));
    scoreboard.record(task('cancelled', 1));
    cpuMs = 1500;
    const [row] = scoreboard.rows(3000, measuring);
    expect(row).toMatchObject({
      phase: 'measuring',
      activeMs: 2000,
      finished: 2,
      failed: 1,
      throughput: 1,
      failureRate: 0.5,
      lagP99: 3,
      coresUsed: 0.75,
      overlapping: false,
    });
    // Latency covers done tasks only: the failure's 5 s is not in it.
    expect(row?.latencyP99).toBeLessThan(31);
    expect(row?.latencyP99).toBeGreaterThanOrEqual(29.9);
  });

  it("gives a row its measured tasks' share on CPU as their CPU time over their run time, summed", () => {
    const { monitor } = fakeLagMonitor(0);
    const scoreboard = new Scoreboard(monitor, () => 0);
    scoreboard.select(config(), 0);
    scoreboard.startCounting(0, false);
    const ran = (runMs: number, fields: Partial<TaskRecord>): TaskRecord => ({
      ...task('done', runMs),
      startedAt: 1000,
      endedAt: 1000 + runMs,
      ...fields,
    });
    expect(scoreboard.rows(10, measuring)[0]?.onCpuShare).toBeUndefined();
    // Two ms tasks read through a 4 ms tick: three read 0, one a whole tick; their median share would be 0.
    for (let index = 0; index < 3; index++) scoreboard.record(ran(2, { cpuMs: 0 }));
    scoreboard.record(ran(2, { cpuMs: 4 }));
    scoreboard.record(ran(2, {}));
    scoreboard.record(ran(2, { state: 'failed', cpuMs: 2 }));
    expect(scoreboard.rows(20, measuring)[0]).toMatchObject({
      onCpuShare: 0.5,
      onCpuSums: { cpuMs: 4, runMs: 8 },
    });
    // A task that read a tick more than it ran counts as read: only the row's ratio is clamped.
    scoreboard.record(ran(2, { cpuMs: 8 }));
    expect(scoreboard.rows(30, measuring)[0]?.onCpuShare).toBe(1);
  });

  it('keys rows by configuration and returns to a row when its configuration returns', () => {
    const { monitor } = fakeLagMonitor(0);
    const scoreboard = new Scoreboard(monitor, () => 0);
    const first = scoreboard.select(config(), 0);
    scoreboard.startCounting(0, false);
    scoreboard.select(config({ load: 16 }), 100);
    scoreboard.startCounting(150, false);
    scoreboard.select(config({ model: 'workers', load: 16, threads: 2 }), 200);
    expect(scoreboard.select(config(), 300)).toBe(first);
    scoreboard.startCounting(300, false);
    const rows = scoreboard.rows(400, measuring);
    expect(rows.map((row) => [row.config.model, row.config.load, row.phase, row.activeMs])).toEqual([
      ['async', 8, 'measuring', 200],
      ['async', 16, 'past', 50],
      ['workers', 16, 'past', 0],
    ]);
    expect(rows[1]?.loadKey).toBe(rows[2]?.loadKey);
    expect(rows[0]?.key).not.toBe(rows[1]?.key);
    expect(scoreboard.countedIntervals(400)).toEqual([
      { key: first, from: 0, to: 100 },
      { key: first, from: 300, to: 400 },
      { key: rows[1]?.key, from: 150, to: 200 },
    ]);
  });

  it('shows the current row settling, and keeps the overlapping mark once set', () => {
    const { monitor } = fakeLagMonitor(0);
    const scoreboard = new Scoreboard(monitor, () => 0);
    scoreboard.select(config(), 1000);
    expect(scoreboard.rows(1500, { settling: true, tasksFromBefore: 3, since: 1000 })[0]).toMatchObject({
      phase: 'settling',
      settling: { tasksFromBefore: 3, forMs: 500 },
      activeMs: 0,
    });
    scoreboard.startCounting(2000, true);
    scoreboard.select(config({ load: 1 }), 2500);
    scoreboard.select(config(), 3000);
    scoreboard.startCounting(3000, false);
    const [row] = scoreboard.rows(3100, measuring);
    expect(row).toMatchObject({ overlapping: true, activeMs: 600 });
    expect(row?.settling).toBeUndefined();
  });

  it('records lag for a row only while it counts', () => {
    const { monitor, segments } = fakeLagMonitor(0);
    const scoreboard = new Scoreboard(monitor, () => 0);
    scoreboard.select(config(), 0);
    expect(segments).toHaveLength(0);
    scoreboard.startCounting(10, false);
    expect(segments.map((segment) => segment.recording)).toEqual([true]);
    scoreboard.select(config({ model: 'workers', threads: 2 }), 20);
    scoreboard.startCounting(30, false);
    expect(segments.map((segment) => segment.recording)).toEqual([false, true]);
  });

  it('forgets every row on reset', () => {
    const { monitor, segments } = fakeLagMonitor(0);
    const scoreboard = new Scoreboard(monitor, () => 0);
    scoreboard.select(config(), 0);
    scoreboard.startCounting(0, false);
    scoreboard.record(task('done', 1));
    scoreboard.reset(100);
    expect(scoreboard.rows(200, measuring)).toEqual([]);
    expect(scoreboard.countedIntervals(200)).toEqual([]);
    expect(segments.every((segment) => !segment.recording)).toBe(true);
    scoreboard.select(config(), 200);
    expect(scoreboard.rows(300, measuring)[0]).toMatchObject({ finished: 0, activeMs: 0 });
  });
});
