import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type CoreTimes,
  createCpuSampler,
  perCoreBusy,
  readMemory,
} from '../source/engine/metrics/cpu-sampler.ts';

function times(user: number, sys: number, idle: number, nice = 0, irq = 0): CoreTimes {
  return { user, nice, sys, idle, irq };
}

function cpuMsSince(before: NodeJS.CpuUsage): number {
  const { user, system } = process.cpuUsage(before);
  return (user + system) / 1000;
}

describe('perCoreBusy', () => {
  it('gives each core’s busy share of the ticks between two readings', () => {
    const previous = [times(100, 50, 850), times(0, 0, 1000)];
    const next = [times(200, 100, 900), times(0, 0, 1100)];
    expect(perCoreBusy(previous, next)).toEqual([0.75, 0]);
  });

  it('counts nice and irq time as busy', () => {
    expect(perCoreBusy([times(0, 0, 0, 0, 0)], [times(0, 0, 50, 25, 25)])).toEqual([0.5]);
  });

  it('reads 0 for a core whose counters did not move, went backwards or just appeared', () => {
    const previous = [times(10, 10, 10), times(500, 500, 500)];
    const next = [times(10, 10, 10), times(5, 5, 5), times(70, 10, 20)];
    expect(perCoreBusy(previous, next)).toEqual([0, 0, 0]);
  });

  it('stays within 0…1 for a fully busy core', () => {
    expect(perCoreBusy([times(0, 0, 0)], [times(60, 40, 0)])).toEqual([1]);
  });
});

describe('createCpuSampler', () => {
  it('counts the CPU time a busy main thread burns in the window', () => {
    const sampler = createCpuSampler();
    const windowStart = performance.now();
    // Spin until the process has verifiably used 150 ms of CPU: on a loaded machine that takes longer than
    // 150 ms of wall time, so the assertion is on CPU time, not on getting a whole core.
    const before = process.cpuUsage();
    const deadline = windowStart + 10_000;
    while (cpuMsSince(before) < 150 && performance.now() < deadline) {
      // busy
    }
    const sample = sampler.sample();
    const windowMs = performance.now() - windowStart;
    expect(sample.processCores * windowMs).toBeGreaterThanOrEqual(150 * 0.95);
    expect(sample.processCores).toBeLessThan(os.cpus().length + 1);
    // The busy thread ran on some core (or moved between them), so the cores together show at least half of one.
    expect(sample.perCore.reduce((sum, share) => sum + share, 0)).toBeGreaterThan(0.5);
  });

  it('reads one share per core between 0 and 1, and the process’s memory', () => {
    const sample = createCpuSampler().sample();
    expect(sample.perCore).toHaveLength(os.cpus().length);
    for (const share of sample.perCore) {
      expect(share).toBeGreaterThanOrEqual(0);
      expect(share).toBeLessThanOrEqual(1);
    }
    expect(sample.rssBytes).toBeGreaterThan(1024 * 1024);
    expect(sample.heapUsedBytes).toBeGreaterThan(0);
    expect(sample.heapUsedBytes).toBeLessThan(sample.rssBytes);
  });
});

describe('when /proc cannot be read (out of descriptors)', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  const emfile = () => {
    throw Object.assign(new Error('EMFILE: too many open files, uv_resident_set_memory'), { code: 'EMFILE' });
  };

  it('readMemory keeps the last RSS and reads the heap from V8', () => {
    const memory = readMemory({ rss: 123_456_789, heapUsed: 1 }, emfile);
    expect(memory.rss).toBe(123_456_789);
    expect(memory.heapUsed).toBeGreaterThan(1024);
  });

  it('the sampler keeps the last per-core shares and memory instead of throwing', () => {
    const sampler = createCpuSampler();
    const before = sampler.sample();
    vi.spyOn(os, 'cpus').mockImplementation(emfile);
    vi.spyOn(process, 'memoryUsage').mockImplementation(emfile as unknown as typeof process.memoryUsage);
    const during = sampler.sample();
    expect(during.perCore).toEqual(before.perCore);
    expect(during.rssBytes).toBe(before.rssBytes);
    expect(during.heapUsedBytes).toBeGreaterThan(0);
    vi.restoreAllMocks();
    expect(sampler.sample().perCore).toHaveLength(os.cpus().length);
  });
});
