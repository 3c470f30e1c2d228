import { describe, expect, it } from 'vitest';
import type { ProcessUsage } from '../source/engine/models/process-messages.ts';
import { UsageReadings } from '../source/engine/models/process-usage.ts';

const reading = (at: number, busyMs: number, cpuMs = 0, rssBytes = 50e6): ProcessUsage => ({
  pid: 7,
  at,
  busyMs,
  cpuMs,
  rssBytes,
});

describe('a process window from the readings it sent', () => {
  it('has no shares before the first reading', () => {
    expect(new UsageReadings().window(1000, 1000, undefined)).toEqual({
      busyShare: 0,
      cpuShare: undefined,
      rssBytes: undefined,
    });
  });

  it('takes busy time and CPU between the reading at the window start and the latest one', () => {
    const readings = new UsageReadings();
    readings.add(reading(0, 0, 0));
    readings.add(reading(1000, 100, 200));
    readings.add(reading(2000, 600, 900, 60e6));
    const window = readings.window(2000, 1000, undefined);
    expect(window.busyShare).toBeCloseTo(0.5);
    expect(window.cpuShare).toBeCloseTo(0.7);
    expect(window.rssBytes).toBe(60e6);
  });

  it('counts a task out on a silent process as running since it started, never past the window', () => {
    const readings = new UsageReadings();
    readings.add(reading(0, 0));
    readings.add(reading(1000, 0));
    // Nothing since 1000: the process computes a task that started at 1500 and has not yielded.
    expect(readings.window(2000, 1000, 1500).busyShare).toBeCloseTo(0.5);
    expect(readings.window(3000, 1000, 1500).busyShare).toBe(1);
  });

  it('never goes below 0 or above 1, whatever the readings (two clocks, a counter restarted)', () => {
    const readings = new UsageReadings();
    readings.add(reading(0, 500));
    readings.add(reading(1000, 100, -5));
    expect(readings.window(1000, 1000, undefined).busyShare).toBe(0);
    expect(readings.window(1000, 1000, undefined).cpuShare).toBe(0);
    readings.add(reading(1001, 5000));
    expect(readings.window(1001, 1000, undefined).busyShare).toBe(1);
  });
});
