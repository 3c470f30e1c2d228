import { afterEach, describe, expect, it, vi } from 'vitest';
import { stepConcurrency } from '../source/engine/engine-options.ts';
import { Scheduler, schedulerLimits } from '../source/engine/scheduler.ts';
import type { SchedulerSettings } from '../source/engine/types.ts';

function harness(settings: Partial<SchedulerSettings> = {}) {
  let clock = 0;
  let inFlight = 0;
  let submitted = 0;
  let clockReads = 0;
  const submittedAt: number[] = [];
  const scheduler = new Scheduler(
    { mode: 'closed', concurrency: 4, rate: 100, paused: false, ...settings },
    {
      submit: (at) => {
        submitted++;
        inFlight++;
        submittedAt.push(at);
      },
      inFlight: () => inFlight,
      now: () => {
        clockReads++;
        return clock;
      },
    },
  );
  return {
    scheduler,
    get submitted() {
      return submitted;
    },
    get inFlight() {
      return inFlight;
    },
    submittedAt,
    get clockReads() {
      return clockReads;
    },
    settle(count = 1, at?: number) {
      for (let i = 0; i < count; i++) {
        inFlight--;
        scheduler.taskSettled(at);
      }
    },
    advance(ms: number) {
      clock += ms;
      vi.advanceTimersByTime(ms);
    },
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the closed loop', () => {
  it('fills up to the concurrency on start', () => {
    const h = harness({ concurrency: 4 });
    h.scheduler.start();
    expect(h.submitted).toBe(4);
  });

  it('submits a replacement at the time its settled task gives, and reads the clock only when it gives none', () => {
    vi.useFakeTimers();
    const h = harness({ concurrency: 3 });
    h.advance(5);
    h.scheduler.start();
    expect(h.submittedAt).toEqual([5, 5, 5]);
    const reads = h.clockReads;
    h.advance(7);
    h.settle(2, 11.25);
    expect(h.submittedAt.slice(3)).toEqual([11.25, 11.25]);
    expect(h.clockReads).toBe(reads);
    h.settle(1);
    expect(h.submittedAt.slice(5)).toEqual([12]);
    expect(h.clockReads).toBe(reads + 1);
  });

  it('replaces each settled task so the concurrency stays constant', () => {
    const h = harness({ concurrency: 3 });
    h.scheduler.start();
    h.settle(2);
    expect(h.inFlight).toBe(3);
    expect(h.submitted).toBe(5);
  });

  it('tops up at once when the concurrency is raised, and lets tasks drain when it is lowered', () => {
    const h = harness({ concurrency: 2 });
    h.scheduler.start();
    h.scheduler.setConcurrency(10);
    expect(h.inFlight).toBe(10);
    h.scheduler.setConcurrency(3);
    h.settle(5);
    expect(h.inFlight).toBe(5);
    h.settle(2);
    expect(h.inFlight).toBe(3);
  });

  it('submits nothing while paused and fills again on resume', () => {
    const h = harness({ concurrency: 2 });
    h.scheduler.start();
    h.scheduler.setPaused(true);
    h.settle(2);
    expect(h.inFlight).toBe(0);
    h.scheduler.setPaused(false);
    expect(h.inFlight).toBe(2);
  });

  it('submits nothing in the middle of a change, then fills to the settings it left', () => {
    const h = harness({ concurrency: 2 });
    h.scheduler.start();
    h.scheduler.withheld(() => {
      h.settle(2);
      h.scheduler.setConcurrency(5);
      expect(h.inFlight).toBe(0);
    });
    expect(h.inFlight).toBe(5);
    expect(h.submitted).toBe(7);
  });

  it('keeps the concurrency at least 1', () => {
    const h = harness();
    h.scheduler.setConcurrency(0);
    expect(h.scheduler.settings.concurrency).toBe(1);
  });
});

describe('the open loop', () => {
  it('submits tasks at the arrival rate whatever happens to them', () => {
    vi.useFakeTimers();
    const h = harness({ mode: 'open', rate: 200 });
    h.scheduler.start();
    for (let i = 0; i < 100; i++) h.advance(10);
    expect(h.submitted).toBe(200);
    h.scheduler.stop();
  });

  it('follows a rate change live', () => {
    vi.useFakeTimers();
    const h = harness({ mode: 'open', rate: 100 });
    h.scheduler.start();
    for (let i = 0; i < 100; i++) h.advance(10);
    h.scheduler.setRate(1000);
    for (let i = 0; i < 100; i++) h.advance(10);
    expect(h.submitted).toBe(1100);
    h.scheduler.stop();
  });

  it('stops arriving while paused', () => {
    vi.useFakeTimers();
    const h = harness({ mode: 'open', rate: 100 });
    h.scheduler.start();
    h.scheduler.setPaused(true);
    for (let i = 0; i < 100; i++) h.advance(10);
    expect(h.submitted).toBe(0);
    h.scheduler.stop();
  });
});

describe('+ and -', () => {
  it('step the tasks in flight in the closed loop and start the new ones at once', () => {
    const h = harness({ concurrency: 8 });
    h.scheduler.start();
    h.scheduler.stepLoad(1);
    expect(h.scheduler.settings.concurrency).toBeGreaterThan(8);
    expect(h.inFlight).toBe(h.scheduler.settings.concurrency);
    h.scheduler.stepLoad(-1);
    expect(h.scheduler.settings.concurrency).toBe(8);
  });

  it('step the arrival rate in the open loop and leave the concurrency alone', () => {
    const h = harness({ mode: 'open', rate: 100, concurrency: 4 });
    h.scheduler.stepLoad(-1);
    expect(h.scheduler.settings.rate).toBeLessThan(100);
    expect(h.scheduler.settings.concurrency).toBe(4);
  });
});

describe('the ladder of + and -', () => {
  it('reaches the largest concurrency -c accepts and stops there', () => {
    let value = 8;
    const rungs: number[] = [];
    for (let press = 0; press < 20; press++) {
      value = stepConcurrency(value, 1, schedulerLimits.concurrency);
      rungs.push(value);
    }
    expect(rungs.slice(0, 4)).toEqual([16, 32, 64, 128]);
    expect(rungs.at(-1)).toBe(schedulerLimits.concurrency);
    expect(rungs).toContain(1000);
    expect(stepConcurrency(150_000, 1, schedulerLimits.concurrency)).toBe(200_000);
  });

  it('reaches the highest arrival rate in the open loop', () => {
    const h = harness({ mode: 'open', rate: 100_000 });
    for (let press = 0; press < 5; press++) h.scheduler.stepLoad(1);
    expect(h.scheduler.settings.rate).toBe(schedulerLimits.rate);
  });

  it('steps down from a value off the ladder to the rung below it', () => {
    expect(stepConcurrency(300, -1)).toBe(256);
    expect(stepConcurrency(300, 1)).toBe(512);
    expect(stepConcurrency(1, -1)).toBe(1);
  });
});
