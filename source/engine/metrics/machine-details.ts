// What the machine is, beyond what `os` says: physical and performance cores, clock speed, governor and
// available memory. Gathered once, off the main thread (see machine-details-probe.ts); this file holds the
// shapes and the pure functions that read them, so they are tested with plain values.

import type { MachineInfo } from '../types.ts';

/** The machine as systeminformation and /sys describe it; each field only when it was read and made sense. */
export type MachineDetails = {
  /** Cores that each run a thread at full speed alongside the others (SMT siblings counted once). */
  physicalCores: number;
  /** Performance and efficiency cores, only on a hybrid CPU (both counts above zero). */
  hybrid?: { performanceCores: number; efficiencyCores: number };
  /** Nominal or current clock, GHz. */
  speedGHz?: number;
  /** Highest clock the cores may reach, GHz. */
  speedMaxGHz?: number;
  /** The cpufreq scaling governor, e.g. `performance`; several joined by `/` when cores differ. */
  governor?: string;
  /** Memory the kernel says new work can have without swapping, at the time of reading. */
  availableMemoryBytes?: number;
};

/** What the probe's worker reads, before any checking: every field may be missing or nonsense. */
export type MachineReading = {
  cpu?: {
    cores?: unknown;
    physicalCores?: unknown;
    performanceCores?: unknown;
    efficiencyCores?: unknown;
    speed?: unknown;
    speedMax?: unknown;
    governor?: unknown;
  };
  memory?: { available?: unknown };
  /** The contents of each core's `scaling_governor` file that could be read. */
  governors?: string[];
  /** The contents of /proc/cpuinfo, for the clock when systeminformation has none. */
  cpuinfo?: string;
};

/** How many cores can run the workload in parallel, and which kind of count that is. */
export type ParallelCores = { count: number; kind: 'physical' | 'performance' | 'logical' };

function wholeNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= 65_536
    ? value
    : undefined;
}

function gigahertz(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0.05 && value < 20
    ? value
    : undefined;
}

/**
 * Checked details from a raw reading, or undefined when not even the physical core count is usable.
 * `logicalCores` bounds the counts: a container may see the host's topology but run on fewer cores.
 */
export function machineDetailsFrom(
  reading: MachineReading,
  logicalCores: number,
): MachineDetails | undefined {
  const cpu = reading.cpu ?? {};
  const physical = wholeNumber(cpu.physicalCores);
  const logical = wholeNumber(cpu.cores);
  if (physical === undefined || (logical !== undefined && physical > logical)) return undefined;
  const performance = wholeNumber(cpu.performanceCores);
  const efficiency = wholeNumber(cpu.efficiencyCores);
  // systeminformation reports every core as "performance" on a non-hybrid CPU; only a split says anything.
  const hybrid =
    performance !== undefined && efficiency !== undefined && performance + efficiency === physical
      ? { performanceCores: performance, efficiencyCores: efficiency }
      : undefined;
  const speedGHz = gigahertz(cpu.speed) ?? averageGHz(reading.cpuinfo ?? '');
  const speedMaxGHz = gigahertz(cpu.speedMax);
  const governor = governorOf(reading.governors ?? [], cpu.governor);
  const available = reading.memory?.available;
  const availableMemoryBytes =
    typeof available === 'number' && Number.isFinite(available) && available > 0 ? available : undefined;
  return {
    physicalCores: Math.min(physical, Math.max(1, logicalCores)),
    ...(hybrid ? { hybrid } : {}),
    ...(speedGHz !== undefined ? { speedGHz } : {}),
    ...(speedMaxGHz !== undefined && speedMaxGHz >= (speedGHz ?? 0) ? { speedMaxGHz } : {}),
    ...(governor ? { governor } : {}),
    ...(availableMemoryBytes !== undefined ? { availableMemoryBytes } : {}),
  };
}

/** The mean `cpu MHz` of /proc/cpuinfo, in GHz, or undefined when it has none (e.g. on ARM). */
export function averageGHz(cpuinfo: string): number | undefined {
  const speeds = [...cpuinfo.matchAll(/^cpu MHz\s*:\s*([\d.]+)/gm)].map((match) => Number(match[1]) / 1000);
  const usable = speeds.filter((speed) => gigahertz(speed) !== undefined);
  if (usable.length === 0) return undefined;
  return usable.reduce((sum, speed) => sum + speed, 0) / usable.length;
}

/** The governors of the cores, each once (`performance`, or `powersave/performance` when they differ). */
export function governorOf(perCore: readonly string[], fallback?: unknown): string | undefined {
  const names = [...new Set(perCore.map((name) => name.trim()).filter((name) => /^[\w-]{1,32}$/.test(name)))];
  if (names.length > 0) return names.join('/');
  return typeof fallback === 'string' && /^[\w-]{1,32}$/.test(fallback.trim()) ? fallback.trim() : undefined;
}

/**
 * The cores that can actually run tasks in parallel, which is what an ideal speedup is measured against:
 * performance cores on a hybrid CPU (efficiency cores are slower), else physical cores (SMT siblings share one
 * core's units), never more than this process may use; logical cores until the details are known.
 */
export function parallelCores(machine: MachineInfo): ParallelCores {
  const details = machine.details;
  if (!details) return { count: machine.logicalCores, kind: 'logical' };
  if (details.hybrid) {
    return { count: Math.min(details.hybrid.performanceCores, machine.logicalCores), kind: 'performance' };
  }
  return { count: Math.min(details.physicalCores, machine.logicalCores), kind: 'physical' };
}
