// The slice log: its ring of slices and its per-lane bins, with plain values and over random slice sequences
// checked against a plain array of every slice.
import { describe, expect, it } from 'vitest';
import { LogHistogramCounter } from '../source/engine/metrics/log-histogram.ts';
import { compareLanes, SliceLog } from '../source/engine/slices/slice-log.ts';
import type { TimelineLane } from '../source/engine/types.ts';
import { seededRandom } from './helpers/seeded-random.ts';

type Slice = { lane: string; taskId: number; start: number; lengthMs: number; sliceNumber: number };

function laneOf(log: SliceLog, name: string, at: number): TimelineLane | undefined {
  return log.timeline(at).lanes.find((lane) => lane.name === name);
}

const sum = (values: ArrayLike<number>) => Array.from(values).reduce((total, value) => total + value, 0);

describe('slice log', () => {
  it('answers which loop slices overlap a span, oldest first, with their workload and number', () => {
    const log = new SliceLog({
      workloadName: (specifier) => (specifier === 'file:///w.js' ? 'mine' : specifier),
    });
    log.recordLoopSlice(1, 'cpu', 1000, 5, 1);
    log.recordLoopSlice(2, 'file:///w.js', 1005, 182, 2);
    log.recordSlice('t1', 3, 1010, 50, 1);
    log.recordLoopSlice(1, 'cpu', 1187, 3, 2);
    expect(log.loopSlicesOverlapping(1100, 1150)).toEqual([
      { taskId: 2, workload: 'mine', start: 1005, lengthMs: 182, sliceNumber: 2 },
    ]);
    expect(log.loopSlicesOverlapping(1004, 1188).map((slice) => slice.taskId)).toEqual([1, 2, 1]);
    // [from, to): a slice ending at `from` or starting at `to` does not overlap.
    expect(log.loopSlicesOverlapping(1187 + 3, 1300)).toEqual([]);
    expect(log.loopSlicesOverlapping(900, 1000)).toEqual([]);
  });

  it("gives a task's slices on every lane, oldest first", () => {
    const log = new SliceLog();
    log.recordLoopSlice(7, 'cpu', 10, 1, 1);
    log.recordSlice('p2', 7, 20, 2, 2);
    log.recordSlice('p2', 8, 21, 2, 1);
    expect(log.slicesOf(7)).toEqual([
      { lane: 'main', start: 10, lengthMs: 1 },
      { lane: 'p2', start: 20, lengthMs: 2 },
    ]);
    expect(log.slicesOf(9)).toEqual([]);
  });

  it('bins a long slice over the bins it covers and names its task in each', () => {
    const log = new SliceLog({ binMs: 10, bins: 100 });
    log.recordLoopSlice(4, 'cpu', 1005, 30, 1);
    log.recordLoopSlice(5, 'cpu', 1035, 2, 1);
    const main = laneOf(log, 'main', 1099) as TimelineLane;
    // Bins 100…109 cover 1000…1099 ms: the last ten bins of the lane.
    const last = Array.from(main.busyMs.slice(-10));
    expect(last.slice(0, 5)).toEqual([5, 10, 10, 5 + 2, 0]);
    expect(Array.from(main.taskId.slice(-10, -6))).toEqual([4, 4, 4, 4]);
    expect(Array.from(main.slices.slice(-10, -6))).toEqual([1, 0, 0, 1]);
  });

  it('orders lanes main, threads, processes, and lists live threads that ran nothing yet', () => {
    const log = new SliceLog({ bins: 10 });
    log.recordSlice('p1', 1, 0, 1, 1);
    log.recordSlice('t10', 1, 0, 1, 1);
    log.recordSlice('t2', 1, 0, 1, 1);
    const names = log.timeline(50, ['t3']).lanes.map((lane) => lane.name);
    expect(names).toEqual(['main', 't2', 't3', 't10', 'p1']);
    expect(['p1', 'main', 't2'].sort(compareLanes)).toEqual(['main', 't2', 'p1']);
    // Once their slices scroll out of the span, lanes that no longer exist are gone.
    expect(log.timeline(10_000).lanes.map((lane) => lane.name)).toEqual(['main']);
  });

  it('counts slice lengths into the histogram it is given, and losses it is told of', () => {
    const histogram = new LogHistogramCounter();
    const log = new SliceLog({ histogram });
    log.recordLoopSlice(1, 'cpu', 0, 3, 1);
    log.recordSlice('t1', 2, 0, 100, 1);
    log.addDropped(4);
    expect(sum(histogram.sample().counts)).toBe(2);
    expect(log.timeline(200).dropped).toBe(4);
  });

  it('keeps its slices in order as it grows, then keeps the newest `capacity`', () => {
    const capacity = 10_000;
    const log = new SliceLog({ capacity });
    const total = 25_000;
    for (let index = 0; index < total; index++) {
      log.recordLoopSlice(1 + (index % 7), 'cpu', index, 0.5, index);
      if (index === 4095 || index === 4096 || index === 9000 || index === total - 1) {
        const kept = Math.min(index + 1, capacity);
        const found = log.loopSlicesOverlapping(-1, index + 1);
        expect(found).toHaveLength(kept);
        expect(found.map((slice) => slice.sliceNumber)).toEqual(
          Array.from({ length: kept }, (_, offset) => index + 1 - kept + offset),
        );
      }
    }
    expect(
      log.slicesOf(3).every((slice, at, all) => at === 0 || slice.start > (all[at - 1]?.start ?? 0)),
    ).toBe(true);
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('stays right over random slice sequences (seed %i)', (seed) => {
    const random = seededRandom(seed);
    const capacity = 1 + Math.floor(random() * 60);
    const binMs = 1 + Math.floor(random() * 10);
    const bins = 5 + Math.floor(random() * 40);
    const log = new SliceLog({ capacity, binMs, bins });
    const all: Slice[] = [];
    const lanes = ['main', 't1', 't2', 'p1'];
    const laneEnds = new Map(lanes.map((lane) => [lane, 0]));
    for (let step = 0; step < 300; step++) {
      const lane = lanes[Math.floor(random() * lanes.length)] as string;
      // Each lane's slices follow one another, as on one thread; some are long, most short, some empty.
      const start = (laneEnds.get(lane) as number) + (random() < 0.3 ? 0 : random() * 20);
      const lengthMs = random() < 0.1 ? 0 : random() < 0.2 ? random() * 60 : random() * 3;
      laneEnds.set(lane, start + lengthMs);
      const slice = { lane, taskId: 1 + Math.floor(random() * 12), start, lengthMs, sliceNumber: 1 + step };
      all.push(slice);
      if (lane === 'main') log.recordLoopSlice(slice.taskId, 'cpu', start, lengthMs, slice.sliceNumber);
      else log.recordSlice(lane, slice.taskId, start, lengthMs, slice.sliceNumber);

      const kept = all.slice(-capacity);
      const from = random() * (start + 10);
      const to = from + random() * 40;
      const expected = kept
        .filter((one) => one.lane === 'main' && one.start < to && one.start + one.lengthMs > from)
        .map(({ taskId, start: at, lengthMs: ms, sliceNumber }) => ({ taskId, at, ms, sliceNumber }));
      const found = log
        .loopSlicesOverlapping(from, to)
        .map(({ taskId, start: at, lengthMs: ms, sliceNumber }) => ({ taskId, at, ms, sliceNumber }));
      expect(found).toEqual(expected);
      const task = 1 + Math.floor(random() * 12);
      expect(log.slicesOf(task)).toEqual(
        kept
          .filter((one) => one.taskId === task)
          .map((one) => ({ lane: one.lane, start: one.start, lengthMs: one.lengthMs })),
      );
    }
    // Each lane's bins hold the slices' lengths clipped to the span they cover (bins keep what the ring lost).
    const at = Math.max(...laneEnds.values());
    const timeline = log.timeline(at);
    const spanStart = timeline.endAt - timeline.bins * timeline.binMs;
    for (const lane of timeline.lanes) {
      const clipped = all
        .filter((one) => one.lane === lane.name)
        .reduce((total, one) => {
          const covered = Math.min(one.start + one.lengthMs, timeline.endAt) - Math.max(one.start, spanStart);
          return total + Math.max(0, covered);
        }, 0);
      expect(sum(lane.busyMs)).toBeCloseTo(clipped, 2);
      for (let index = 0; index < lane.busyMs.length; index++) {
        expect(lane.busyMs[index]).toBeLessThanOrEqual(binMs + 1e-3);
        if ((lane.busyMs[index] as number) > 0) expect(lane.taskId[index]).toBeGreaterThan(0);
      }
      const begun = all.filter((one) => one.lane === lane.name && one.start >= spanStart).length;
      expect(sum(lane.slices)).toBe(begun);
    }
  });
});
