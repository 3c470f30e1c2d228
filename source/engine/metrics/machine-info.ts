import os from 'node:os';
import type { MachineInfo } from '../types.ts';

export type MachineInfoOptions = {
  /**
   * How long to wait for systeminformation before settling for node's own numbers, in ms.
   * @default 1000
   */
  timeoutMs?: number;
};

/**
 * CPU model, usable cores and total memory, for the dashboard header and the bench table. Never rejects.
 *
 * What systeminformation 5.33 does on Linux, and so what is used here:
 * - `si.cpu()` spawns three shells (`lscpu` twice, `dmidecode`) — asynchronous, but they appear in the per-core
 *   chart at startup and outlive a timeout — and has `execSync`/`readFileSync` fallbacks (CPU speed,
 *   Raspberry Pi, RISC-V). Its brand comes from the same /proc/cpuinfo line as `os.cpus()[0].model`, so the
 *   model is read from node and tidied by `tidyCpuModel`.
 * - `si.mem()` only reads /proc/meminfo with `fs.readFile`: used, on Linux only (on macOS it runs
 *   `execSync('sysctl …')`). It equals `os.totalmem()` there, which is the fallback.
 * Loading the package takes about 15 ms of synchronous module evaluation, once: call this before the
 * workload starts so it does not show up as lag.
 */
export async function loadMachineInfo(options: MachineInfoOptions = {}): Promise<MachineInfo> {
  const timeoutMs = options.timeoutMs ?? 1000;
  const fromOs = machineInfoFromOs();
  if (process.platform !== 'linux') {
    return fromOs;
  }
  const totalMemoryBytes = await withTimeout(readTotalMemory(), timeoutMs);
  return { ...fromOs, totalMemoryBytes: totalMemoryBytes ?? fromOs.totalMemoryBytes };
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

function machineInfoFromOs(): MachineInfo {
  return {
    cpuModel: tidyCpuModel(os.cpus()[0]?.model ?? ''),
    // The cores this process may run on (affinity-aware), which is what the worker pool is sized from.
    logicalCores: os.availableParallelism(),
    totalMemoryBytes: os.totalmem(),
  };
}

async function readTotalMemory(): Promise<number | undefined> {
  try {
    const { mem } = await import('systeminformation');
    const { total } = await mem();
    return Number.isFinite(total) && total > 0 ? total : undefined;
  } catch {
    return undefined;
  }
}

/** `promise`'s value, or undefined if it takes longer than `timeoutMs`. The timer never holds the process open. */
async function withTimeout<T>(promise: Promise<T | undefined>, timeoutMs: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(resolve, timeoutMs, undefined);
    timer.unref();
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
