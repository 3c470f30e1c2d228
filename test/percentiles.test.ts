import { createHistogram } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { LatencyHistogram, percentilesOf } from '../source/engine/metrics/percentiles.ts';
import { seededRandom } from './helpers/seeded-random.ts';

const oneToHundred = Array.from({ length: 100 }, (_, index) => index + 1);

describe('percentilesOf', () => {
  it('uses nearest rank', () => {
    expect(percentilesOf(oneToHundred)).toEqual({ p50: 50, p99: 99, max: 100 });
    expect(percentilesOf([3, 1, 2])).toEqual({ p50: 2, p99: 3, max: 3 });
  });

  it('gives zeros for an empty list', () => {
    expect(percentilesOf([])).toEqual({ p50: 0, p99: 0, max: 0 });
  });

  it('does not reorder the caller’s array', () => {
    const values = [5, 1, 3];
    percentilesOf(values);
    expect(values).toEqual([5, 1, 3]);
  });

  it('skips NaN', () => {
    expect(percentilesOf([Number.NaN, 4])).toEqual({ p50: 4, p99: 4, max: 4 });
  });
});

describe('LatencyHistogram', () => {
  // Node's histogram keeps 3 significant digits: a read is within 0.1 % of what was recorded.
  const withinPrecision = (actual: number, expected: number) =>
    expect(Math.abs(actual - expected)).toBeLessThanOrEqual(expected * 0.001 + 0.001);

  it('reads percentiles, count and mean in milliseconds', () => {
    const histogram = new LatencyHistogram();
    for (const value of oneToHundred) {
      histogram.record(value);
    }
    const reading = histogram.read();
    withinPrecision(reading.p50, 50);
    withinPrecision(reading.p99, 99);
    withinPrecision(reading.max, 100);
    withinPrecision(reading.mean, 50.5);
    expect(reading.count).toBe(100);
  });

  it('keeps microsecond precision below a millisecond', () => {
    const histogram = new LatencyHistogram();
    histogram.record(0.25);
    expect(histogram.read().max).toBe(0.25);
  });

  it('counts values under a microsecond, zero and negatives as one microsecond', () => {
    const histogram = new LatencyHistogram();
    histogram.record(0);
    histogram.record(0.0001);
    histogram.record(-3);
    expect(histogram.read()).toMatchObject({ count: 3, max: 0.001 });
  });

  it('clamps values over 12.7 days to 12.7 days instead of throwing, and ignores NaN', () => {
    const histogram = new LatencyHistogram();
    histogram.record(1e30);
    histogram.record(Number.POSITIVE_INFINITY);
    histogram.record(Number.NaN);
    const reading = histogram.read();
    expect(reading.count).toBe(2);
    withinPrecision(reading.max, 2 ** 40 / 1000);
  });

  it('keeps a day-long latency to its precision', () => {
    const histogram = new LatencyHistogram();
    const day = 24 * 60 * 60 * 1000;
    histogram.record(day);
    withinPrecision(histogram.read().max, day);
  });

  it('reads zeros when empty and after reset()', () => {
    const histogram = new LatencyHistogram();
    expect(histogram.read()).toEqual({ p50: 0, p99: 0, max: 0, count: 0, mean: 0 });
    histogram.record(12);
    histogram.reset();
    expect(histogram.read()).toEqual({ p50: 0, p99: 0, max: 0, count: 0, mean: 0 });
  });

  it('merges another histogram with add(), leaving the other unchanged', () => {
    const low = new LatencyHistogram();
    const high = new LatencyHistogram();
    for (const value of oneToHundred) {
      (value <= 50 ? low : high).record(value);
    }
    low.add(high);
    const merged = low.read();
    expect(merged.count).toBe(100);
    withinPrecision(merged.p50, 50);
    withinPrecision(merged.p99, 99);
    withinPrecision(merged.max, 100);
    expect(high.read().count).toBe(50);
  });

  it('reads what node’s HDR histogram reads, to its precision, over random latencies (seeded)', () => {
    const next = seededRandom(16);
    for (let round = 0; round < 40; round++) {
      const ours = new LatencyHistogram();
      const node = createHistogram({ lowest: 1, highest: 2 ** 40, figures: 3 });
      const count = 1 + Math.floor(next() * 3000);
      // Log-uniform from 1 µs to a day, as latencies spread over orders of magnitude.
      for (let index = 0; index < count; index++) {
        const microseconds = Math.max(1, Math.round(Math.exp(next() * Math.log(86_400_000_000))));
        ours.record(microseconds / 1000);
        node.record(microseconds);
      }
      const reading = ours.read();
      expect(reading.count).toBe(count);
      for (const [percentile, value] of [
        [50, reading.p50],
        [99, reading.p99],
      ] as const) {
        const expected = node.percentile(percentile) / 1000;
        expect(Math.abs(value - expected), `p${percentile} of round ${round}`).toBeLessThanOrEqual(
          expected * 0.002 + 0.001,
        );
      }
      withinPrecision(reading.max, node.max / 1000);
      withinPrecision(reading.mean, node.mean / 1000);
    }
  });
});
