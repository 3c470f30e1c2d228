import { describe, expect, it } from 'vitest';
import { ThreadSliceCollector } from '../source/engine/slices/thread-slice-collector.ts';
import {
  createThreadSliceRing,
  ThreadSliceReader,
  writeSlice,
} from '../source/engine/slices/thread-slice-ring.ts';

type Slice = [lane: string, taskId: number, start: number, lengthMs: number, sliceNumber: number];

function drained(reader: ThreadSliceReader): { slices: Slice[]; dropped: number } {
  const slices: Slice[] = [];
  const dropped = reader.drain((...slice) => slices.push(slice));
  return { slices, dropped };
}

describe('the thread slice ring', () => {
  it('hands over every slice written since the last drain, in order, once', () => {
    const reader = new ThreadSliceReader(createThreadSliceRing(8));
    reader.lane = 't2';
    writeSlice(reader.ring, 7, 100, 2.5, 1);
    writeSlice(reader.ring, 8, 103, 1, 1);
    expect(drained(reader)).toEqual({
      slices: [
        ['t2', 7, 100, 2.5, 1],
        ['t2', 8, 103, 1, 1],
      ],
      dropped: 0,
    });
    writeSlice(reader.ring, 7, 110, 4, 2);
    expect(drained(reader)).toEqual({ slices: [['t2', 7, 110, 4, 2]], dropped: 0 });
    expect(drained(reader)).toEqual({ slices: [], dropped: 0 });
  });

  it('counts the slices a reader fell too far behind to read, and keeps the newest', () => {
    const reader = new ThreadSliceReader(createThreadSliceRing(8));
    for (let index = 0; index < 20; index++) writeSlice(reader.ring, index, index, 1, 1);
    const { slices, dropped } = drained(reader);
    // A whole ring behind: the slot the writer would fill next is not read.
    expect(dropped + slices.length).toBe(20);
    expect(slices.map((slice) => slice[1])).toEqual([13, 14, 15, 16, 17, 18, 19]);
  });

  it('keeps counting across the wrap of its 32-bit write count', () => {
    const reader = new ThreadSliceReader(createThreadSliceRing(8));
    reader.ring.head[0] = 2 ** 31 - 2;
    // Read up to the writer's count first, as a reader that has followed it all along would have.
    drained(reader);
    for (let index = 0; index < 5; index++) writeSlice(reader.ring, index, index, 1, 1);
    expect(drained(reader)).toEqual({
      slices: [0, 1, 2, 3, 4].map((index) => ['', index, index, 1, 1]),
      dropped: 0,
    });
  });
});

describe('the thread slice collector', () => {
  it('names lanes by position and reads a departed thread once more after it exited, then forgets it', () => {
    const slices: Slice[] = [];
    const collector = new ThreadSliceCollector((...slice) => slices.push(slice), 8);
    const first = { slices: collector.open() };
    const second = { slices: collector.open() };
    first.slices.started = true;
    second.slices.started = true;
    collector.name([first, second]);
    writeSlice(second.slices.ring, 1, 10, 1, 1);
    // The second thread leaves the pool; it still runs for a while, then exits.
    collector.drain([first]);
    writeSlice(second.slices.ring, 1, 12, 1, 2);
    collector.drain([first]);
    second.slices.exited = true;
    writeSlice(second.slices.ring, 2, 14, 1, 1);
    collector.drain([first]);
    writeSlice(second.slices.ring, 3, 16, 1, 1);
    collector.drain([first]);
    expect(slices).toEqual([
      ['t2', 1, 10, 1, 1],
      ['t2', 1, 12, 1, 2],
      ['t2', 2, 14, 1, 1],
    ]);
    expect(collector.dropped).toBe(0);
  });
});
