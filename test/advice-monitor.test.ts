import { afterEach, describe, expect, test } from 'vitest';
import { AdviceMonitor } from '../source/engine/advice/advice-monitor.ts';
import type { Snapshot, Stall } from '../source/engine/types.ts';
import { asyncRunningCpu } from './fixtures/snapshots.ts';

const monitors: AdviceMonitor[] = [];
afterEach(() => {
  for (const monitor of monitors.splice(0)) monitor.stop();
});

/** A monitor whose main-thread clock advances by `cores` of each 250 ms window. */
function monitorWith(cores: () => number): {
  monitor: AdviceMonitor;
  step: (snapshot: Snapshot) => Snapshot['advice'];
} {
  let cpuMs = 0;
  const monitor = new AdviceMonitor({ holdMs: 1000, quietMs: 4000, readMainThreadMs: () => cpuMs });
  monitors.push(monitor);
  return {
    monitor,
    step: (snapshot) => {
      cpuMs += cores() * snapshot.windowMs;
      return monitor.advise(snapshot);
    },
  };
}

/** Async cpu at `at`: ELU 99 %, one stall a task's 40 ms slice covered, on a machine with cores to spare. */
function cpuWindow(at: number, stalls = true): Snapshot {
  const stall: Stall = {
    at: at - 60,
    durationMs: 40,
    culprits: [{ taskId: 9, workload: 'cpu', sliceMs: 40, sliceNumber: 1 }],
    tasks: 1,
  };
  return {
    ...asyncRunningCpu,
    at,
    windowMs: 250,
    stalls: { thresholdMs: 20, recent: stalls ? [stall] : [], worst: [] },
  };
}

describe('advice monitor', () => {
  test('CPU work on the loop shows once it held for a second, in the event-loop pane, and stays while it cools', () => {
    const { step } = monitorWith(() => 0.95);
    const start = asyncRunningCpu.at;
    expect(step(cpuWindow(start))).toEqual([]);
    expect(step(cpuWindow(start + 500))).toEqual([]);
    const shown = step(cpuWindow(start + 1000));
    expect(shown).toHaveLength(1);
    expect(shown?.[0]).toMatchObject({ rule: 'cpu-on-loop', pane: 'eventLoop', since: start + 1000 });
    expect(shown?.[0]?.facts).toContain('slices to 40 ms (#9 cpu)');
    // Quiet for less than the quiet time: still shown, with the facts that fired it.
    const cooling = step(cpuWindow(start + 3000, false));
    expect(cooling?.[0]?.facts).toBe(shown?.[0]?.facts);
    expect(step(cpuWindow(start + 7000, false))).toEqual([]);
  });

  test('the same facts with the loop thread idle are a blocking call, not CPU work', () => {
    const { step } = monitorWith(() => 0.01);
    const start = asyncRunningCpu.at;
    for (let at = start; at < start + 1000; at += 250) step(cpuWindow(at));
    expect(step(cpuWindow(start + 1000))?.map((advice) => advice.rule)).toEqual(['blocking-call']);
  });

  test('a change of model forgets what held', () => {
    const { step } = monitorWith(() => 0.95);
    const start = asyncRunningCpu.at;
    for (let at = start; at <= start + 1000; at += 250) step(cpuWindow(at));
    expect(step(cpuWindow(start + 1250))).toHaveLength(1);
    const switched = { ...cpuWindow(start + 1500), model: 'workers' as const };
    expect(step(switched)).toEqual([]);
  });

  test('a reset forgets what held', () => {
    const { monitor, step } = monitorWith(() => 0.95);
    const start = asyncRunningCpu.at;
    for (let at = start; at <= start + 1000; at += 250) step(cpuWindow(at));
    monitor.reset();
    expect(step(cpuWindow(start + 1250))).toEqual([]);
  });
});
