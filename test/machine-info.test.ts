import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { loadMachineInfo, tidyCpuModel } from '../source/engine/metrics/machine-info.ts';

describe('loadMachineInfo', () => {
  it('returns the CPU model, usable cores and total memory of this machine', async () => {
    const machine = await loadMachineInfo();
    expect(machine.cpuModel.length).toBeGreaterThan(0);
    expect(machine.logicalCores).toBe(os.availableParallelism());
    // systeminformation reads the same /proc/meminfo line as node; allow for rounding to whole kB.
    expect(Math.abs(machine.totalMemoryBytes - os.totalmem())).toBeLessThan(1024 * 1024);
  });

  it.runIf(process.platform === 'linux')('starts no child process', async () => {
    const before = childProcessIds();
    await loadMachineInfo();
    expect(childProcessIds().filter((id) => !before.includes(id))).toEqual([]);
  });

  it('answers within its timeout and never rejects', async () => {
    const started = performance.now();
    const machine = await loadMachineInfo({ timeoutMs: 0 });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(machine.logicalCores).toBeGreaterThan(0);
    expect(machine.totalMemoryBytes).toBeGreaterThan(0);
  });
});

/** Ids of this process's live children, from every thread's /proc entry. */
function childProcessIds(): string[] {
  return readdirSync('/proc/self/task').flatMap((thread) =>
    readFileSync(`/proc/self/task/${thread}/children`, 'utf8').split(' ').filter(Boolean),
  );
}

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
