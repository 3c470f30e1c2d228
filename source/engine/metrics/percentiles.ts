import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';
import type { Percentiles } from '../types.ts';

const zero: Percentiles = { p50: 0, p99: 0, max: 0 };

/**
 * Nearest-rank percentiles of a small list (a window's few task latencies). It sorts a copy, so use
 * `LatencyHistogram` for anything that grows with run time. NaN entries are skipped; an empty list gives zeros.
 */
export function percentilesOf(values: readonly number[]): Percentiles {
  const sorted = values.filter((value) => !Number.isNaN(value)).sort((a, b) => a - b);
  if (sorted.length === 0) {
    return { ...zero };
  }
  const rank = (percentile: number) =>
    sorted[Math.max(0, Math.ceil((percentile / 100) * sorted.length) - 1)] ?? 0;
  return { p50: rank(50), p99: rank(99), max: sorted[sorted.length - 1] ?? 0 };
}

/** What a `LatencyHistogram` reads: percentiles, count and mean, all in milliseconds. */
export type LatencyReading = Percentiles & { count: number; mean: number };

const microsecondsPerMillisecond = 1000;
// Anything outside 1 µs to 2^40 µs (12.7 days) is clamped in. Node's default ceiling, Number.MAX_SAFE_INTEGER,
// makes each histogram about 750 KB that every reset clears and every read walks: the task window resets five
// of them four times a second, and that showed as 5 % of the dashboard's main thread (BENCHMARKS.md).
const smallestMicroseconds = 1;
const largestMicroseconds = 2 ** 40;

/**
 * Latencies in milliseconds, kept at microsecond resolution in node's native HDR histogram: O(1) to record,
 * constant memory however many values, about 0.1 % relative precision (3 significant digits).
 */
export class LatencyHistogram {
  readonly #histogram: RecordableHistogram = createHistogram({
    lowest: smallestMicroseconds,
    highest: largestMicroseconds,
    figures: 3,
  });

  /**
   * Records one latency. Values under 1 µs (including zero and negatives) count as 1 µs, the histogram's floor;
   * huge values are clamped to its ceiling; NaN is ignored.
   */
  record(milliseconds: number): void {
    if (Number.isNaN(milliseconds)) {
      return;
    }
    const microseconds = Math.round(milliseconds * microsecondsPerMillisecond);
    this.#histogram.record(Math.min(largestMicroseconds, Math.max(smallestMicroseconds, microseconds)));
  }

  /** Percentiles, count and mean in milliseconds; all zeros when nothing was recorded. */
  read(): LatencyReading {
    const histogram = this.#histogram;
    if (histogram.count === 0) {
      return { ...zero, count: 0, mean: 0 };
    }
    return {
      p50: histogram.percentile(50) / microsecondsPerMillisecond,
      p99: histogram.percentile(99) / microsecondsPerMillisecond,
      max: histogram.max / microsecondsPerMillisecond,
      count: histogram.count,
      mean: histogram.mean / microsecondsPerMillisecond,
    };
  }

  reset(): void {
    this.#histogram.reset();
  }

  /** Merges `other`'s values into this one, e.g. to build a whole-run aggregate from closed windows. */
  add(other: LatencyHistogram): void {
    this.#histogram.add(other.#histogram);
  }
}
