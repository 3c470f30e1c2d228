import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { createLagMonitor, type LagMonitor, lagOf } from '../source/engine/metrics/lag-monitor.ts';

const monitors: LagMonitor[] = [];
afterEach(() => {
  for (const monitor of monitors.splice(0)) {
    monitor.stop();
  }
});

function startMonitor(resolutionMs = 2): LagMonitor {
  const monitor = createLagMonitor({ resolutionMs });
  monitors.push(monitor);
  return monitor;
}

/** Holds the main thread, as a CPU-bound task on the event loop does. */
function blockFor(milliseconds: number): void {
  const end = performance.now() + milliseconds;
  while (performance.now() < end) {
    // busy
  }
}

/**
 * Resolves once the probe has fired after a block: a timer of the same duration joins the probe's timer list
 * behind it, and node runs a list in order.
 */
function afterProbe(resolutionMs = 2): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, resolutionMs));
}

/** Lets the loop sit idle: the thing measured here, not a wait for another thread. */
function idleFor(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

describe('createLagMonitor', () => {
  // Lower bounds are exact: a block cannot read shorter than itself minus one resolution (2 ms) and the
  // histogram's 0.1 %. Upper bounds use the time that really passed, because on a busy machine the OS can
  // hold the test process up around a block, and that is lag too.
  const atLeast = (blockMs: number) => blockMs - 2 - blockMs * 0.001;
  const atMost = (since: number) => (performance.now() - since) * 1.001;

  it('reports a 100 ms block as about 100 ms of lag in the window in which the loop wakes', async () => {
    const start = performance.now();
    const monitor = startMonitor();
    monitor.sample();
    blockFor(100);
    await afterProbe();
    const { lag } = monitor.sample();
    expect(lag.max).toBeGreaterThanOrEqual(atLeast(100));
    expect(lag.max).toBeLessThanOrEqual(atMost(start) - 2);
  });

  it('reports a block in a window that closes before the loop wakes, with utilization near 1', () => {
    const start = performance.now();
    const monitor = startMonitor();
    monitor.sample();
    blockFor(100);
    const frozen = monitor.sample();
    expect(frozen.lag.max).toBeGreaterThanOrEqual(atLeast(100));
    expect(frozen.lag.max).toBeLessThanOrEqual(atMost(start) - 2);
    expect(frozen.utilization).toBeGreaterThan(0.9);
  });

  it('still records the whole block once the probe fires after such a window', async () => {
    const monitor = startMonitor();
    const segment = monitor.openSegment();
    monitor.sample();
    blockFor(100);
    monitor.sample();
    await afterProbe();
    expect(monitor.sample().lag.max).toBeGreaterThanOrEqual(atLeast(100));
    expect(segment.read().max).toBeGreaterThanOrEqual(atLeast(100));
  });

  it('reads an idle loop as near-zero lag, far below the probe interval, with utilization near 0', async () => {
    const coarse = startMonitor(20);
    const fine = startMonitor(2);
    coarse.sample();
    fine.sample();
    await idleFor(300);
    // Without subtracting the interval every coarse probe would read at least 20 ms; a quiet machine reads
    // about 0.1 ms, a saturated one a few ms.
    expect(coarse.sample().lag.p50).toBeLessThan(10);
    // 150 fine probes: p99 shrugs off one stall from another process, the max would not.
    const { lag, utilization } = fine.sample();
    expect(lag.p99).toBeLessThan(50);
    expect(utilization).toBeLessThan(0.3);
  });

  it('keeps a segment’s worst lag across windows, and nothing while suspended or after close', async () => {
    const start = performance.now();
    const monitor = startMonitor();
    const segment = monitor.openSegment();
    blockFor(60);
    await afterProbe();
    monitor.sample();
    monitor.sample();
    expect(segment.read().max).toBeGreaterThanOrEqual(atLeast(60));
    expect(segment.read().max).toBeLessThanOrEqual(atMost(start));

    segment.suspend();
    const suspended = segment.read();
    blockFor(120);
    await afterProbe();
    expect(segment.read()).toEqual(suspended);

    segment.resume();
    blockFor(80);
    await afterProbe();
    expect(segment.read().max).toBeGreaterThanOrEqual(atLeast(80));

    segment.close();
    const closed = segment.read();
    segment.resume();
    blockFor(120);
    await afterProbe();
    expect(segment.read()).toEqual(closed);
  });

  it('gives a segment opened later none of the lag before it opened', async () => {
    const monitor = startMonitor();
    blockFor(100);
    // The probe that records the block fires after this point; the segment opens after that probe.
    const blockRecordedAfter = performance.now();
    await afterProbe();
    const later = monitor.openSegment();
    await afterProbe();
    expect(later.read().max).toBeLessThanOrEqual(atMost(blockRecordedAfter));
  });

  it('records nothing while held (the process stopped by job control), and measures again once released', async () => {
    const monitor = startMonitor();
    const segment = monitor.openSegment();
    monitor.sample();
    monitor.hold();
    // Stands in for the time the process spends stopped: the probe is late by all of it.
    blockFor(100);
    await afterProbe();
    monitor.release();
    await afterProbe();
    expect(monitor.sample().lag.max).toBeLessThan(50);
    expect(segment.read().max).toBeLessThan(50);
    blockFor(100);
    await afterProbe();
    expect(monitor.sample().lag.max).toBeGreaterThanOrEqual(atLeast(100));
    expect(segment.read().max).toBeGreaterThanOrEqual(atLeast(100));
  });

  it('measures nothing after stop()', () => {
    const monitor = startMonitor();
    monitor.sample();
    monitor.stop();
    blockFor(30);
    expect(monitor.sample().lag).toEqual({ p50: 0, p99: 0, max: 0 });
  });

  it('rejects a resolution that is not a whole number of milliseconds', () => {
    expect(() => createLagMonitor({ resolutionMs: 0 })).toThrow(RangeError);
    expect(() => createLagMonitor({ resolutionMs: 1.5 })).toThrow(RangeError);
  });

  it('rejects a stall threshold that is not a positive number of milliseconds', () => {
    expect(() => createLagMonitor({ stallThresholdMs: 0 })).toThrow(RangeError);
    expect(() => createLagMonitor({ stallThresholdMs: Number.NaN })).toThrow(RangeError);
  });
});

describe('stalls', () => {
  type Reported = { from: number; durationMs: number };

  function watchStalls(stallThresholdMs = 20): Reported[] {
    const stalls: Reported[] = [];
    const monitor = createLagMonitor({
      stallThresholdMs,
      onStall: (from, durationMs) => stalls.push({ from, durationMs }),
    });
    monitors.push(monitor);
    return stalls;
  }

  // Wide margins: the machine is shared, and the OS can hold the process up around a block (that is a stall too).
  it('reports a 100 ms block as one stall, from when the probe was due to when it fired', async () => {
    const stalls = watchStalls();
    await afterProbe();
    const blockedAt = performance.timeOrigin + performance.now();
    blockFor(100);
    const blockEnd = performance.timeOrigin + performance.now();
    await afterProbe();
    const firedBy = performance.timeOrigin + performance.now();
    const stall = stalls.find((one) => one.durationMs > 50);
    expect(stall, JSON.stringify(stalls)).toBeDefined();
    const { from, durationMs } = stall as Reported;
    // Due at most one period after the block began (the last probe fired before it), and not long before it.
    expect(from).toBeGreaterThanOrEqual(blockedAt - 50);
    expect(from).toBeLessThanOrEqual(blockedAt + 2.5);
    expect(from + durationMs).toBeGreaterThanOrEqual(blockEnd);
    expect(from + durationMs).toBeLessThanOrEqual(firedBy);
    expect(durationMs).toBeGreaterThanOrEqual(100 - 2.5);
  });

  it('reports a block only once it is later than the threshold', async () => {
    const stalls = watchStalls(400);
    await afterProbe();
    blockFor(100);
    await afterProbe();
    expect(stalls).toEqual([]);
  });

  it('reports nothing while held, so a process stopped by job control raises no stall', async () => {
    const stalls: Reported[] = [];
    const monitor = createLagMonitor({ onStall: (from, durationMs) => stalls.push({ from, durationMs }) });
    monitors.push(monitor);
    monitor.hold();
    // Stands in for the time the process spends stopped.
    blockFor(100);
    await afterProbe();
    monitor.release();
    await afterProbe();
    expect(stalls.filter((one) => one.durationMs > 50)).toEqual([]);
  });
});

describe('lagOf', () => {
  it('takes the probe interval off every percentile and never goes below zero', () => {
    expect(lagOf({ p50: 2.5, p99: 12, max: 102 }, 2)).toEqual({ p50: 0.5, p99: 10, max: 100 });
    expect(lagOf({ p50: 1, p99: 2, max: 3 }, 5)).toEqual({ p50: 0, p99: 0, max: 0 });
  });
});
