import { describe, expect, it } from 'vitest';
import { LogHistogramCounter } from '../source/engine/metrics/log-histogram.ts';
import { seededRandom } from './helpers/seeded-random.ts';

describe('log histogram', () => {
  it('puts each value in the first bucket whose bound is at or above it', () => {
    const histogram = new LogHistogramCounter({ firstBound: 1, factor: 2, buckets: 5 });
    for (const value of [0, 0.5, 1, 1.5, 2, 3, 4, 100]) histogram.record(value);
    const { bounds, counts } = histogram.sample();
    expect(bounds).toEqual([1, 2, 4, 8, 16]);
    expect(counts).toEqual([3, 2, 2, 0, 1]);
  });

  it('counts every value once, whatever the values', () => {
    const random = seededRandom(7);
    const histogram = new LogHistogramCounter();
    const values = Array.from({ length: 5000 }, () => random() ** 4 * 10_000);
    for (const value of values) histogram.record(value);
    const { bounds, counts } = histogram.sample();
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(values.length);
    // Each value below the last bound lies within its bucket.
    const last = bounds.at(-1) as number;
    const expected = bounds.map(
      (bound, index) =>
        values.filter((value) => value <= bound && (index === 0 || value > (bounds[index - 1] as number)))
          .length,
    );
    expected.push((expected.pop() as number) + values.filter((value) => value > last).length);
    expect(counts).toEqual(expected);
  });

  it('starts afresh on reset', () => {
    const histogram = new LogHistogramCounter();
    histogram.record(3);
    histogram.reset();
    expect(histogram.sample().counts.every((count) => count === 0)).toBe(true);
  });
});
