// What each step of the README's talk sequence promises, as checks on the screen. Each claim names the words of
// the step it checks, so a step reworded without its check (or a check left without its words) fails the test.

import { expect } from 'vitest';
import type { ModelName } from '../../source/engine/types.ts';
import type { KeyName } from '../../source/ui/key-types.ts';
import type { BoardRow, DashboardScreen, Scoreboard } from './dashboard-screen.ts';
import { parseDuration } from './dashboard-screen.ts';

/** What the observer saw at one checkpoint: every frame once the running row counted, the last one checked. */
export type Observation = { frames: DashboardScreen[]; last: DashboardScreen; board: Scoreboard };

export type TalkClaim = {
  /** The numbered step of the README's talk section. */
  step: number;
  /** Checked after the last press of this key in the step ('start': before any key). */
  after: KeyName | 'start';
  /** Words of the step that this claim checks. */
  says: RegExp[];
  /**
   * The claim is a ratio of speed between models or against a task's length, so it needs the machine's cores:
   * it is judged only when other processes left them free while the rows it reads were measured.
   */
  needsCores?: boolean;
  /**
   * The claim reads lag, whose p99 over a short stretch is near its maximum: one burst of another process (or of
   * the hypervisor's steal) makes it, however quiet the machine was on average. It is judged only when no burst
   * took a core from the dashboard while its rows were measured.
   */
  readsLag?: boolean;
  /** Checked once the running row has counted for a while; `before` holds earlier checkpoints by `step:after`. */
  check: (seen: Observation, before: ReadonlyMap<string, Observation>) => void;
};

export function rowOf(board: Scoreboard, model: ModelName): BoardRow {
  const row = board.current.find((candidate) => candidate.model === model);
  if (!row) throw new Error(`no ${model} row at the current settings:\n${board.settings}`);
  return row;
}

/** A row's numbers, which it has once it counts; a message naming the line otherwise. */
function numbers(row: BoardRow): Required<Pick<BoardRow, 'throughput' | 'lagP99' | 'cores'>> {
  const { throughput, lagP99, cores } = row;
  if (throughput === undefined || lagP99 === undefined || cores === undefined) {
    throw new Error(`the ${row.model} row has no numbers: ${row.line}`);
  }
  return { throughput, lagP99, cores };
}

/**
 * A row's lag p99, which it shows from its first moments: a row that has finished no task yet has no throughput
 * (so no other numbers) but its loop is measured.
 */
function lagOf(row: BoardRow): number {
  if (row.lagP99 === undefined) throw new Error(`the ${row.model} row has no lag: ${row.line}`);
  return row.lagP99;
}

/** The workload's latency knob from the scoreboard's title ("latency 50 ms"), in milliseconds. */
function latencyKnob(board: Scoreboard): number {
  const knob = / · latency ([\d,]+ ms)/.exec(board.settings);
  const ms = knob ? parseDuration(knob[1] as string) : undefined;
  if (ms === undefined) throw new Error(`no latency in the settings: ${board.settings}`);
  return ms;
}

/** The rows of models run at the current settings (a model not run there says so). */
function runRows(board: Scoreboard): BoardRow[] {
  return board.current.filter((row) => !/not run at these settings/.test(row.line));
}

/**
 * Every row run at the current settings (two at least) is compared, and the verdict compares them rather than
 * asking for a key. A model not run at these settings says so and is not compared.
 */
function bothCompared(board: Scoreboard): void {
  const run = runRows(board);
  expect(run.length, 'rows run at these settings').toBeGreaterThanOrEqual(2);
  for (const row of run) expect(row.compared, `${row.model} compared: ${row.line}`).toBe(true);
  expect(board.verdict, 'the verdict compares the rows').toMatch(/throughput/);
}

