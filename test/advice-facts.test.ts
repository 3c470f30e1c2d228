import { describe, expect, test } from 'vitest';
import { adviceFacts, queueTrend, stallFacts, stallSpanMs } from '../source/engine/advice/advice-facts.ts';
import type { HistoryPoint, Stall } from '../source/engine/types.ts';
import { asyncRunningCpu, at, paused, workersBusy } from './fixtures/snapshots.ts';

const beside = { loopCores: 0.9, gcShare: 0.1, queue: [] };

function stall(endsAgo: number, durationMs: number, sliceMs?: number): Stall {
  return {
    at: at - endsAgo - durationMs,
    durationMs,
    culprits: sliceMs === undefined ? [] : [{ taskId: 7, workload: 'cpu', sliceMs, sliceNumber: 1 }],
    tasks: sliceMs === undefined ? 0 : 1,
  };
}

describe('advice facts', () => {
  test('stalls that ended within the span count; those one slice explains are blamed on it', () => {
    const facts = stallFacts(
      [stall(stallSpanMs + 10, 80, 80), stall(500, 40, 39), stall(200, 60, 5), stall(100, 30)],
      at,
      20,
    );
    expect(facts).toEqual({
      count: 3,
      blamedOnLongSlices: 1,
      longestSliceMs: 39,
      culprit: { taskId: 7, workload: 'cpu' },
    });
  });

  test('a slice under the stall threshold explains no stall, however short the stall', () => {
    expect(stallFacts([stall(0, 21, 15)], at, 20).blamedOnLongSlices).toBe(0);
  });

  test('the queue trend is its change per second, and it stands when every reading held tasks', () => {
    expect(queueTrend([])).toEqual({ growth: 0, standing: false });
    expect(
      queueTrend([
        { at: 0, size: 10 },
        { at: 500, size: 12 },
        { at: 1000, size: 30 },
      ]),
    ).toEqual({ growth: 20, standing: true });
    expect(
      queueTrend([
        { at: 0, size: 3 },
        { at: 250, size: 0 },
      ]).standing,
    ).toBe(false);
  });

  test('async: the loop, the CPU and the stalls, and no pool', () => {
    const snapshot = {
      ...asyncRunningCpu,
      stalls: { thresholdMs: 20, recent: [stall(100, 40, 40)], worst: [] },
    };
    const facts = adviceFacts(snapshot, beside);
    expect(facts.quiet).toBe(false);
    expect(facts.elu).toBe(0.99);
    expect(facts.loopCores).toBe(0.9);
    expect(facts.machineBusyCores).toBeCloseTo(1.29);
    expect(facts.otherCores).toBeCloseTo(0.29);
    expect(facts.logicalCores).toBe(8);
    expect(facts.parallelCores).toBe(8);
    expect(facts.stalls?.blamedOnLongSlices).toBe(1);
    expect(facts.pool).toBeUndefined();
    expect(facts.gcShare).toBe(0.1);
  });

  test('without stall measurements the facts have none', () => {
    expect(adviceFacts(asyncRunningCpu, beside).stalls).toBeUndefined();
  });

  test("workers: the current pool, its CPU beside the loop's and the queue's trend", () => {
    const queue = [
      { at: at - 1000, size: 4 },
      { at, size: 4 },
    ];
    const facts = adviceFacts(workersBusy, { loopCores: 0.1, gcShare: 0, queue });
    expect(facts.pool).toMatchObject({
      threads: 4,
      busyThreads: 4,
      utilization: 0.97,
      queueSize: 4,
      queueGrowthPerSecond: 0,
      queueStanding: true,
      tasksPerWorker: 1,
      gil: false,
    });
    expect(facts.pool?.poolCores).toBeCloseTo(3.8);
  });

  test('without a thread clock the process stands in for the loop', () => {
    expect(adviceFacts(workersBusy, { ...beside, loopCores: undefined }).loopCores).toBe(3.9);
  });

  test('a paused run and a settling one are quiet', () => {
    expect(adviceFacts(paused, beside).quiet).toBe(true);
    const last = workersBusy.history.at(-1) as HistoryPoint;
    const settling = {
      ...workersBusy,
      history: [...workersBusy.history.slice(0, -1), { ...last, settling: true }],
    };
    expect(adviceFacts(workersBusy, beside).quiet).toBe(false);
    expect(adviceFacts(settling, beside).quiet).toBe(true);
  });
});
