import { type ChildProcess, spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { ChildCpuMeter, coresBetween, statTicks } from '../source/engine/metrics/child-cpu.ts';
import { waitFor } from './helpers/wait-for.ts';

describe('reading a child process’s CPU from /proc', () => {
  it('adds utime and stime, even when the process name holds spaces and parentheses', () => {
    const fields = Array.from({ length: 50 }, (_, index) => String(index + 3));
    // Fields 14 (utime) and 15 (stime) are indexes 11 and 12 after the name: 14 + 15 here.
    expect(statTicks(`4242 (node (x) y) ${fields.join(' ')}`)).toBe(14 + 15);
    expect(statTicks('garbage')).toBeUndefined();
  });

  it('turns ticks over time into cores, never below zero', () => {
    expect(coresBetween({ ticks: 100, at: 0 }, { ticks: 150, at: 500 })).toBeCloseTo(1);
    expect(coresBetween({ ticks: 100, at: 0 }, { ticks: 125, at: 500 })).toBeCloseTo(0.5);
    expect(coresBetween({ ticks: 100, at: 0 }, { ticks: 90, at: 500 })).toBe(0);
    expect(coresBetween({ ticks: 100, at: 10 }, { ticks: 150, at: 10 })).toBe(0);
  });
});

describe.runIf(process.platform === 'linux')('the meter on a real child', () => {
  let child: ChildProcess | undefined;
  afterEach(() => child?.kill('SIGKILL'));

  it('sees a child that computes without a break as busy while it computes, and forgets it once gone', async () => {
    // A child whose event loop never turns: it could report nothing about itself until it stops.
    child = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
    const pid = child.pid as number;
    const meter = new ChildCpuMeter();
    let cores: number | undefined;
    await waitFor(
      () => {
        cores = meter.sample([pid]).get(pid);
        return cores !== undefined && cores > 0.3;
      },
      { timeoutMs: 10_000, everyMs: 100, what: 'the spinning child to be seen busy' },
    );
    expect(cores).toBeGreaterThan(0.3);
    expect(meter.sample([]).has(pid)).toBe(false);
  });
});
