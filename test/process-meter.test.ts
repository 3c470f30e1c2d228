// The process's side of the measurements on its own, with no engine, scheduler or model: what a source that
// only watches a process (an app concur-tui attaches to) would have.

import { afterEach, describe, expect, test } from 'vitest';
import { now } from '../source/engine/clock.ts';
import { ProcessMeter } from '../source/engine/process-meter.ts';

const meters: ProcessMeter[] = [];
afterEach(() => {
  for (const meter of meters.splice(0)) meter.stop();
});

function meter(options: ConstructorParameters<typeof ProcessMeter>[0] = {}): ProcessMeter {
  const made = new ProcessMeter(options);
  meters.push(made);
  return made;
}

/** Holds the thread for `ms` without yielding, as a task computing on the loop would. */
function block(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {}
}

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('ProcessMeter', () => {
  test('a block of the loop reads as lag, a stall, a freeze and a busy loop, then the freeze is forgotten on reset', async () => {
    const stalls: number[] = [];
    const watched = meter({
      freezeThresholdMs: 200,
      onStall: (_from, durationMs) => stalls.push(durationMs),
    });
    await tick(50);
    watched.sample(now());
    block(300);
    await tick(20);
    const reading = watched.sample(now());
    // The probe fires up to one resolution (2 ms) short of the block.
    expect(reading.eventLoop.lag.max).toBeGreaterThanOrEqual(290);
    expect(reading.eventLoop.utilization).toBeGreaterThan(0.8);
    expect(reading.lastFreeze?.durationMs).toBe(reading.eventLoop.lag.max);
    expect(stalls.some((duration) => duration >= 280)).toBe(true);
    // The process's own CPU and memory: the block held a core.
    expect(reading.cpu.processCores).toBeGreaterThan(0.5);
    expect(reading.cpu.rssBytes).toBeGreaterThan(0);
    // A quiet window keeps the last freeze until a reset forgets it.
    await tick(50);
    expect(watched.sample(now()).lastFreeze).toEqual(reading.lastFreeze);
    watched.reset();
    await tick(50);
    const quiet = watched.sample(now());
    expect(quiet.lastFreeze).toBeUndefined();
    expect(quiet.eventLoop.lag.max).toBeLessThan(200);
  });

  test('a segment of its lag probe measures a stretch across windows, as a scoreboard row does', async () => {
    const watched = meter();
    const segment = watched.lag.openSegment();
    block(60);
    await tick(20);
    watched.sample(now());
    segment.close();
    block(200);
    await tick(20);
    // What came after the segment closed is not in it.
    expect(segment.read().max).toBeGreaterThanOrEqual(50);
    expect(segment.read().max).toBeLessThan(150);
  });

  test('after stop a block of the loop is not measured', async () => {
    const watched = meter();
    watched.stop();
    const before = watched.sample(now());
    block(100);
    await tick(20);
    expect(watched.sample(now()).eventLoop.lag.max).toBe(before.eventLoop.lag.max);
  });
});