/** The verdict's headline ratio matches the rows it compares ("workers 1.9× async's throughput"). */
function expectHeadline(board: Scoreboard, best: ModelName, other: ModelName): number {
  const ratio = numbers(rowOf(board, best)).throughput / numbers(rowOf(board, other)).throughput;
  const headline = new RegExp(`^${best} ([\\d,.]+)× ${other}'?s? throughput`).exec(board.verdict ?? '');
  expect(headline, `the verdict "${board.verdict}" puts ${best} ahead of ${other}`).not.toBeNull();
  const printed = Number((headline?.[1] ?? '').replaceAll(',', ''));
  // The verdict divides unrounded rates; the rows show them rounded to three digits.
  expect(
    Math.abs(printed - ratio) / ratio,
    `${printed}× printed, ${ratio.toFixed(2)}× from the rows`,
  ).toBeLessThan(0.1);
  return ratio;
}

/** The verdict says what the rows show: the faster model and by how much, or a tie within 5 %. */
function expectVerdictOfRows(board: Scoreboard): void {
  const [first, second] = runRows(board).sort((a, b) => numbers(b).throughput - numbers(a).throughput) as [
    BoardRow,
    BoardRow,
  ];
  const ratio = numbers(first).throughput / numbers(second).throughput;
  if (ratio < 1.04) expect(board.verdict).toMatch(/^throughput about equal/);
  else if (ratio > 1.06) expectHeadline(board, first.model, second.model);
}

/** One task per thread: never more running than threads, and all threads busy at some frame. */
function expectOnePerThread(frames: readonly DashboardScreen[], what: string): void {
  const running = frames.map((frame) => frame.tasks?.running ?? 0);
  const threads = frames.at(-1)?.header?.pool ?? Number.NaN;
  // A frame may fall between one task's end and the next one's start on a thread.
  expect(Math.max(...running), `${what} running at most: one per thread`).toBe(threads);
}

/**
 * Workers' lag p99 is below a third of async's: the loop is free once the work is off it. A row that has run
 * under `settledMs` holds few probes, so its p99 is near its single worst one: below half of async's then.
 */
function workersLagFarBelowAsync(board: Scoreboard): void {
  const asyncLag = lagOf(rowOf(board, 'async'));
  const workers = rowOf(board, 'workers');
  const workersLag = lagOf(workers);
  const share = (workers.ranMs ?? 0) < settledMs ? 2 : 3;
  expect(
    workersLag,
    `workers lag p99 ${workersLag} ms, async ${asyncLag} ms (ran ${workers.ranMs} ms)`,
  ).toBeLessThan(asyncLag / share);
}

/** How long (as the scoreboard's "ran" shows it, whole seconds) a row runs before its lag p99 is more than its worst probe. */
const settledMs = 2000;

/** Throughput a claim needs one model to beat another by, at least; measured ~1.9–2.1× on 2 cores. */
export const aheadBy = 1.3;

