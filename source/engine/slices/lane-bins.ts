import type { TimelineLane } from '../types.ts';

/**
 * One lane's slices, binned as they arrive: per fixed bin of engine time, the busy milliseconds, the task whose
 * slice covered most of it and how many slices began in it. A ring of `bins` bins ending at the newest bin seen,
 * so a snapshot copies `bins` numbers per lane however many slices ran (io-timer at 10,000 in flight makes
 * ~150,000 a second). Bins are absolute (`floor(time / binMs)`), so every lane's bins line up.
 */
export class LaneBins {
  readonly name: string;
  readonly #binMs: number;
  readonly #bins: number;
  readonly #busyMs: Float32Array;
  readonly #taskId: Float64Array;
  /** How much of the bin the slice of `#taskId` covered: the bar a later slice must pass to take the bin. */
  readonly #topMs: Float32Array;
  readonly #slices: Uint32Array;
  /** Absolute number of the newest bin the ring holds; the ring holds `newest - bins + 1 … newest`. */
  #newest = Number.NEGATIVE_INFINITY;
  /** Where the newest bin is in the ring, and the span of engine time it covers. */
  #newestSlot = 0;
  #newestStart = Number.POSITIVE_INFINITY;
  #newestEnd = Number.NEGATIVE_INFINITY;

  constructor(name: string, binMs: number, bins: number) {
    this.name = name;
    this.#binMs = binMs;
    this.#bins = bins;
    this.#busyMs = new Float32Array(bins);
    this.#taskId = new Float64Array(bins);
    this.#topMs = new Float32Array(bins);
    this.#slices = new Uint32Array(bins);
  }

  /**
   * Adds a slice. The task named for a bin is the one whose slices, taken one at a time (or back to back for the
   * same task), covered most of it: exact for the long slices a lane shows, cheap for the short ones.
   */
  add(taskId: number, start: number, lengthMs: number): void {
    const end = start + lengthMs;
    // Most slices are short and fall in the newest bin: no division, no modulo (on bin numbers past 2^31 it is a
    // floating-point remainder).
    if (start >= this.#newestStart && end < this.#newestEnd) {
      const slot = this.#newestSlot;
      this.#slices[slot] = (this.#slices[slot] as number) + 1;
      this.#cover(slot, taskId, lengthMs);
      return;
    }
    const binMs = this.#binMs;
    const first = Math.floor(start / binMs);
    const last = Math.floor(end / binMs);
    if (last > this.#newest) this.advanceTo(last);
    const oldest = this.#newest - this.#bins + 1;
    if (first >= oldest) {
      const slot = first % this.#bins;
      this.#slices[slot] = (this.#slices[slot] as number) + 1;
    }
    for (let bin = Math.max(first, oldest); bin <= last; bin++) {
      const binStart = bin * binMs;
      const binEnd = binStart + binMs;
      const covered = Math.min(end, binEnd) - Math.max(start, binStart);
      if (!(covered > 0)) continue;
      this.#cover(bin % this.#bins, taskId, covered);
    }
  }

  #cover(slot: number, taskId: number, covered: number): void {
    this.#busyMs[slot] = (this.#busyMs[slot] as number) + covered;
    if (this.#taskId[slot] === taskId) {
      this.#topMs[slot] = (this.#topMs[slot] as number) + covered;
    } else if (covered > (this.#topMs[slot] as number)) {
      this.#taskId[slot] = taskId;
      this.#topMs[slot] = covered;
    }
  }

  /** Moves the ring's end to absolute bin `bin`, emptying the bins it passes. */
  advanceTo(bin: number): void {
    if (bin <= this.#newest) return;
    if (this.#newest === Number.NEGATIVE_INFINITY || bin - this.#newest >= this.#bins) {
      this.#clear();
    } else {
      for (let next = this.#newest + 1; next <= bin; next++) {
        const slot = next % this.#bins;
        this.#busyMs[slot] = 0;
        this.#taskId[slot] = 0;
        this.#topMs[slot] = 0;
        this.#slices[slot] = 0;
      }
    }
    this.#newest = bin;
    this.#newestSlot = bin % this.#bins;
    this.#newestStart = bin * this.#binMs;
    this.#newestEnd = this.#newestStart + this.#binMs;
  }

  /** The `bins` bins ending with absolute bin `endBin`, oldest first (copies), and whether any slice ran in them. */
  copy(endBin: number): { lane: TimelineLane; ran: boolean } {
    const bins = this.#bins;
    const lane: TimelineLane = {
      name: this.name,
      busyMs: new Float32Array(bins),
      taskId: new Float64Array(bins),
      slices: new Uint32Array(bins),
    };
    let ran = false;
    const held = this.#newest - bins;
    for (let index = 0; index < bins; index++) {
      const bin = endBin - bins + 1 + index;
      if (bin > this.#newest || bin <= held) continue;
      const slot = bin % bins;
      const busy = this.#busyMs[slot] as number;
      const slices = this.#slices[slot] as number;
      lane.busyMs[index] = busy;
      lane.taskId[index] = this.#taskId[slot] as number;
      lane.slices[index] = slices;
      if (busy > 0 || slices > 0) ran = true;
    }
    return { lane, ran };
  }

  #clear(): void {
    this.#busyMs.fill(0);
    this.#taskId.fill(0);
    this.#topMs.fill(0);
    this.#slices.fill(0);
  }
}
