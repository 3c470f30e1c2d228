// How much of the machine's CPU went to processes other than the dashboard, over a stretch of time. A claim
// such as "throughput roughly doubles on two cores" needs the two cores: when another process holds one, the
// claim cannot be judged, and a test says so instead of failing on the neighbour's account.

import { readFileSync } from 'node:fs';

/** Clock ticks a second in /proc (USER_HZ, 100 on every Linux that ships). */
const ticksPerSecond = 100;

type Sample = { at: number; machineTicks: number; ownTicks: number };

/** Busy ticks of the whole machine: every field of /proc/stat's "cpu" line but idle and iowait. */
function machineBusyTicks(): number {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '')
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
  return user + nice + system + irq + softirq + steal;
}

/** User and system ticks of a process, all its threads included; 0 once it is gone. */
function processTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which may hold spaces: state is field 3, utime 14, stime 15.
    const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(after[11]) + Number(after[12]);
  } catch {
    return 0;
  }
}

/**
 * Samples the machine's busy CPU and the CPU of `own()` processes (the dashboard and its children) every
 * `everyMs`, so that `othersCores(from, to)` tells how many cores everything else used meanwhile.
 */
export class MachineLoad {
  readonly #samples: Sample[] = [];
  readonly #own: () => number[];
  readonly #timer: NodeJS.Timeout;
  readonly #seen = new Map<number, number>();
  #pids: number[] = [];
  #pidsAt = Number.NEGATIVE_INFINITY;

  /**
   * @param own the processes whose CPU is the dashboard's own (looked up again every 2 s).
   * @param everyMs how often to sample. @default 250
   */
  constructor(own: () => number[], everyMs = 250) {
    this.#own = own;
    this.sample();
    this.#timer = setInterval(() => this.sample(), everyMs);
    this.#timer.unref();
  }

  sample(): void {
    const at = performance.now();
    if (at - this.#pidsAt > 2000) {
      this.#pids = this.#own();
      this.#pidsAt = at;
    }
    // A process counts from the first time it is seen: keep each one's last reading, even after it ends.
    for (const pid of this.#pids) {
      const ticks = processTicks(pid);
      if (ticks > 0) this.#seen.set(pid, ticks);
    }
    const ownTicks = [...this.#seen.values()].reduce((sum, ticks) => sum + ticks, 0);
    this.#samples.push({ at, machineTicks: machineBusyTicks(), ownTicks });
  }

  /** Cores used on average by every process but our own between `from` and `to` (performance.now() times). */
  othersCores(from: number, to = performance.now()): number {
    const first = this.#samples.find((sample) => sample.at >= from) ?? this.#samples.at(-1);
    const last = [...this.#samples].reverse().find((sample) => sample.at <= to) ?? this.#samples.at(-1);
    if (!first || !last || last.at - first.at < 500) return 0;
    const others = last.machineTicks - first.machineTicks - (last.ownTicks - first.ownTicks);
    return Math.max(0, others / ticksPerSecond / ((last.at - first.at) / 1000));
  }

  /**
   * The most cores every process but our own used on average over any `windowMs` from `from` to `to`: rows
   * measured at different times each saw their own neighbours, and a busy stretch while one of them was measured
   * skews their ratio even when the average over the whole time hides it.
   */
  othersPeak(from: number, windowMs: number, to = performance.now()): number {
    let most = 0;
    for (const sample of this.#samples) {
      if (sample.at < from || sample.at + windowMs > to) continue;
      most = Math.max(most, this.othersCores(sample.at, sample.at + windowMs));
    }
    return Math.max(most, this.othersCores(from, to));
  }

  /**
   * The most cores every process but our own used between two successive samples (a quarter of a second apart by
   * default) from `from` to `to`: a burst an average over seconds hides.
   */
  othersBurst(from: number, to = performance.now()): number {
    let most = 0;
    for (let index = 1; index < this.#samples.length; index++) {
      const earlier = this.#samples[index - 1];
      const later = this.#samples[index];
      if (!earlier || !later || later.at < from || earlier.at > to) continue;
      const seconds = (later.at - earlier.at) / 1000;
      const ticks = later.machineTicks - earlier.machineTicks - (later.ownTicks - earlier.ownTicks);
      if (seconds > 0) most = Math.max(most, ticks / ticksPerSecond / seconds);
    }
    return most;
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}
