import { describe, expect, it } from 'vitest';
import { PendingQueue } from '../source/engine/models/pending-queue.ts';

describe('PendingQueue', () => {
  it('hands items back first in, first out', () => {
    const queue = new PendingQueue<number>();
    for (const item of [1, 2, 3]) queue.push(item);
    expect(queue.size).toBe(3);
    expect([queue.shift(), queue.shift()]).toEqual([1, 2]);
    queue.push(4);
    expect([queue.shift(), queue.shift(), queue.shift()]).toEqual([3, 4, undefined]);
    expect(queue.size).toBe(0);
  });

  it('keeps its order across long runs of pushes and shifts', () => {
    const queue = new PendingQueue<number>();
    const out: number[] = [];
    for (let item = 0; item < 10_000; item++) {
      queue.push(item);
      if (item % 3 !== 0) out.push(queue.shift() as number);
    }
    while (queue.size > 0) out.push(queue.shift() as number);
    expect(out).toEqual(Array.from({ length: 10_000 }, (_, item) => item));
  });

  it('takes out the items a predicate picks and keeps the others in order', () => {
    const queue = new PendingQueue<number>();
    for (const item of [1, 2, 3, 4, 5]) queue.push(item);
    queue.shift();
    expect(queue.removeWhere((item) => item % 2 === 0)).toEqual([2, 4]);
    expect(queue.drain()).toEqual([3, 5]);
    expect(queue.size).toBe(0);
  });

  it('puts items back at the front in their order, whether or not the consumed front has room', () => {
    const queue = new PendingQueue<number>();
    for (const item of [1, 2, 3, 4, 5, 6]) queue.push(item);
    queue.shift();
    queue.shift();
    queue.shift();
    // Three consumed places at the front: the two fit there.
    queue.unshiftAll([2, 3]);
    expect(queue.size).toBe(5);
    // No consumed place left: the array is rebuilt.
    queue.unshiftAll([0, 1]);
    queue.unshiftAll([]);
    queue.push(7);
    expect(queue.drain()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
});
