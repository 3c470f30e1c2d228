// Loop stalls as they happen, and who is to blame for each. The lag probe reports a stall as two numbers when it
// fires late (alloc-free: it runs 500 times a second); the blame is worked out when the engine samples, from the
// slices on the loop the slice log holds by then.

import type { SliceQuery } from '../slices/slice-query.ts';
import type { Stall, StallSample } from '../types.ts';
import { blameStall } from './stall-attribution.ts';
import { maxWorstBlockers, withWorstBlocker } from './worst-blockers.ts';

export type StallLogOptions = {
  /** A stall is a lag over this, ms (what the lag monitor was given). @default 20 */
  thresholdMs?: number;
  /** How long a stall stays in `recent`, ms. @default 60000 */
  recentMs?: number;
  /** The most stalls `recent` holds: a loop that stalls all the time keeps only the newest. @default 500 */
  recentLimit?: number;
  /** The most stalls the worst-blockers list keeps. @default 5 */
  worstLimit?: number;
};

/** Stalls reported between two samples, before the bound drops the oldest (a stall lasts over 1 ms). */
const pendingCapacity = 256;

/** No slices at all: every stall is the engine's own (a run without slice recording). */
export const noSlices: SliceQuery = {
  loopSlicesOverlapping: () => [],
  slicesOf: () => [],
};

/**
 * Keeps the stalls of about the last minute and the worst blockers since the start (or `reset`), each blamed on the
 * loop slices that covered it. `record` is the lag monitor's `onStall`; `sample` is called with each snapshot.
 */
export class StallLog {
  readonly thresholdMs: number;
  readonly #slices: SliceQuery;
  readonly #recentMs: number;
  readonly #recentLimit: number;
  readonly #worstLimit: number;
  // A ring of stalls not yet blamed: numbers only, so the probe allocates nothing.
  readonly #pendingAt = new Float64Array(pendingCapacity);
  readonly #pendingMs = new Float64Array(pendingCapacity);
  #pendingStart = 0;
  #pendingCount = 0;
  #recent: Stall[] = [];
  #worst: readonly Stall[] = [];
  #total = 0;
  /** The last sample, handed out again while nothing changed. */
  #sample: StallSample | undefined;

  constructor(slices: SliceQuery, options: StallLogOptions = {}) {
    this.#slices = slices;
    this.thresholdMs = options.thresholdMs ?? 20;
    this.#recentMs = options.recentMs ?? 60_000;
    this.#recentLimit = options.recentLimit ?? 500;
    this.#worstLimit = options.worstLimit ?? maxWorstBlockers;
  }

  /** A stall from `at` (engine clock) lasting `durationMs`: blamed at the next `sample`. */
  record(at: number, durationMs: number): void {
    const slot = (this.#pendingStart + this.#pendingCount) % pendingCapacity;
    this.#pendingAt[slot] = at;
    this.#pendingMs[slot] = durationMs;
    if (this.#pendingCount < pendingCapacity) this.#pendingCount += 1;
    else this.#pendingStart = (this.#pendingStart + 1) % pendingCapacity;
  }

  /** Blames the stalls recorded since the last sample and returns the stalls as of `now` (engine clock). */
  sample(now: number): StallSample {
    let changed = this.#sample === undefined;
    for (let index = 0; index < this.#pendingCount; index += 1) {
      const slot = (this.#pendingStart + index) % pendingCapacity;
      const at = this.#pendingAt[slot] as number;
      const durationMs = this.#pendingMs[slot] as number;
      const stall = blameStall(at, durationMs, this.#slices.loopSlicesOverlapping(at, at + durationMs));
      this.#recent.push(stall);
      this.#total += 1;
      this.#worst = withWorstBlocker(this.#worst, stall, this.#worstLimit);
      changed = true;
    }
    this.#pendingStart = 0;
    this.#pendingCount = 0;
    const excess = Math.max(0, this.#recent.length - this.#recentLimit);
    let old = excess;
    while (old < this.#recent.length && this.#endOf(old) < now - this.#recentMs) old += 1;
    if (old > 0) {
      this.#recent = this.#recent.slice(old);
      changed = true;
    }
    if (!changed && this.#sample !== undefined) return this.#sample;
    this.#sample = {
      thresholdMs: this.thresholdMs,
      recent: [...this.#recent],
      worst: [...this.#worst],
      total: this.#total,
    };
    return this.#sample;
  }

  /** Forgets every stall, recent, worst or not yet blamed (`r`). */
  reset(): void {
    this.#pendingStart = 0;
    this.#pendingCount = 0;
    this.#recent = [];
    this.#worst = [];
    this.#total = 0;
    this.#sample = undefined;
  }

  #endOf(index: number): number {
    const stall = this.#recent[index] as Stall;
    return stall.at + stall.durationMs;
  }
}
