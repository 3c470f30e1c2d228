// The CPU of the pool's child processes, read from outside: /proc/<pid>/stat on Linux. A child running a CPU
// task holds its own event loop for the whole task, so the usage it reports itself arrives only between tasks;
// the kernel's count is current whatever the child is doing. Reads are asynchronous and one window behind:
// each sample starts the next reads and uses the ones already finished, so nothing blocks the sampling path.

import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { statFields } from './proc-stat.ts';

/** Kernel clock ticks per second of utime/stime in /proc/<pid>/stat: USER_HZ, 100 on every Linux build. */
const ticksPerSecond = 100;

type Reading = { ticks: number; at: number };

/** utime + stime, in ticks, from the text of /proc/<pid>/stat (fields 14 and 15; the name may hold spaces). */
export function statTicks(stat: string): number | undefined {
  const fields = statFields(stat);
  const user = Number(fields[11]);
  const system = Number(fields[12]);
  return Number.isFinite(user) && Number.isFinite(system) ? user + system : undefined;
}

/** Cores a child used between two readings, from its ticks. */
export function coresBetween(earlier: Reading, later: Reading): number {
  const seconds = (later.at - earlier.at) / 1000;
  return seconds > 0 ? Math.max(0, (later.ticks - earlier.ticks) / ticksPerSecond / seconds) : 0;
}

/** Per child pid, the cores it used over the last interval between finished reads. */
export class ChildCpuMeter {
  readonly #last = new Map<number, Reading>();
  readonly #cores = new Map<number, number>();
  readonly #reading = new Set<number>();
  readonly #supported = process.platform === 'linux';

  /** The cores each of `pids` used, as far as known (undefined until two reads finished); starts the next reads. */
  sample(pids: readonly number[]): ReadonlyMap<number, number> {
    if (!this.#supported) return this.#cores;
    for (const pid of [...this.#last.keys()]) {
      if (!pids.includes(pid)) {
        this.#last.delete(pid);
        this.#cores.delete(pid);
      }
    }
    for (const pid of pids) if (pid > 0 && !this.#reading.has(pid)) this.#read(pid);
    return this.#cores;
  }

  #read(pid: number): void {
    this.#reading.add(pid);
    readFile(`/proc/${pid}/stat`, 'utf8').then(
      (stat) => {
        this.#reading.delete(pid);
        const ticks = statTicks(stat);
        if (ticks === undefined) return;
        const reading = { ticks, at: performance.now() };
        const earlier = this.#last.get(pid);
        if (earlier) this.#cores.set(pid, coresBetween(earlier, reading));
        this.#last.set(pid, reading);
      },
      () => {
        // The child exited between the sample and the read: it is gone from the next sample's pids.
        this.#reading.delete(pid);
      },
    );
  }
}
