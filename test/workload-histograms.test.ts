import { describe, expect, it } from 'vitest';
import type { Knobs, TaskRecord } from '../source/engine/types.ts';
import { WorkloadHistograms } from '../source/engine/workload-histograms.ts';
import { seededRandom } from './helpers/seeded-random.ts';

const total = (counts: number[]) => counts.reduce((sum, count) => sum + count, 0);

type Settled = TaskRecord & { knobs: Knobs };

function task(knobs: Knobs, state: TaskRecord['state'], submittedAt: number, endedAt?: number): Settled {
  return { id: 1, model: 'async', state, submittedAt, ...(endedAt === undefined ? {} : { endedAt }), knobs };
}

describe('the workload histograms', () => {
  it('count each finished task of the current knobs once, at its latency from submit to end', () => {
    const histograms = new WorkloadHistograms();
    const knobs = { size: 1 };
    const random = seededRandom(3);
    const latencies: number[] = [];
    for (let index = 0; index < 500; index++) {
      const latency = random() ** 3 * 2000;
      latencies.push(latency);
      histograms.taskSettled(task(knobs, random() < 0.8 ? 'done' : 'failed', 100, 100 + latency), knobs);
    }
    const { bounds, counts } = histograms.sample(knobs).latencyMs;
    expect(total(counts)).toBe(500);
    for (const [index, bound] of bounds.entries()) {
      if (index === bounds.length - 1) break;
      const below = index === 0 ? -Infinity : (bounds[index - 1] as number);
      expect(counts[index]).toBe(latencies.filter((value) => value <= bound && value > below).length);
    }
  });

  it('leave out cancelled tasks and tasks submitted under other knobs', () => {
    const histograms = new WorkloadHistograms();
    const before = { size: 1 };
    const now = { size: 1 };
    histograms.taskSettled(task(now, 'cancelled', 0, 5), now);
    histograms.taskSettled(task(before, 'done', 0, 5), now);
    expect(total(histograms.sample(now).latencyMs.counts)).toBe(0);
  });

  it('start afresh when the knobs change (a workload switch or reload) and on reset, slices included', () => {
    const histograms = new WorkloadHistograms();
    const first = { size: 1 };
    histograms.taskSettled(task(first, 'done', 0, 5), first);
    histograms.sliceMs.record(3);
    expect(total(histograms.sample(first).latencyMs.counts)).toBe(1);
    expect(total(histograms.sample(first).sliceMs.counts)).toBe(1);
    const second = { size: 1 };
    const afterSwitch = histograms.sample(second);
    expect(total(afterSwitch.latencyMs.counts) + total(afterSwitch.sliceMs.counts)).toBe(0);
    histograms.taskSettled(task(second, 'done', 0, 5), second);
    histograms.reset();
    expect(total(histograms.sample(second).latencyMs.counts)).toBe(0);
  });
});
