import { describe, expect, it } from 'vitest';
import {
  defaultSweepThreads,
  fitSerialFraction,
  parallelProcessors,
  speedupCurve,
} from '../source/engine/amdahl-fit.ts';
import { seededRandom } from './helpers/seeded-random.ts';

/** Throughput Amdahl's law predicts at `threads` for serial fraction `serial`, one thread doing `one` per second. */
const amdahl = (one: number, serial: number, processors: number) =>
  one / (serial + (1 - serial) / processors);

describe('the speedup curve', () => {
  it('measures each point against one thread and holds CPU work to the cores', () => {
    const curve = speedupCurve(
      [
        { threads: 4, throughput: 190 },
        { threads: 1, throughput: 100 },
        { threads: 2, throughput: 180 },
      ],
      2,
      true,
    );
    expect(curve.map((point) => [point.threads, point.speedup, point.ideal])).toEqual([
      [1, 1, 1],
      [2, 1.8, 2],
      [4, 1.9, 2],
    ]);
  });

  it('lets waiting work have as many processors as threads', () => {
    expect(parallelProcessors(8, 2, false)).toBe(8);
    expect(parallelProcessors(8, 2, true)).toBe(2);
    expect(parallelProcessors(1, 2, true)).toBe(1);
  });

  it('has no curve without a one-thread point that finished anything', () => {
    expect(speedupCurve([{ threads: 2, throughput: 10 }], 2, true)).toEqual([]);
    expect(speedupCurve([{ threads: 1, throughput: 0 }], 2, true)).toEqual([]);
  });

  it('sweeps 1, 2, 4 … up to twice the cores', () => {
    expect(defaultSweepThreads(2)).toEqual([1, 2, 4]);
    expect(defaultSweepThreads(6)).toEqual([1, 2, 4, 8]);
    expect(defaultSweepThreads(1)).toEqual([1, 2]);
  });
});

describe('the Amdahl fit', () => {
  for (const serial of [0, 0.03, 0.25, 0.5, 0.9, 1]) {
    it(`recovers a serial fraction of ${serial} exactly from points on the law`, () => {
      const points = [1, 2, 3, 4, 8].map((threads) => ({ threads, throughput: amdahl(50, serial, threads) }));
      const fitted = fitSerialFraction(speedupCurve(points, 64, false));
      expect(fitted).toBeCloseTo(serial, 12);
    });
  }

  it('recovers it within 0.05 from points off the law by up to 2.5 %, over many seeded draws', () => {
    const random = seededRandom(13);
    for (let draw = 0; draw < 200; draw++) {
      const serial = random() * 0.6;
      const points = [1, 2, 4, 8].map((threads) => ({
        threads,
        throughput: amdahl(80, serial, threads) * (1 + (random() - 0.5) * 0.05),
      }));
      // The base point carries noise too: divide by a noisy X(1) as the bench does.
      const fitted = fitSerialFraction(speedupCurve(points, 64, false)) as number;
      expect(Math.abs(fitted - serial), `draw ${draw}: s = ${serial}`).toBeLessThan(0.05);
    }
  });

  it('fits CPU work against the cores, not the threads', () => {
    // Perfectly parallel on 2 cores: 4 threads give 2×, which against 4 processors would look partly serial.
    const points = [
      { threads: 1, throughput: 10 },
      { threads: 2, throughput: 20 },
      { threads: 4, throughput: 20 },
    ];
    expect(fitSerialFraction(speedupCurve(points, 2, true))).toBeCloseTo(0, 12);
    expect(fitSerialFraction(speedupCurve(points, 2, false))).toBeGreaterThan(0.2);
  });

  it('has nothing to fit with one processor only, and stays within 0 and 1', () => {
    expect(fitSerialFraction([{ speedup: 1, ideal: 1 }])).toBeUndefined();
    expect(fitSerialFraction([])).toBeUndefined();
    expect(fitSerialFraction([{ speedup: 3, ideal: 2 }])).toBe(0);
    expect(fitSerialFraction([{ speedup: 0.5, ideal: 2 }])).toBe(1);
  });
});
