import { describe, expect, it } from 'vitest';
import { maxWorstBlockers, withWorstBlocker } from '../source/engine/blame/worst-blockers.ts';
import type { Stall } from '../source/engine/types.ts';
import { seededRandom } from './helpers/seeded-random.ts';

function stall(at: number, sliceMs?: number, taskId = at, sliceNumber = 1): Stall {
  return {
    at,
    durationMs: sliceMs ?? 30,
    culprits: sliceMs === undefined ? [] : [{ taskId, workload: 'cpu', sliceMs, sliceNumber }],
    tasks: sliceMs === undefined ? 0 : 1,
  };
}

const longest = (list: readonly Stall[]) => list.map((one) => one.culprits[0]?.sliceMs);

describe('withWorstBlocker', () => {
  it('keeps the longest culprit slices first, at most five', () => {
    let worst: readonly Stall[] = [];
    for (const [at, ms] of [
      [1, 30],
      [2, 90],
      [3, 45],
      [4, 200],
      [5, 21],
      [6, 60],
      [7, 25],
    ] as const) {
      worst = withWorstBlocker(worst, stall(at, ms));
    }
    expect(longest(worst)).toEqual([200, 90, 60, 45, 30]);
  });

  it('leaves out a stall no task was blamed for', () => {
    const worst = [stall(1, 50)];
    expect(withWorstBlocker(worst, stall(2))).toBe(worst);
  });

  it('keeps the earlier of two equally long blockers ahead', () => {
    const worst = withWorstBlocker(withWorstBlocker([], stall(1, 50)), stall(2, 50));
    expect(worst.map((one) => one.at)).toEqual([1, 2]);
  });

  it('lists one slice once', () => {
    const first = withWorstBlocker([], stall(1, 50, 9, 2));
    expect(withWorstBlocker(first, stall(2, 40, 9, 2))).toBe(first);
    expect(withWorstBlocker(first, stall(3, 70, 9, 2)).map((one) => one.at)).toEqual([3]);
    expect(withWorstBlocker(first, stall(4, 40, 9, 3))).toHaveLength(2);
  });

  it('over random stalls, always holds the longest slices seen, sorted and bounded', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const random = seededRandom(seed);
      let worst: readonly Stall[] = [];
      const seen: number[] = [];
      for (let index = 0; index < 40; index++) {
        const blamed = random() < 0.8;
        const ms = Math.round(20 + random() * 200);
        worst = withWorstBlocker(worst, stall(index, blamed ? ms : undefined, index));
        if (blamed) seen.push(ms);
        const expected = [...seen].sort((a, b) => b - a).slice(0, maxWorstBlockers);
        expect(longest(worst), `seed ${seed} step ${index}`).toEqual(expected);
      }
    }
  });
});
