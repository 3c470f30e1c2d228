// Watches the dashboard in a real terminal until the row of the model running now has stopped settling and
// counted for a while, checking on every frame what must always hold: the scoreboard compares only rows at the
// settings it names, and those are the settings the header says run.

import { setTimeout as delay } from 'node:timers/promises';
import { expect } from 'vitest';
import { modelNames } from '../../source/engine/models/model-descriptors.ts';
import type { ModelName } from '../../source/engine/types.ts';
import { type DashboardScreen, parseDashboard, type Scoreboard } from './dashboard-screen.ts';
import type { Observation } from './talk-claims.ts';

/** What the test drove the dashboard to: the settings the screen must show. */
export type Expected = {
  model: ModelName;
  workload: string;
  concurrency: number;
  /** When these settings (workload and load) began, by the test's clock: no row at them can have run longer. */
  since: number;
};

/** The notes a row at the current settings may carry instead of a difference in settings. */
const currentNote = /^(|⚠ overlapping|.*, not compared|not run at these settings|settling: .*|starting: .*)$/;

/** A row that has just started counting may read 0/s until its first task ends, for a frame or so. */
const firstTaskMs = 1000;

/**
 * Checks that hold on every frame, whatever the step. `countingForMs`: how long the running row has counted
 * (0 while it settles).
 */
export function expectLikeWithLike(
  screen: DashboardScreen,
  board: Scoreboard,
  expected: Expected,
  at: number,
  countingForMs: number,
) {
  const context = `\n${screen.text}`;
  expect(board.inFlight, `the scoreboard's "in flight" is the header's concurrency${context}`).toBe(
    screen.header?.concurrency,
  );
  expect(board.workload, `the scoreboard's workload is the header's${context}`).toBe(screen.header?.workload);
  const models = board.current.map((row) => row.model);
  // One row per model at the current settings: the talk's two at least, each a model of the table, none twice.
  expect(new Set(models).size, `no model twice at the current settings${context}`).toBe(models.length);
  expect(modelNames(), `only models of the table${context}`).toEqual(expect.arrayContaining(models));
  expect(models, `one row per model at the current settings${context}`).toEqual(
    expect.arrayContaining(['async', 'workers']),
  );
  // Rows are compared once two of them have numbers; one alone shows 0/s until its first task ends.
  const comparing = board.current.filter((row) => row.compared).length >= 2;
  for (const row of board.current) {
    // A row at the current settings names no difference; one that differs belongs below, with its difference.
    expect(row.rest, `a row at the current settings: ${row.line}${context}`).toMatch(currentNote);
    if (!row.compared) continue;
    if (comparing && !(row.running && countingForMs < firstTaskMs)) {
      expect(row.throughput, `a compared row reads more than 0/s: ${row.line}${context}`).toBeGreaterThan(0);
    }
    // Measured only at these settings: never for longer than they have run (the screen shows whole seconds).
    expect(
      row.ranMs,
      `ran at most since ${expected.workload} at ${expected.concurrency}: ${row.line}${context}`,
    ).toBeLessThanOrEqual(at - expected.since + 250);
  }
  for (const row of board.earlier) {
    expect(row.rest, `an earlier row says what sets it apart: ${row.line}${context}`).not.toBe('');
    // Every setting of the talk ran until a task finished: none is listed as if nothing ever did.
    if (row.counting)
      expect(row.throughput, `an earlier row reads more than 0/s: ${row.line}${context}`).toBeGreaterThan(0);
  }
}

export type ObserveOptions = {
  /** How long the running row must count (and have finished a task) before returning. @default 2500 */
  countMs?: number;
  /** How long to wait for the row to count at all. @default 20000 */
  timeoutMs?: number;
};

/**
 * Polls the screen until the scoreboard shows `expected` with the running model's row counting (settled) for
 * `countMs` and past 0/s; returns every frame seen since it counted. Throws with the last screen at the deadline.
 */
export async function observe(
  screen: () => string,
  expected: Expected,
  { countMs = 2500, timeoutMs = 20_000 }: ObserveOptions = {},
): Promise<Observation> {
  const deadline = performance.now() + timeoutMs;
  const frames: DashboardScreen[] = [];
  let countingSince: number | undefined;
  let last: DashboardScreen | undefined;
  /** Captures and checks a frame; returns it with its running row when it shows `expected`. */
  const look = () => {
    last = parseDashboard(screen());
    // After the capture: the screen may show what was drawn while the capture ran (slow on a busy machine).
    const at = performance.now();
    const board = last.scoreboard;
    const running = board?.current.find((row) => row.running);
    const shows =
      board?.workload === expected.workload &&
      last.header?.concurrency === expected.concurrency &&
      running?.model === expected.model;
    if (!board || !running || !shows) return undefined;
    const countingFor = running.counting ? at - (countingSince ?? at) : 0;
    expectLikeWithLike(last, board, expected, at, countingFor);
    return { at, frame: last, board, running };
  };
  while (performance.now() < deadline) {
    let seen: ReturnType<typeof look>;
    try {
      seen = look();
    } catch {
      // tmux can be read between two writes of one frame: only a failure a fresh capture repeats counts.
      await delay(100);
      seen = look();
    }
    if (seen?.running.counting) {
      const { at, board, running, frame } = seen;
      countingSince ??= at;
      frames.push(frame);
      if (at - countingSince >= countMs && (running.throughput ?? 0) > 0)
        return { frames, last: frame, board };
    }
    await delay(250);
  }
  throw new Error(
    `timed out after ${timeoutMs} ms waiting for ${expected.model} to count on ${expected.workload} at ${expected.concurrency} in flight; the screen was:\n${(last as DashboardScreen | undefined)?.text ?? ''}`,
  );
}
