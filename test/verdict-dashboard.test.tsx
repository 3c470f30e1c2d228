import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, test } from 'vitest';
import type { EngineHandle } from '../source/engine/engine-handle.ts';
import type { ScoreboardRow, Snapshot } from '../source/engine/types.ts';
import { dashboardVerdict } from '../source/engine/verdict-dashboard.ts';
import { App } from '../source/ui/app.tsx';
import { layoutFor } from '../source/ui/layout.ts';
import { scoreboardLines } from '../source/ui/scoreboard-lines.ts';
import { scoreboardRow } from './fixtures/scoreboard-rows.ts';
import { workersBusy } from './fixtures/snapshots.ts';

afterEach(cleanup);

const machine = { cpuModel: 'Demo CPU', logicalCores: 2, totalMemoryBytes: 2 ** 34 };

/** A row's on-CPU fields: `cpuMs` of CPU over `runMs` of run time of its measured tasks. */
const onCpu = (cpuMs: number, runMs: number): Pick<ScoreboardRow, 'onCpuShare' | 'onCpuSums'> => ({
  onCpuShare: cpuMs / runMs,
  onCpuSums: { cpuMs, runMs },
});

const cpuRows = (fields: Partial<ScoreboardRow> = {}): ScoreboardRow[] => [
  scoreboardRow('async', 'cpu', {}, { throughput: 50, lagP99: 160, ...onCpu(990, 1000), ...fields }),
  scoreboardRow('workers', 'cpu', {}, { throughput: 96, lagP99: 2, ...onCpu(2820, 3000), ...fields }),
];

describe("the dashboard's verdict", () => {
  test('says how to run the task once two models at the same load have measured a few seconds', () => {
    const verdict = dashboardVerdict({ rows: cpuRows(), machine, poolThreads: 2 });
    expect(verdict?.kind).toBe('cpu-bound');
    // 99 % on the loop and 94 % on two busy threads: the task is judged where it had its thread most to itself.
    expect(verdict?.line).toBe(
      "CPU-bound: 99 % of the tasks' run time is on CPU; run it on workers: 1.9× async here, 2× ideal.",
    );
  });

  test('stays quiet with one model, too short a measurement, a settling row, or no measured share', () => {
    const [asyncRow, workersRow] = cpuRows() as [ScoreboardRow, ScoreboardRow];
    expect(dashboardVerdict({ rows: [workersRow], machine, poolThreads: 2 })).toBeUndefined();
    expect(dashboardVerdict({ rows: cpuRows({ activeMs: 2999 }), machine, poolThreads: 2 })).toBeUndefined();
    const settling: ScoreboardRow = { ...asyncRow, phase: 'settling' };
    expect(dashboardVerdict({ rows: [settling, workersRow], machine, poolThreads: 2 })).toBeUndefined();
    const { onCpuShare: _a, onCpuSums: _as, ...unmeasuredAsync } = asyncRow;
    const { onCpuShare: _w, onCpuSums: _ws, ...unmeasuredWorkers } = workersRow;
    expect(
      dashboardVerdict({ rows: [unmeasuredAsync, unmeasuredWorkers], machine, poolThreads: 2 }),
    ).toBeUndefined();
  });

  test('compares only rows at the same load', () => {
    const [asyncRow] = cpuRows() as [ScoreboardRow];
    const otherLoad = scoreboardRow('workers', 'cpu', { load: 64 }, onCpu(900, 1000));
    expect(dashboardVerdict({ rows: [asyncRow, otherLoad], machine, poolThreads: 2 })).toBeUndefined();
  });

  test('uses the share measured on workers when async measured none (its tasks awaited)', () => {
    const rows = [
      scoreboardRow('async', 'io-timer', {}, { throughput: 160, lagP99: 1 }),
      scoreboardRow('workers', 'io-timer', {}, { throughput: 40, lagP99: 1, ...onCpu(10, 1000) }),
    ];
    const verdict = dashboardVerdict({ rows, machine, poolThreads: 2 });
    expect(verdict?.kind).toBe('waiting');
    expect(verdict?.model).toBe('async');
  });
});

