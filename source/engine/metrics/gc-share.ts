// The share of the main thread's time spent in garbage collection, from the `gc` performance entries V8 reports
// for this thread. An entry is a pause of the thread: scavenges and the atomic parts of a mark-sweep (work V8's
// helper threads do alongside is not a pause, and is not counted).

import { type PerformanceEntry, PerformanceObserver } from 'node:perf_hooks';

/** Sums the main thread's GC pauses; `sample(windowMs)` returns the share of the window they took, 0…1. */
export class GcShareMeter {
  #pausedMs = 0;
  readonly #observer: PerformanceObserver | undefined;

  constructor() {
    try {
      this.#observer = new PerformanceObserver((list) => this.add(list.getEntries()));
      this.#observer.observe({ entryTypes: ['gc'] });
    } catch {
      // A runtime without gc entries: the share reads 0 and the rule that uses it stays quiet.
      this.#observer = undefined;
    }
  }

  /** Adds entries' durations (the observer's callback; public so it is tested with plain values). */
  add(entries: readonly Pick<PerformanceEntry, 'duration'>[]): void {
    for (const entry of entries) this.#pausedMs += entry.duration;
  }

  /** The GC pauses since the last sample over `windowMs`, capped at 1 (a pause can straddle two windows). */
  sample(windowMs: number): number {
    const paused = this.#pausedMs;
    this.#pausedMs = 0;
    return windowMs > 0 ? Math.min(1, paused / windowMs) : 0;
  }

  stop(): void {
    this.#observer?.disconnect();
  }
}
