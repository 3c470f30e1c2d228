// Builds a TimelineSample from a list of slices the way the slice log bins them: per lane and bin, the busy ms,
// the task whose slices covered most of the bin, and the slices that began in it.
import type { LaneName, TimelineLane, TimelineSample } from '../../source/engine/types.ts';

export type TestSlice = { lane: LaneName; taskId: number; start: number; lengthMs: number };

export type TimelineShape = {
  /** @default 10 */
  binMs?: number;
  /** @default 600 */
  bins?: number;
  endAt: number;
  /** Lanes to list even when they ran nothing, in order (`main` first). @default the slices' lanes */
  lanes?: readonly LaneName[];
  /** @default 0 */
  dropped?: number;
};

/** The lanes in the timeline's order: `main`, then `t1`…, then `p1`…, by number. */
function laneOrder(name: LaneName): [number, number] {
  if (name === 'main') return [0, 0];
  return [name.startsWith('t') ? 1 : 2, Number(name.slice(1))];
}

export function timelineFromSlices(slices: readonly TestSlice[], shape: TimelineShape): TimelineSample {
  const binMs = shape.binMs ?? 10;
  const bins = shape.bins ?? 600;
  const from = shape.endAt - bins * binMs;
  const names = [...new Set([...(shape.lanes ?? []), ...slices.map((slice) => slice.lane)])].sort((a, b) => {
    const [kindA, numberA] = laneOrder(a);
    const [kindB, numberB] = laneOrder(b);
    return kindA - kindB || numberA - numberB;
  });
  const lanes: TimelineLane[] = names.map((name) => ({
    name,
    busyMs: new Float32Array(bins),
    taskId: new Float64Array(bins),
    slices: new Uint32Array(bins),
  }));
  const byTask = names.map(() => Array.from({ length: bins }, () => new Map<number, number>()));
  for (const slice of slices) {
    const laneIndex = names.indexOf(slice.lane);
    const lane = lanes[laneIndex] as TimelineLane;
    const end = slice.start + slice.lengthMs;
    const startBin = Math.floor((slice.start - from) / binMs);
    if (startBin >= 0 && startBin < bins) (lane.slices[startBin] as number) += 1;
    for (let bin = Math.max(0, startBin); bin < bins; bin++) {
      const binStart = from + bin * binMs;
      if (binStart >= end) break;
      const overlap = Math.min(end, binStart + binMs) - Math.max(slice.start, binStart);
      if (overlap <= 0) continue;
      lane.busyMs[bin] = Math.min(binMs, (lane.busyMs[bin] ?? 0) + overlap);
      const tasks = byTask[laneIndex]?.[bin] as Map<number, number>;
      tasks.set(slice.taskId, (tasks.get(slice.taskId) ?? 0) + overlap);
    }
  }
  for (const [laneIndex, lane] of lanes.entries()) {
    for (let bin = 0; bin < bins; bin++) {
      let most = 0;
      for (const [taskId, ms] of byTask[laneIndex]?.[bin] ?? []) {
        if (ms > most) {
          most = ms;
          lane.taskId[bin] = taskId;
        }
      }
    }
  }
  return { recording: true, binMs, endAt: shape.endAt, bins, lanes, dropped: shape.dropped ?? 0 };
}

/** Back-to-back slices of `lengthMs` on one lane from `start` to `end`, task ids counting up from `firstId`. */
export function backToBack(
  lane: LaneName,
  {
    start,
    end,
    lengthMs,
    firstId,
    gapMs = 0,
  }: { start: number; end: number; lengthMs: number; firstId: number; gapMs?: number },
): TestSlice[] {
  const slices: TestSlice[] = [];
  let id = firstId;
  for (let at = start; at + lengthMs <= end; at += lengthMs + gapMs) {
    slices.push({ lane, taskId: id++, start: at, lengthMs });
  }
  return slices;
}
