import { describe, expect, it } from 'vitest';
import { blameStall, maxCulprits } from '../source/engine/blame/stall-attribution.ts';
import type { LoopSlice } from '../source/engine/slices/slice-query.ts';
import { seededRandom } from './helpers/seeded-random.ts';

function slice(taskId: number, start: number, lengthMs: number, sliceNumber = 1): LoopSlice {
  return { taskId, workload: 'cpu', start, lengthMs, sliceNumber };
}

describe('blameStall', () => {
  it('names the task whose slice covered the stall, with the slice’s own length', () => {
    const stall = blameStall(1000, 180, [slice(1234, 998, 182, 2)]);
    expect(stall).toEqual({
      at: 1000,
      durationMs: 180,
      culprits: [{ taskId: 1234, workload: 'cpu', sliceMs: 182, sliceNumber: 2 }],
      tasks: 1,
    });
  });

  it('lists the longest slices first, at most three, and counts every task', () => {
    const slices = [slice(1, 0, 10), slice(2, 10, 40), slice(3, 50, 5), slice(4, 55, 30), slice(5, 85, 20)];
    const stall = blameStall(0, 105, slices);
    expect(stall.culprits.map((culprit) => culprit.taskId)).toEqual([2, 4, 5]);
    expect(stall.tasks).toBe(5);
  });

  it('names a task once, by its longest slice, when several of its slices covered the stall', () => {
    const stall = blameStall(0, 100, [slice(7, 0, 20, 1), slice(8, 20, 30), slice(7, 50, 45, 2)]);
    expect(stall.culprits).toEqual([
      { taskId: 7, workload: 'cpu', sliceMs: 45, sliceNumber: 2 },
      { taskId: 8, workload: 'cpu', sliceMs: 30, sliceNumber: 1 },
    ]);
    expect(stall.tasks).toBe(2);
  });

  it('blames nobody for a 30 ms stall in which one task ran only a 0.36 ms slice', () => {
    // As the dashboard saw it while its first frames were drawn: the task's short first slice fell in the stall.
    const stall = blameStall(1000, 30, [slice(3, 1010, 0.36), slice(2, 950, 49.9)]);
    expect(stall).toEqual({ at: 1000, durationMs: 30, culprits: [], tasks: 0 });
  });

  it('blames the tasks once their slices covered half of the stall', () => {
    const half = blameStall(0, 40, [slice(1, 0, 12), slice(2, 30, 8)]);
    expect(half.culprits.map((culprit) => culprit.taskId)).toEqual([1, 2]);
    const less = blameStall(0, 40, [slice(1, 0, 12), slice(2, 32, 7.9)]);
    expect(less.culprits).toEqual([]);
  });

  it('blames nobody for a stall no task slice covered (GC, the engine’s own work)', () => {
    const stall = blameStall(500, 40, [slice(1, 400, 99), slice(2, 540, 10)]);
    expect(stall.culprits).toEqual([]);
    expect(stall.tasks).toBe(0);
  });
});

describe('blameStall over random slices and stalls', () => {
  it('names exactly the overlapping slices, longest first, and counts the tasks, once they covered half of it', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const random = seededRandom(seed);
      // Slices one after the other on one loop, with idle gaps, as the loop runs them.
      const slices: LoopSlice[] = [];
      let time = 0;
      for (let index = 0; index < 1 + Math.floor(random() * 30); index++) {
        time += random() < 0.5 ? 0 : random() * 30;
        const lengthMs = Math.round(random() * 60 * 100) / 100;
        slices.push(slice(1 + Math.floor(random() * 12), time, lengthMs, 1 + Math.floor(random() * 3)));
        time += lengthMs;
      }
      const at = random() * time;
      const durationMs = 1 + random() * 80;
      const stall = blameStall(at, durationMs, slices);

      const covering = slices.filter((one) => one.start < at + durationMs && one.start + one.lengthMs > at);
      const what = `seed ${seed}`;
      // Under half of the stall covered by tasks' slices: blamed on nobody.
      const coveredMs = covering.reduce(
        (sum, one) => sum + Math.min(at + durationMs, one.start + one.lengthMs) - Math.max(at, one.start),
        0,
      );
      if (coveredMs * 2 < durationMs) {
        expect(stall, what).toEqual({ at, durationMs, culprits: [], tasks: 0 });
        continue;
      }
      const tasks = new Set(covering.map((one) => one.taskId));
      expect(stall.tasks, what).toBe(tasks.size);
      expect(stall.culprits.length, what).toBe(Math.min(maxCulprits, tasks.size));
      expect(new Set(stall.culprits.map((culprit) => culprit.taskId)).size, what).toBe(stall.culprits.length);
      for (let index = 1; index < stall.culprits.length; index++) {
        expect(stall.culprits[index - 1]?.sliceMs, what).toBeGreaterThanOrEqual(
          stall.culprits[index]?.sliceMs ?? 0,
        );
      }
      // Each culprit is its task's longest covering slice; no task left out has a longer one.
      for (const culprit of stall.culprits) {
        const own = covering.filter((one) => one.taskId === culprit.taskId);
        expect(culprit.sliceMs, what).toBe(Math.max(...own.map((one) => one.lengthMs)));
        expect(
          own.some((one) => one.lengthMs === culprit.sliceMs && one.sliceNumber === culprit.sliceNumber),
          what,
        ).toBe(true);
      }
      const named = new Set(stall.culprits.map((culprit) => culprit.taskId));
      const shortest = stall.culprits.at(-1)?.sliceMs ?? Number.POSITIVE_INFINITY;
      for (const one of covering) {
        if (!named.has(one.taskId)) expect(one.lengthMs, what).toBeLessThanOrEqual(shortest);
      }
    }
  });
});
