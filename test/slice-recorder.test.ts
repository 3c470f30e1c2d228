import { setTimeout as wait } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import {
  recordingSlices,
  runFirstSlice,
  startSliceRecording,
  stopSliceRecording,
} from '../source/engine/slices/slice-recorder.ts';

type Slice = { owner: object; start: number; lengthMs: number };

function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {}
}

function record(): Slice[] {
  const slices: Slice[] = [];
  startSliceRecording((owner, start, lengthMs) => slices.push({ owner, start, lengthMs }));
  return slices;
}

afterEach(() => stopSliceRecording());

describe('slice recorder', () => {
  it('records the first slice and each slice after an await, with their lengths', async () => {
    const slices = record();
    const task = { id: 1 };
    const done = runFirstSlice(
      task,
      async (ms: number) => {
        busy(ms);
        await wait(5);
        busy(ms * 3);
        await null;
        busy(ms * 2);
      },
      10,
    );
    await done;
    const mine = slices.filter((slice) => slice.owner === task);
    expect(mine).toHaveLength(3);
    const lengths = mine.map((slice) => slice.lengthMs);
    expect(lengths[0]).toBeGreaterThanOrEqual(10);
    expect(lengths[1]).toBeGreaterThanOrEqual(30);
    expect(lengths[2]).toBeGreaterThanOrEqual(20);
    // Slices never overlap and follow each other in time.
    for (let index = 1; index < mine.length; index++) {
      const previous = mine[index - 1] as Slice;
      expect((mine[index] as Slice).start).toBeGreaterThanOrEqual(previous.start + previous.lengthMs);
    }
  });

  it('tells interleaved tasks apart', async () => {
    const slices = record();
    const owners = [{ id: 1 }, { id: 2 }, { id: 3 }];
    const run = async (rounds: number) => {
      for (let round = 0; round < rounds; round++) await wait(1);
    };
    await Promise.all(owners.map((owner, index) => runFirstSlice(owner, run, index + 2)));
    const counts = owners.map((owner) => slices.filter((slice) => slice.owner === owner).length);
    // The first slice, then one slice per resume.
    expect(counts).toEqual([3, 4, 5]);
  });

  it('records a synchronous throw as one slice and rethrows it', () => {
    const slices = record();
    const owner = {};
    expect(() =>
      runFirstSlice(
        owner,
        () => {
          throw new Error('boom');
        },
        0,
      ),
    ).toThrow('boom');
    expect(slices.filter((slice) => slice.owner === owner)).toHaveLength(1);
  });

  it('records nothing, and still runs the task, once stopped', async () => {
    const slices = record();
    stopSliceRecording();
    expect(recordingSlices()).toBe(false);
    const value = await runFirstSlice(
      {},
      async (x: number) => {
        await null;
        return x * 2;
      },
      21,
    );
    expect(value).toBe(42);
    expect(slices).toHaveLength(0);
  });
});
