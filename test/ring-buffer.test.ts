import { describe, expect, it } from 'vitest';
import { RingBuffer } from '../source/engine/metrics/ring-buffer.ts';

function filled(capacity: number, items: number[]): RingBuffer<number> {
  const buffer = new RingBuffer<number>(capacity);
  for (const item of items) {
    buffer.push(item);
  }
  return buffer;
}

describe('RingBuffer', () => {
  it('keeps items oldest first until it is full', () => {
    const buffer = filled(4, [1, 2, 3]);
    expect(buffer.toArray()).toEqual([1, 2, 3]);
    expect(buffer.length).toBe(3);
    expect(buffer.capacity).toBe(4);
  });

  it('overwrites the oldest item once full', () => {
    expect(filled(3, [1, 2, 3, 4, 5]).toArray()).toEqual([3, 4, 5]);
  });

  it('never holds more than its capacity however much is pushed', () => {
    const buffer = filled(
      3,
      Array.from({ length: 10_001 }, (_, index) => index),
    );
    expect(buffer.length).toBe(3);
    expect(buffer.toArray()).toEqual([9998, 9999, 10_000]);
  });

  it('returns the newest items newest first, at most as many as it holds', () => {
    const buffer = filled(4, [1, 2, 3, 4, 5, 6]);
    expect(buffer.newest(2)).toEqual([6, 5]);
    expect(buffer.newest(10)).toEqual([6, 5, 4, 3]);
    expect(buffer.newest(0)).toEqual([]);
  });

  it('returns the newest item from last(), or undefined when empty', () => {
    expect(new RingBuffer<number>(2).last()).toBeUndefined();
    expect(filled(2, [1, 2, 3]).last()).toBe(3);
  });

  it('iterates oldest first after wrapping around', () => {
    expect([...filled(3, [1, 2, 3, 4])]).toEqual([2, 3, 4]);
  });

  it('is empty after clear() and fills again from scratch', () => {
    const buffer = filled(3, [1, 2, 3, 4]);
    buffer.clear();
    expect(buffer.length).toBe(0);
    expect(buffer.toArray()).toEqual([]);
    expect(buffer.last()).toBeUndefined();
    buffer.push(7);
    expect(buffer.toArray()).toEqual([7]);
  });

  it('rejects a capacity that is not a positive integer', () => {
    expect(() => new RingBuffer(0)).toThrow(RangeError);
    expect(() => new RingBuffer(2.5)).toThrow(RangeError);
  });
});
