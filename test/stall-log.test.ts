import { describe, expect, it } from 'vitest';
import { noSlices, StallLog } from '../source/engine/blame/stall-log.ts';
import type { LoopSlice, SliceQuery } from '../source/engine/slices/slice-query.ts';
import { seededRandom } from './helpers/seeded-random.ts';

/** A slice log as a plain array, answering the way the real one does. */
function arrayQuery(slices: LoopSlice[]): SliceQuery {
  return {
    loopSlicesOverlapping: (from, to) =>
      slices.filter((slice) => slice.start < to && slice.start + slice.lengthMs > from),
    slicesOf: () => [],
  };
}

function slice(taskId: number, start: number, lengthMs: number, sliceNumber = 1): LoopSlice {
  return { taskId, workload: 'cpu', start, lengthMs, sliceNumber };
}

describe('StallLog', () => {
  it('blames each recorded stall at the next sample, with the threshold it was given', () => {
    const slices = [slice(41, 1000, 150, 2)];
    const log = new StallLog(arrayQuery(slices), { thresholdMs: 30 });
    log.record(1001, 148);
    const sample = log.sample(1200);
    expect(sample.thresholdMs).toBe(30);
    expect(sample.total).toBe(1);
    expect(sample.recent).toEqual([
      {
        at: 1001,
        durationMs: 148,
        culprits: [{ taskId: 41, workload: 'cpu', sliceMs: 150, sliceNumber: 2 }],
        tasks: 1,
      },
    ]);
    expect(sample.worst).toEqual(sample.recent);
  });

  it('keeps a stall nobody covered in recent, but not among the worst blockers', () => {
    const log = new StallLog(noSlices);
    log.record(10, 25);
    const sample = log.sample(100);
    expect(sample.thresholdMs).toBe(20);
    expect(sample.recent).toHaveLength(1);
    expect(sample.recent[0]?.culprits).toEqual([]);
    expect(sample.worst).toEqual([]);
  });

  it('hands out the same sample while nothing changed', () => {
    const log = new StallLog(noSlices);
    log.record(10, 25);
    const first = log.sample(100);
    expect(log.sample(200)).toBe(first);
  });

  it('lets stalls older than a minute go from recent, but keeps them among the worst blockers', () => {
    const log = new StallLog(arrayQuery([slice(1, 0, 100)]));
    log.record(0, 99);
    log.sample(1000);
    const later = log.sample(61_000);
    expect(later.recent).toEqual([]);
    expect(later.worst).toHaveLength(1);
    expect(later.total).toBe(1);
  });

  it('empties on reset, stalls not yet blamed included', () => {
    const log = new StallLog(arrayQuery([slice(1, 0, 100)]));
    log.record(0, 99);
    log.sample(500);
    log.record(600, 40);
    log.reset();
    expect(log.sample(700)).toEqual({ thresholdMs: 20, recent: [], worst: [], total: 0 });
  });

  it('over random sequences of stalls, samples and resets, stays bounded, ordered and counted', () => {
    const recentLimit = 20;
    const recentMs = 5000;
    for (let seed = 1; seed <= 60; seed++) {
      const random = seededRandom(seed);
      const slices: LoopSlice[] = [];
      const log = new StallLog(arrayQuery(slices), { recentLimit, recentMs });
      let time = 0;
      let recorded = 0;
      for (let step = 0; step < 300; step++) {
        const what = `seed ${seed} step ${step}`;
        const roll = random();
        if (roll < 0.6) {
          // A stall, covered by a slice of a random task most of the time.
          const durationMs = 21 + random() * 200;
          if (random() < 0.8) {
            slices.push(
              slice(Math.floor(random() * 50), time - 1, durationMs + 1, 1 + Math.floor(random() * 3)),
            );
          }
          log.record(time, durationMs);
          recorded++;
          time += durationMs + random() * 400;
        } else if (roll < 0.97) {
          time += random() * 300;
          const sample = log.sample(time);
          expect(sample.total, what).toBe(recorded);
          expect(sample.recent.length, what).toBeLessThanOrEqual(recentLimit);
          for (const stall of sample.recent) {
            expect(stall.at + stall.durationMs, what).toBeGreaterThanOrEqual(time - recentMs);
          }
          for (let index = 1; index < sample.recent.length; index++) {
            expect(sample.recent[index]?.at, what).toBeGreaterThan(sample.recent[index - 1]?.at ?? 0);
          }
          expect(sample.worst.length, what).toBeLessThanOrEqual(5);
          const lengths = sample.worst.map((stall) => stall.culprits[0]?.sliceMs ?? -1);
          expect(lengths, what).toEqual([...lengths].sort((a, b) => b - a));
          expect(Math.min(...lengths), what).toBeGreaterThan(0);
        } else {
          log.reset();
          recorded = 0;
          expect(log.sample(time), what).toEqual({ thresholdMs: 20, recent: [], worst: [], total: 0 });
        }
      }
    }
  });
});
