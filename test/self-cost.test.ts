import { describe, expect, test } from 'vitest';
import { SelfCostMeter, type SelfCostWindow } from '../source/engine/metrics/self-cost.ts';
import { formatShareOfCore, selfCostText } from '../source/ui/panes/cpu-pane.tsx';
import { seededRandom } from './helpers/seeded-random.ts';

const idle = (processCores: number, windowMs = 250): SelfCostWindow => ({
  windowMs,
  processCores,
  idle: true,
});
const busy = (processCores: number, windowMs = 250): SelfCostWindow => ({
  windowMs,
  processCores,
  idle: false,
});

/** A main-thread clock the test advances: `mainThreadMs` CPU ms per window recorded. */
function meterWithMainThread(mainThreadMsPerWindow: number, spanMs?: number) {
  let mainThreadMs = 0;
  const meter = new SelfCostMeter({ spanMs, readMainThreadMs: () => mainThreadMs });
  return {
    meter,
    record(window: SelfCostWindow) {
      mainThreadMs += mainThreadMsPerWindow;
      meter.record(window);
    },
  };
}

describe('SelfCostMeter', () => {
  test('nothing is known before two idle windows in a row: the first may hold the last tasks', () => {
    const meter = new SelfCostMeter({ readMainThreadMs: () => undefined });
    expect(meter.sample()).toBeUndefined();
    meter.record(busy(1.5));
    meter.record(idle(0.9));
    expect(meter.sample()).toBeUndefined();
    meter.record(idle(0.05));
    expect(meter.sample()).toEqual({ processCores: 0.05, overMs: 250, current: true });
  });

  test('the cost is the time-weighted mean of the process over the last span of idle time', () => {
    const { meter, record } = meterWithMainThread(5, 1000);
    record(idle(0.5));
    for (const cores of [0.1, 0.1, 0.02, 0.04, 0.04, 0.04]) record(idle(cores));
    const cost = meter.sample();
    expect(cost?.overMs).toBe(1000);
    expect(cost?.processCores).toBeCloseTo((0.02 + 0.04 * 3) / 4);
    // 5 ms of main-thread CPU in each 250 ms window.
    expect(cost?.mainThreadCores).toBeCloseTo(0.02);
  });

  test('while tasks run, the last idle figure is kept and marked as not current; a new pause measures afresh', () => {
    const meter = new SelfCostMeter({ readMainThreadMs: () => undefined });
    for (const window of [idle(0), idle(0.04), idle(0.04)]) meter.record(window);
    meter.record(busy(1.9));
    expect(meter.sample()).toMatchObject({ processCores: 0.04, current: false });
    meter.record(idle(1.2));
    meter.record(idle(0.06));
    expect(meter.sample()).toMatchObject({ processCores: 0.06, overMs: 250, current: true });
  });

  test('over any sequence of windows it never reports a busy window’s CPU, nor a negative or empty span', () => {
    const random = seededRandom(12);
    const meter = new SelfCostMeter({ spanMs: 2000, readMainThreadMs: () => undefined });
    for (let step = 0; step < 2000; step++) {
      const isIdle = random() < 0.7;
      // Busy windows use at least a core, idle ones at most a tenth: any mix would show above 0.1.
      meter.record(isIdle ? idle(random() * 0.1, 50 + random() * 400) : busy(1 + random(), 250));
      const cost = meter.sample();
      if (cost === undefined) continue;
      expect(cost.processCores).toBeGreaterThanOrEqual(0);
      expect(cost.processCores).toBeLessThanOrEqual(0.1);
      expect(cost.overMs).toBeGreaterThan(0);
      expect(cost.current).toBe(isIdle);
    }
  });
});

describe('the cost on screen', () => {
  const current = { processCores: 0.049, mainThreadCores: 0.033, overMs: 5000, current: true };

  test('reads as a share of one core, with a decimal below 10 %', () => {
    expect(formatShareOfCore(0.004)).toBe('0.4%');
    expect(formatShareOfCore(0.049)).toBe('4.9%');
    expect(formatShareOfCore(0.123)).toBe('12%');
    expect(formatShareOfCore(Number.NaN)).toBe('—');
  });

  test('says it is the whole process, and the main thread’s part where there is room', () => {
    expect(selfCostText(current, 80)).toBe(
      'dashboard itself: 4.9% of a core (whole process; main thread 3.3%)',
    );
    expect(selfCostText(current, 50)).toBe('dashboard itself: 4.9% of a core (whole process)');
    expect(selfCostText(current, 12)).toBe('self 4.9%');
  });

  test('while tasks run it says the figure is from the last pause, and before any pause how to get one', () => {
    expect(selfCostText({ ...current, current: false }, 80)).toBe(
      'dashboard itself: 4.9% of a core when last paused',
    );
    expect(selfCostText(undefined, 80)).toBe('dashboard itself: pause to measure');
  });

  test('never passes its width', () => {
    for (let width = 1; width < 90; width++) {
      for (const cost of [current, { ...current, current: false }, undefined]) {
        expect(selfCostText(cost, width).length).toBeLessThanOrEqual(width);
      }
    }
  });
});