function fakeHandle(snapshot: Snapshot): EngineHandle {
  return {
    latest: () => snapshot,
    subscribe: () => () => {},
    dispatch: () => {},
    workloads: [{ name: 'cpu', kind: 'cpu', description: 'hashes' }],
  };
}

/** `workersBusy` with every current row measured long enough and its tasks' on-CPU share. */
const measuredBusy: Snapshot = {
  ...workersBusy,
  scoreboard: workersBusy.scoreboard.map((row) => ({ ...row, ...onCpu(950, 1000), activeMs: 30_000 })),
};

describe('the verdict line on screen', () => {
  test.each([
    [80, 24],
    [120, 40],
  ])('at %i×%i the screen keeps its height and every pane', (columns, rows) => {
    const { lastFrame } = render(
      <App handle={fakeHandle(measuredBusy)} color={false} onQuit={() => {}} size={{ columns, rows }} />,
    );
    const frame = lastFrame() ?? '';
    expect(frame.split('\n').length).toBeLessThan(rows);
    for (const title of ['SCOREBOARD', 'EVENT LOOP', 'WORKER POOL', 'TASKS', 'CPU'])
      expect(frame).toContain(title);
    for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(columns);
  });

  const boardAt = (columns: number, rows: number, snapshot: Snapshot = measuredBusy): string[] => {
    const section = layoutFor({ columns, rows }).sections.find((part) => part.kind === 'scoreboard');
    if (section?.kind !== 'scoreboard') throw new Error('no scoreboard section');
    const inner = section.framed ? section.width - 4 : section.width;
    const height = section.framed ? section.height - 2 : section.height;
    return scoreboardLines(snapshot, inner, height, section.framed, true).map((spans) =>
      spans.map((span) => span.text).join(''),
    );
  };

  test('at 120×50 the scoreboard shows the verdict in one line, after the comparison in words', () => {
    const lines = boardAt(120, 50);
    const verdictAt = lines.findIndex((line) => line.includes('CPU-bound'));
    expect(lines.filter((line) => line.includes('CPU-bound'))).toHaveLength(1);
    expect(lines[verdictAt]).toMatch(
      /^⇒ CPU-bound: 95 % of the tasks' run time is on CPU; run it on workers/,
    );
    expect(verdictAt).toBeGreaterThan(lines.findIndex((line) => line.includes("async's throughput")));
  });

  test('at 120×40 and 80×24 the comparison in words keeps its row and the verdict waits for a taller screen', () => {
    for (const [columns, rows] of [
      [120, 40],
      [80, 24],
    ] as const) {
      const lines = boardAt(columns, rows);
      expect(lines.some((line) => line.includes('CPU-bound'))).toBe(false);
    }
    expect(boardAt(120, 40).some((line) => line.includes("async's throughput"))).toBe(true);
  });

  test("for a workload file, how to run it takes the comparison's row at 120×40 and the digits' at 80×24", () => {
    const ownFile: Snapshot = { ...measuredBusy, workload: { ...measuredBusy.workload, file: 'task.js' } };
    for (const [columns, rows] of [
      [120, 40],
      [80, 24],
    ] as const) {
      const lines = boardAt(columns, rows, ownFile);
      expect(lines.filter((line) => line.startsWith('⇒ CPU-bound: 95 %'))).toHaveLength(1);
      expect(lines).toHaveLength(boardAt(columns, rows).length);
    }
    // At 80×24 the comparison is said in words under the verdict, in place of the digits.
    expect(boardAt(80, 24, ownFile).some((line) => line.includes("async's throughput"))).toBe(true);
  });

  test('without enough measured, the scoreboard is as it was', () => {
    const lines = (snapshot: Snapshot) =>
      scoreboardLines(snapshot, 116, 13, true, true).map((spans) => spans.map((span) => span.text).join(''));
    const short: Snapshot = {
      ...workersBusy,
      scoreboard: workersBusy.scoreboard.map((row) => ({ ...row, ...onCpu(950, 1000), activeMs: 1000 })),
    };
    expect(lines(short)).toEqual(
      lines({ ...short, scoreboard: workersBusy.scoreboard.map((row) => ({ ...row, activeMs: 1000 })) }),
    );
  });
});
