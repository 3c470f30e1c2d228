import { describe, expect, it } from 'vitest';
import { createGilLock, setGilOn } from '../source/engine/models/gil-lock.ts';
import { GilSliceHolds } from '../source/engine/models/gil-slice-holds.ts';
import { TaskSlices } from '../source/engine/slices/thread-slice-tasks.ts';
import type { Workload } from '../source/engine/types.ts';

const workload: Workload = { name: 'w', kind: 'cpu', description: '', knobs: [], run: () => 0 };

function cutBy(holds: GilSliceHolds, start: number, lengthMs: number): [number, number][] {
  const pieces: [number, number][] = [];
  holds.clip(
    new TaskSlices(workload, { id: 1, knobs: {}, context: {} }),
    start,
    lengthMs,
    (_task, at, length) => pieces.push([at, length]),
  );
  return pieces;
}

describe('cutting slices to the GIL holds', () => {
  it('leaves out the wait for the lock at a slice start and the time after it was given back', () => {
    const holds = new GilSliceHolds();
    holds.following = true;
    holds.held(105);
    holds.released(118);
    expect(cutBy(holds, 100, 20)).toEqual([[105, 13]]);
  });

  it('splits a slice around a blocking wait that gave the lock up, and keeps the open hold', () => {
    const holds = new GilSliceHolds();
    holds.following = true;
    holds.held(100);
    holds.released(104);
    holds.held(110);
    expect(cutBy(holds, 100, 15)).toEqual([
      [100, 4],
      [110, 5],
    ]);
    // The open hold carries on into the next slice; the closed ones were used up.
    expect(cutBy(holds, 120, 2)).toEqual([[120, 2]]);
  });

  it('passes slices as they are while the thread does not follow the lock', () => {
    const holds = new GilSliceHolds();
    holds.held(105);
    holds.released(106);
    expect(cutBy(holds, 100, 20)).toEqual([[100, 20]]);
  });

  it('records nothing of a slice run entirely without the lock', () => {
    const holds = new GilSliceHolds();
    holds.following = true;
    holds.held(50);
    holds.released(60);
    expect(cutBy(holds, 100, 20)).toEqual([]);
  });

  it('passes slices as they are once the lock is switched off, before the thread stops following it', () => {
    const lock = createGilLock(true);
    const holds = new GilSliceHolds(lock);
    holds.following = true;
    holds.held(50);
    holds.released(60);
    expect(cutBy(holds, 100, 20)).toEqual([]);
    setGilOn(lock, false);
    expect(cutBy(holds, 130, 20)).toEqual([[130, 20]]);
  });
});
