import os from 'node:os';
import type { MachineInfo } from '../types.ts';

/**
 * CPU model, usable cores and total memory, for the dashboard header and the bench table.
 *
 * Read from node rather than systeminformation: on Linux `si.cpu()` spawns three shells (`lscpu` twice,
 * `dmidecode`) that show up in the very per-core chart we draw and has `execSync` fallbacks, its brand is the
 * same /proc/cpuinfo line as `os.cpus()[0].model`, and `si.mem()` returns exactly `os.totalmem()`, while
 * loading the package costs ~15 ms of synchronous module evaluation on the main thread. What only
 * systeminformation knows (physical cores, clock, free memory) comes later, off the main thread:
 * see machine-details-probe.ts.
 */
export function loadMachineInfo(): MachineInfo {
  return {
    cpuModel: tidyCpuModel(os.cpus()[0]?.model ?? ''),
    // The cores this process may run on (affinity-aware), which is what the worker pool is sized from.
    logicalCores: os.availableParallelism(),
    totalMemoryBytes: os.totalmem(),
  };
}

/**
 * A CPU model string without the trademark marks, the word "CPU"/"Processor" and the clock suffix, e.g.
 * `Intel(R) Core(TM) i7-8700 CPU @ 3.20GHz` → `Intel Core i7-8700`.
 */
export function tidyCpuModel(model: string): string {
  const tidy = model
    .replace(/\((R|TM|C)\)/gi, '')
    .replace(/@.*$/, '')
    .replace(/\b(CPU|Processor)\b/gi, '')
    .replace(/\s+/g, ' ')
    .trim();
  return tidy === '' ? 'unknown CPU' : tidy;
}
