import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';

/** Clock ticks per second of the times in /proc/<pid>/stat (USER_HZ, 100 on every Linux we know of). */
const ticksPerSecond = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU seconds a process spent: its own threads, and the children it waited for (e.g. a `ps` it ran). */
export type CpuTimes = { ownSeconds: number; childrenSeconds: number };

/** Reads utime+stime and cutime+cstime of `pid` from /proc (all its threads, worker threads included). */
export async function readCpuTimes(pid: number): Promise<CpuTimes> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces and parentheses: fields are counted after its last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the name, field 3 (state) is index 0, so utime (14) is index 11 … cstime (17) is index 14.
  const ticks = (index: number) => Number(fields[index] ?? Number.NaN);
  return {
    ownSeconds: (ticks(11) + ticks(12)) / ticksPerSecond,
    childrenSeconds: (ticks(13) + ticks(14)) / ticksPerSecond,
  };
}

/** A process's CPU use over a wall interval, in percent of one core. */
export type CpuShare = { ownPercent: number; withChildrenPercent: number; wallSeconds: number };

/**
 * Measures `pid`'s CPU share over `seconds` of wall time; `during` runs meanwhile (e.g. reading the screen)
 * and must return by the end of the interval.
 */
export async function measureCpuShare(
  pid: number,
  seconds: number,
  during: (deadline: number) => Promise<void> = () => delay(seconds * 1000),
): Promise<CpuShare> {
  const startedAt = performance.now();
  const before = await readCpuTimes(pid);
  await during(startedAt + seconds * 1000);
  const remaining = startedAt + seconds * 1000 - performance.now();
  if (remaining > 0) await delay(remaining);
  const after = await readCpuTimes(pid);
  const wallSeconds = (performance.now() - startedAt) / 1000;
  const own = after.ownSeconds - before.ownSeconds;
  const children = after.childrenSeconds - before.childrenSeconds;
  return {
    ownPercent: (own / wallSeconds) * 100,
    withChildrenPercent: ((own + children) / wallSeconds) * 100,
    wallSeconds,
  };
}
