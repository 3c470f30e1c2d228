import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { loadMachineInfo, tidyCpuModel } from '../source/engine/metrics/machine-info.ts';

describe('loadMachineInfo', () => {
  it('returns the CPU model, usable cores and total memory of this machine', () => {
    const machine = loadMachineInfo();
    expect(machine.cpuModel.length).toBeGreaterThan(0);
    expect(machine.logicalCores).toBe(os.availableParallelism());
    expect(machine.totalMemoryBytes).toBe(os.totalmem());
  });
});

describe('tidyCpuModel', () => {
  it('drops trademark marks, the words CPU and Processor, and the clock suffix', () => {
    expect(tidyCpuModel('Intel(R) Core(TM) i7-8700 CPU @ 3.20GHz')).toBe('Intel Core i7-8700');
    expect(tidyCpuModel('Intel(R) Xeon(R) CPU E5-2680 v4 @ 2.40GHz')).toBe('Intel Xeon E5-2680 v4');
    expect(tidyCpuModel('AMD Ryzen 9 5950X 16-Core Processor            ')).toBe('AMD Ryzen 9 5950X 16-Core');
    expect(tidyCpuModel('Apple M2 Pro')).toBe('Apple M2 Pro');
  });

  it('names an unknown CPU rather than returning an empty string', () => {
    expect(tidyCpuModel('')).toBe('unknown CPU');
    expect(tidyCpuModel('  CPU  ')).toBe('unknown CPU');
  });
});
