// A running task's slice counts, kept by id until it settles: right whatever order tasks start and end in.
import { describe, expect, it } from 'vitest';
import { TaskSliceStats } from '../source/engine/slices/task-slice-stats.ts';
import type { TaskRecord } from '../source/engine/types.ts';
import { seededRandom } from './helpers/seeded-random.ts';

const record = (id: number): TaskRecord => ({ id, state: 'running', model: 'async', submittedAt: 0 });

describe('task slice stats', () => {
  it('counts slices, the longest and their sum, and writes them into the record once', () => {
    const stats = new TaskSliceStats();
    expect(stats.add(5, 3)).toBe(1);
    expect(stats.add(5, 9)).toBe(2);
    expect(stats.add(5, 1)).toBe(3);
    const task = record(5);
    stats.fill(task);
    expect(task).toMatchObject({ slices: 3, longestSliceMs: 9, sliceMs: 13 });
    // Its slot is free once written: a later fill for it finds nothing.
    const again = record(5);
    stats.fill(again);
    expect(again.slices).toBeUndefined();
  });

  it.each([1, 2, 3, 4])('keeps every running task apart however many run, growing (seed %i)', (seed) => {
    const random = seededRandom(seed);
    const stats = new TaskSliceStats(1 << 16, 4);
    const running = new Map<number, { count: number; longest: number; sum: number }>();
    let nextId = 1;
    for (let step = 0; step < 4000; step++) {
      const roll = random();
      if (roll < 0.3 || running.size === 0) {
        running.set(nextId++, { count: 0, longest: 0, sum: 0 });
      } else {
        const ids = [...running.keys()];
        const id = ids[Math.floor(random() * ids.length)] as number;
        const expected = running.get(id) as { count: number; longest: number; sum: number };
        if (roll < 0.8) {
          const length = random() * 10;
          expected.count++;
          expected.longest = Math.max(expected.longest, length);
          expected.sum += length;
          expect(stats.add(id, length)).toBe(expected.count);
        } else {
          const task = record(id);
          stats.fill(task);
          running.delete(id);
          if (expected.count === 0) expect(task.slices).toBeUndefined();
          else {
            expect(task.slices).toBe(expected.count);
            expect(task.longestSliceMs).toBe(expected.longest);
            expect(task.sliceMs).toBeCloseTo(expected.sum, 9);
          }
        }
      }
    }
  });
});
