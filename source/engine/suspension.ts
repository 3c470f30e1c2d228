import type { LagMonitor } from './metrics/lag-monitor.ts';

export type SuspensionParts = {
  lagMonitor: Pick<LagMonitor, 'hold' | 'release'>;
  paused(): boolean;
  togglePause(): void;
};

/**
 * The process stopped by job control (Ctrl-Z, SIGTSTP) and continued: while stopped the run is paused like
 * `space` (unless it already was) and the lag probe holds its breath, so the time spent stopped is neither lag, a
 * freeze, nor counted by any row. A run paused by hand stays paused on resume.
 */
export class Suspension {
  readonly #parts: SuspensionParts;
  #suspended = false;
  /** Whether `suspend` paused the run, so `resume` resumes it. */
  #pausedBySuspend = false;

  constructor(parts: SuspensionParts) {
    this.#parts = parts;
  }

  suspend(): void {
    if (this.#suspended) return;
    this.#suspended = true;
    this.#parts.lagMonitor.hold();
    this.#pausedBySuspend = !this.#parts.paused();
    if (this.#pausedBySuspend) this.#parts.togglePause();
  }

  resume(): void {
    if (!this.#suspended) return;
    this.#suspended = false;
    this.#parts.lagMonitor.release();
    if (this.#pausedBySuspend && this.#parts.paused()) this.#parts.togglePause();
    this.#pausedBySuspend = false;
  }
}
