import { describe, expect, it } from 'vitest';
import { PendingQueue } from '../source/engine/models/pending-queue.ts';
import { seededRandom } from './helpers/seeded-random.ts';

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

  it('puts items back in order among the queued ones, after any sequence of shifts and give-backs', () => {
    const next = seededRandom(37);
    const byNumber = (a: number, b: number) => a - b;
    for (let round = 0; round < 50; round++) {
      const queue = new PendingQueue<number>();
      const model: number[] = [];
      let submitted = 0;
      const out: number[] = [];
      for (let step = 0; step < 200; step++) {
        const roll = next();
        if (roll < 0.5) {
          queue.push(submitted);
          model.push(submitted++);
        } else if (roll < 0.8) {
          const item = queue.shift();
          expect(item).toBe(model.shift());
          if (item !== undefined) out.push(item);
        } else {
          // Some taken-out items come back, in any number and from anywhere in what went out: a task a process
          // held can come back after older ones did.
          const back = out.filter(() => next() < 0.3).sort(byNumber);
          for (const item of back) out.splice(out.indexOf(item), 1);
          queue.putBack(back, byNumber);
          model.push(...back);
          model.sort(byNumber);
        }
        expect(queue.size).toBe(model.length);
      }
      expect(queue.drain()).toEqual(model);
    }
  });

  it('puts back items older than everything queued at the front, as unshiftAll does', () => {
    const queue = new PendingQueue<number>();
    for (const item of [1, 2, 3, 4, 5]) queue.push(item);
    queue.shift();
    queue.shift();
    queue.putBack([1, 2], (a, b) => a - b);
    expect(queue.drain()).toEqual([1, 2, 3, 4, 5]);
  });
});
