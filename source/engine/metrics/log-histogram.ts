import type { LogHistogram } from '../types.ts';

export type LogHistogramOptions = {
  /** Upper bound of the first bucket, ms. @default 0.01 */
  firstBound?: number;
  /** Each bucket's bound over the previous one's. @default 2 */
  factor?: number;
  /** How many buckets; values past the last bound count in the last. @default 24 */
  buckets?: number;
};

/**
 * Counts values into log-spaced buckets (like tokio-console's poll-time histogram): constant memory and one
 * `Math.log` per value, whatever the run's length.
 */
export class LogHistogramCounter {
  readonly #bounds: number[];
  readonly #counts: Float64Array;
  readonly #firstBound: number;
  readonly #logFactor: number;

  constructor(options: LogHistogramOptions = {}) {
    this.#firstBound = options.firstBound ?? 0.01;
    const factor = options.factor ?? 2;
    const buckets = options.buckets ?? 24;
    this.#logFactor = Math.log(factor);
    this.#bounds = Array.from({ length: buckets }, (_, index) => this.#firstBound * factor ** index);
    this.#counts = new Float64Array(buckets);
  }

  record(value: number): void {
    const last = this.#counts.length - 1;
    const index =
      value <= this.#firstBound ? 0 : Math.ceil(Math.log(value / this.#firstBound) / this.#logFactor);
    const bucket = Math.min(last, index);
    this.#counts[bucket] = (this.#counts[bucket] ?? 0) + 1;
  }

  reset(): void {
    this.#counts.fill(0);
  }

  /** A copy: bounds and counts as plain arrays. */
  sample(): LogHistogram {
    return { bounds: [...this.#bounds], counts: Array.from(this.#counts) };
  }
}
