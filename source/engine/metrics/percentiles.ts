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
// Anything outside 1 µs to 2^40 µs (12.7 days) is clamped in.
const smallestMicroseconds = 1;
const largestMicroseconds = 2 ** 40;

// Log-linear buckets, as an HDR histogram lays them out with 3 significant digits: every microsecond up to 2,047,
// then 1,024 buckets per power of two, each 1/1,024 of its value wide (a read is within 0.1 % of what was recorded).
const subBucketBits = 10;
const perPowerOfTwo = 2 ** subBucketBits;
const exactBelow = 2 * perPowerOfTwo;
const bucketCount = exactBelow + (40 - subBucketBits) * perPowerOfTwo + perPowerOfTwo;

/** The bucket of a whole number of microseconds from 1 to 2^40. */
function bucketOf(microseconds: number): number {
  if (microseconds < exactBelow) return microseconds;
  if (microseconds < 2 ** 31) {
    // Under 36 minutes, the whole number fits 32 bits: its highest bit and shift, without floating point.
    const exponent = 31 - Math.clz32(microseconds) - subBucketBits;
    return exactBelow + (exponent - 1) * perPowerOfTwo + ((microseconds >>> exponent) - perPowerOfTwo);
  }
  const power = Math.floor(Math.log2(microseconds));
  // Math.log2 can round up just below a power of two; the bucket must hold the value.
  const exponent = (2 ** power > microseconds ? power - 1 : power) - subBucketBits;
  const scale = 2 ** exponent;
  return exactBelow + (exponent - 1) * perPowerOfTwo + (Math.floor(microseconds / scale) - perPowerOfTwo);
}

/** The largest value a bucket holds: what a percentile that falls in it reads, as HDR histograms read it. */
function highestIn(bucket: number): number {
  if (bucket < exactBelow) return bucket;
  const exponent = Math.floor((bucket - exactBelow) / perPowerOfTwo) + 1;
  const step = (bucket - exactBelow) % perPowerOfTwo;
  const scale = 2 ** exponent;
  return (perPowerOfTwo + step + 1) * scale - 1;
}

/**
 * Latencies in milliseconds, kept at microsecond resolution in log-linear buckets (the layout of an HDR histogram
 * with 3 significant digits): O(1) to record, constant memory however many values, within 0.1 % on reading. In
 * JavaScript rather than node's native histogram: each task records five latencies, and a call into node's
 * costs more than counting into a typed array (bench:perf histogram-cost, BENCHMARKS.md). Resets and reads walk
 * only the buckets used.
 */
export class LatencyHistogram {
  readonly #counts = new Float64Array(bucketCount);
  #count = 0;
  #sum = 0;
  #max = 0;
  #lowest = bucketCount;
  #highest = -1;

  /**
   * Records one latency. Values under 1 µs (including zero and negatives) count as 1 µs, the histogram's floor;
   * huge values are clamped to its ceiling; NaN is ignored.
   */
  record(milliseconds: number): void {
    if (Number.isNaN(milliseconds)) {
      return;
    }
    const microseconds = Math.min(
      largestMicroseconds,
      Math.max(smallestMicroseconds, Math.round(milliseconds * microsecondsPerMillisecond)),
    );
    const bucket = bucketOf(microseconds);
    this.#counts[bucket] = (this.#counts[bucket] as number) + 1;
    this.#count++;
    this.#sum += microseconds;
    if (microseconds > this.#max) this.#max = microseconds;
    if (bucket < this.#lowest) this.#lowest = bucket;
    if (bucket > this.#highest) this.#highest = bucket;
  }

  /** Percentiles, count and mean in milliseconds; all zeros when nothing was recorded. */
  read(): LatencyReading {
    if (this.#count === 0) {
      return { ...zero, count: 0, mean: 0 };
    }
    return {
      p50: this.#percentile(50) / microsecondsPerMillisecond,
      p99: this.#percentile(99) / microsecondsPerMillisecond,
      max: this.#max / microsecondsPerMillisecond,
      count: this.#count,
      mean: this.#sum / this.#count / microsecondsPerMillisecond,
    };
  }

  /** The value at `percentile`: the largest in the bucket where the count reaches that share, never over the max. */
  #percentile(percentile: number): number {
    const wanted = Math.max(1, Math.round((percentile / 100) * this.#count));
    let seen = 0;
    for (let bucket = this.#lowest; bucket <= this.#highest; bucket++) {
      seen += this.#counts[bucket] as number;
      if (seen >= wanted) return Math.min(this.#max, highestIn(bucket));
    }
    return this.#max;
  }

  reset(): void {
    if (this.#highest >= 0) this.#counts.fill(0, this.#lowest, this.#highest + 1);
    this.#count = 0;
    this.#sum = 0;
    this.#max = 0;
    this.#lowest = bucketCount;
    this.#highest = -1;
  }

  /** Merges `other`'s values into this one, e.g. to build a whole-run aggregate from closed windows. */
  add(other: LatencyHistogram): void {
    for (let bucket = other.#lowest; bucket <= other.#highest; bucket++) {
      this.#counts[bucket] = (this.#counts[bucket] as number) + (other.#counts[bucket] as number);
    }
    this.#count += other.#count;
    this.#sum += other.#sum;
    this.#max = Math.max(this.#max, other.#max);
    this.#lowest = Math.min(this.#lowest, other.#lowest);
    this.#highest = Math.max(this.#highest, other.#highest);
  }
}
