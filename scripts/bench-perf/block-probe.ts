// How long the main thread went without running a timer: the figures that measure a loop block (a reload, a
// thread change) against the same probe with nothing happening.

/** The probe's period, ms: subtracted from each gap, so an idle loop reads about 0. */
export const probePeriodMs = 2;

/** The longest the main thread went without running a `probePeriodMs` timer, minus the timer's own period. */
export class BlockProbe {
  #timer: NodeJS.Timeout | undefined;
  #last = 0;
  longestMs = 0;

  start(): void {
    this.#last = performance.now();
    this.longestMs = 0;
    this.#timer = setInterval(() => {
      const at = performance.now();
      this.longestMs = Math.max(this.longestMs, at - this.#last - probePeriodMs);
      this.#last = at;
    }, probePeriodMs);
  }

  stop(): number {
    clearInterval(this.#timer);
    return this.longestMs;
  }
}