export const talkClaims: TalkClaim[] = [
  {
    step: 1,
    after: 'start',
    says: [/`cpu` workload on the event loop, 8 tasks in flight/, /ELU at 100 %/],
    check: ({ last, board }) => {
      expect(board.workload).toBe('cpu');
      expect(board.inFlight).toBe(8);
      expect(last.eventLoop?.utilization, 'ELU').toBeGreaterThanOrEqual(0.9);
    },
  },
  {
    step: 1,
    after: 'start',
    says: [/lag\s+\(about the task length\)/],
    needsCores: true,
    readsLag: true,
    check: ({ last, board }) => {
      // One task at a time on one thread: a task lasts 1/throughput, and a timer waits about that long.
      const taskMs = 1000 / numbers(rowOf(board, 'async')).throughput;
      const lag = last.eventLoop?.lagP99;
      const what = `lag p99 against a task of ${taskMs.toFixed(1)} ms`;
      expect(lag, what).toBeGreaterThanOrEqual(Math.max(5, taskMs / 2));
      expect(lag, what).toBeLessThanOrEqual(taskMs * 4);
    },
  },
  {
    step: 1,
    after: 'start',
    says: [/one thread, always busy/],
    check: ({ board }) => {
      expect(numbers(rowOf(board, 'async')).cores, 'async uses one core').toBeLessThanOrEqual(1.3);
    },
  },
  {
    step: 2,
    after: 'w',
    says: [/lag drops to a few ms/, /nothing from\s+before is charged to it/],
    needsCores: true,
    readsLag: true,
    // From the moment the row counts, not only once a bad start has been averaged away.
    check: ({ frames }) => {
      for (const frame of frames) if (frame.scoreboard) workersLagFarBelowAsync(frame.scoreboard);
    },
  },
  {
    step: 2,
    after: 'w',
    says: [/the cores fill, throughput roughly doubles on two cores/],
    needsCores: true,
    check: ({ board }) => {
      const asyncRow = numbers(rowOf(board, 'async'));
      const workersRow = numbers(rowOf(board, 'workers'));
      const cores = `cores: workers ${workersRow.cores}, async ${asyncRow.cores}`;
      expect(workersRow.cores, cores).toBeGreaterThanOrEqual(asyncRow.cores * aheadBy);
      expect(workersRow.throughput / asyncRow.throughput, 'workers over async').toBeGreaterThanOrEqual(
        aheadBy,
      );
    },
  },
  {
    step: 2,
    after: 'w',
    says: [/prints the\s+ratio at the same settings/],
    check: ({ board }) => {
      bothCompared(board);
      expectVerdictOfRows(board);
    },
  },
  {
    step: 3,
    after: 'p',
    says: [/The cores fill as with\s+workers/],
    needsCores: true,
    check: ({ board }) => {
      bothCompared(board);
      const asyncRow = numbers(rowOf(board, 'async'));
      const processesRow = numbers(rowOf(board, 'processes'));
      expect(processesRow.throughput / asyncRow.throughput, 'processes over async').toBeGreaterThanOrEqual(
        aheadBy,
      );
    },
  },
  {
    step: 3,
    after: 'w',
    says: [/WORKERS falls back to about\s+ASYNC's throughput while PROCESSES keeps both cores/],
    needsCores: true,
    check: ({ board, last }) => {
      expect(last.text, 'the header says the threads take turns').toMatch(/one runs at a time \(GIL\)/);
      bothCompared(board);
      const asyncRow = numbers(rowOf(board, 'async'));
      const workersRow = numbers(rowOf(board, 'workers'));
      const processesRow = numbers(rowOf(board, 'processes'));
      expect(workersRow.throughput / asyncRow.throughput, 'GIL workers over async').toBeLessThan(aheadBy);
      expect(
        processesRow.throughput / workersRow.throughput,
        'processes over GIL workers',
      ).toBeGreaterThanOrEqual(aheadBy);
    },
  },
  {
    step: 4,
    after: '+',
    says: [/1,000 requests in\s+flight on one thread/],
    check: ({ frames, board }) => {
      expect(board.workload).toBe('io-http');
      expect(board.inFlight).toBe(1000);
      for (const frame of frames) {
        const { running = 0, queued = 0 } = frame.tasks ?? {};
        expect(running + queued, 'requests in flight').toBe(1000);
        expect(frame.pool, 'no worker thread busy').toBeUndefined();
      }
    },
  },
  {
    step: 4,
    after: '+',
    says: [/1,000 requests in\s+flight on one thread/],
    // All of them running at once needs a loop with a core to keep up with starting them.
    needsCores: true,
    check: ({ frames }) => {
      // The loop starts them in turns, so a frame may catch some about to start; all run at once most of the time.
      const running = frames.map((frame) => frame.tasks?.running ?? 0);
      expect(Math.max(...running), 'requests running at once').toBeGreaterThanOrEqual(990);
    },
  },
  {
    step: 4,
    after: '+',
    says: [/the loop still has time to spare \(ELU well under 100 %\)/],
    needsCores: true,
    check: ({ frames }) => {
      // The first frames catch the ramp to 1,000 (new sockets); the middle frame is the loop's steady state.
      const shares = frames.map((frame) => frame.eventLoop?.utilization ?? Number.NaN).sort((a, b) => a - b);
      const median = shares[Math.floor(shares.length / 2)];
      expect(median, `ELU over ${shares.length} frames: ${shares.join(', ')}`).toBeLessThanOrEqual(0.8);
    },
  },
  {
    step: 4,
    after: '+',
    says: [/compares only rows at\s+1,000 in flight and keeps the earlier ones below/],
    check: ({ board }) => {
      expect(board.earlier.length, 'earlier settings listed below').toBeGreaterThan(0);
      for (const row of board.earlier) {
        // Each names what sets it apart: another workload, or another load.
        if (/^\d/.test(row.rest)) expect(row.rest, row.line).toMatch(/^(?!1,000 )[\d,]+ in flight/);
      }
    },
  },
  {
    step: 4,
    after: 'w',
    says: [/one request per thread, throughput collapses/],
    check: ({ frames, board }) => {
      bothCompared(board);
      expectOnePerThread(frames, 'requests');
      expect(expectHeadline(board, 'async', 'workers'), 'async over workers').toBeGreaterThanOrEqual(10);
    },
  },
  {
    step: 5,
    after: 'a',
    says: [/a synchronous call serializes\s+everything, the dashboard stutters/],
    check: ({ last, board }) => {
      expect(board.workload).toBe('blocking');
      expect(board.inFlight).toBe(8);
      const callMs = latencyKnob(board);
      // One call at a time: no more calls a second than one call's length allows.
      const throughput = numbers(rowOf(board, 'async')).throughput;
      expect(throughput, `calls of ${callMs} ms`).toBeLessThanOrEqual((1000 / callMs) * 1.15);
      expect(last.eventLoop?.lagP99, `the loop stalls for a call of ${callMs} ms`).toBeGreaterThanOrEqual(
        callMs * 0.8,
      );
    },
  },
  {
    step: 5,
    after: 'w',
    says: [/`w` overlaps them, one per thread/],
    check: ({ frames, board }) => {
      bothCompared(board);
      expectOnePerThread(frames, 'calls');
      expect(expectHeadline(board, 'workers', 'async')).toBeGreaterThanOrEqual(aheadBy);
    },
  },
  {
    step: 6,
    after: '5',
    says: [/half waiting, half\s+computing/],
    needsCores: true,
    check: ({ last, board }) => {
      // Each thread computes about half the time: the pool's cores are about half used.
      const cores = numbers(rowOf(board, 'workers')).cores;
      const threads = last.header?.pool ?? Number.NaN;
      expect(cores, `cores used by ${threads} threads`).toBeGreaterThanOrEqual(threads * 0.25);
      expect(cores, `cores used by ${threads} threads`).toBeLessThanOrEqual(threads * 0.75);
    },
  },
  ...(['a', 'w'] as const).map(
    (key): TalkClaim => ({
      step: 6,
      after: key,
      says: [/switch back and forth with `a` and `w`/, /compares both at the same settings/],
      check: ({ board }) => {
        expect(board.workload).toBe('mixed');
        bothCompared(board);
        expectVerdictOfRows(board);
      },
    }),
  ),
  {
    step: 6,
    after: 'w',
    says: [/only workers keep the loop's lag low/],
    needsCores: true,
    readsLag: true,
    check: ({ board }) => workersLagFarBelowAsync(board),
  },
  {
    step: 7,
    after: 'r',
    says: [/`r` starts counters, charts and scoreboard afresh/],
    check: ({ last, board }, before) => {
      expect(board.earlier, 'no earlier settings after a reset').toEqual([]);
      expect(board.earlierHidden).toBe(0);
      for (const row of board.current.filter((candidate) => !candidate.running)) {
        expect(row.rest, row.line).toBe('not run at these settings');
      }
      const previous = before.get('5:w')?.last.tasks?.done ?? Number.NaN;
      expect(last.tasks?.done, `done before the reset: ${previous}`).toBeLessThan(previous);
    },
  },
];
