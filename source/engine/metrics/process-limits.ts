import { readdirSync, readFileSync } from 'node:fs';

/** The soft resource limits that decide how many sockets and threads this process may open. */
export type ProcessLimits = {
  /** `ulimit -n`: descriptors this process may hold; undefined when it cannot be read (no /proc). */
  openFiles?: number;
  /** `ulimit -u`: processes and threads of this user; undefined when unlimited or unreadable. */
  processes?: number;
};

/**
 * Soft limits from a `/proc/<pid>/limits` text, e.g. `Max open files  1024  1048576  files`.
 * "unlimited" and missing rows read as undefined.
 */
export function parseProcessLimits(text: string): ProcessLimits {
  const softLimit = (row: string): number | undefined => {
    const match = new RegExp(`^${row}\\s+(\\S+)`, 'm').exec(text);
    const value = Number(match?.[1]);
    return Number.isSafeInteger(value) && value > 0 ? value : undefined;
  };
  return { openFiles: softLimit('Max open files'), processes: softLimit('Max processes') };
}

/**
 * This process's limits, read once from /proc (about 30 µs). Elsewhere (macOS) they stay unknown, and
 * callers assume the smallest common default.
 */
export function readProcessLimits(): ProcessLimits {
  try {
    return parseProcessLimits(readFileSync('/proc/self/limits', 'utf8'));
  } catch {
    return {};
  }
}

/** Descriptors open now (Linux /proc/self/fd, macOS /dev/fd), or undefined when neither can be listed. */
export function countOpenDescriptors(): number | undefined {
  for (const directory of ['/proc/self/fd', '/dev/fd']) {
    try {
      // The listing's own descriptor is counted too: one more than is open afterwards, a safe error.
      return readdirSync(directory).length;
    } catch {}
  }
  return undefined;
}

/** Descriptor limit assumed when it cannot be read: macOS's default `ulimit -n`, the smallest common one. */
export const assumedOpenFiles = 256;

/** Descriptors kept free for what opens a file now and then: /proc reads of the samplers, a log, a pipe. */
const spareDescriptors = 32;

/**
 * How many connections the loopback HTTP client may open in this process: half of the descriptors left
 * at start (the other half stays for threads, each of which holds four, and everything else), at least 1.
 */
export function connectionBudget(limits: ProcessLimits, openAtStart: number | undefined): number {
  const limit = limits.openFiles ?? assumedOpenFiles;
  const spare = limit - (openAtStart ?? 0) - spareDescriptors;
  return Math.max(1, Math.floor(spare / 2));
}
