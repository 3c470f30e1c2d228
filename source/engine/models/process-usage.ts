import type { ProcessUsage } from './process-messages.ts';

/** What the pool pane shows about one process over a window, all measured by the process itself. */
export type ProcessWindow = {
  /** Share of the window it spent running tasks, 0…1. */
  busyShare: number;
  /** CPU time over wall time between its readings that span the window, in cores (every thread counted). */
  cpuShare: number | undefined;
  rssBytes: number | undefined;
};

/** Readings kept per process: at one every 250 ms, more than a 10 s window. */
const kept = 64;

/**
 * The usage readings a process sent (with each result and every report), newest last, and the window they
 * describe. A process busy in a task that never yields sends nothing until it ends: the task it was handed
 * counts as running since the process said it started it, or else since it was sent, since a process
 * starts a task the moment it arrives.
 */
export class UsageReadings {
  readonly #readings: ProcessUsage[] = [];

  add(usage: ProcessUsage): void {
    if (this.#readings.length === kept) this.#readings.shift();
    this.#readings.push(usage);
  }

  get latest(): ProcessUsage | undefined {
    return this.#readings[this.#readings.length - 1];
  }

  /**
   * The window that ends `at`; `runningSince` is since when the process has run tasks without a break (the
   * earliest start of the tasks out on it now), if any is out.
   */
  window(at: number, windowMs: number, runningSince: number | undefined): ProcessWindow {
    const readings = this.#readings;
    const latest = readings[readings.length - 1];
    if (!latest) return { busyShare: 0, cpuShare: undefined, rssBytes: undefined };
    const from = at - windowMs;
    let baseIndex = 0;
    for (let index = readings.length - 1; index >= 0; index--) {
      if ((readings[index] as ProcessUsage).at <= from) {
        baseIndex = index;
        break;
      }
    }
    const base = readings[baseIndex] as ProcessUsage;
    const since = runningSince === undefined ? undefined : Math.max(latest.at, runningSince);
    let busyShare: number;
    if (latest.at <= from) {
      // Silent for the whole window: busy for the part of it the task out on the process covers.
      busyShare =
        since === undefined || windowMs <= 0 ? 0 : clampShare((at - Math.max(from, since)) / windowMs);
    } else {
      // From the newest reading at or before the window's start (or the oldest, for a process younger than
      // the window): busy time is known only between readings.
      const running = since === undefined ? 0 : Math.max(0, at - since);
      const spanMs = at - base.at;
      busyShare = spanMs > 0 ? clampShare((latest.busyMs + running - base.busyMs) / spanMs) : 0;
    }
    // Two readings at least, so CPU time has a span; with one in the window, the one before it.
    const cpuBase = baseIndex < readings.length - 1 ? base : readings[readings.length - 2];
    const cpuShare =
      cpuBase && latest.at > cpuBase.at
        ? Math.max(0, (latest.cpuMs - cpuBase.cpuMs) / (latest.at - cpuBase.at))
        : undefined;
    return { busyShare, cpuShare, rssBytes: latest.rssBytes };
  }
}

/** A share from differences of readings: never below 0 (clocks of two processes differ a little) nor above 1. */
function clampShare(share: number): number {
  return Number.isFinite(share) ? Math.min(1, Math.max(0, share)) : 0;
}
