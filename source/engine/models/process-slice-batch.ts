// A pool process's slices on their way to the main process, without a message per slice: packed into a batch
// that rides along with the next result or usage report (process-messages.ts). A batch that grows past its
// bound between two messages (a process of thousands of awaiting tasks whose loop cannot send) stops taking
// slices and counts the ones it turned away.

/** Fields of one slice in a packed batch: task id, start (engine clock), length (ms), slice number. */
export const packedSliceFields = 4;

/** Slices one batch holds at most: 2 MB, about a second of a process of 10,000 awaiting tasks. */
const mostSlices = 65_536;

export class SliceBatch {
  #entries = new Float64Array(256 * packedSliceFields);
  #count = 0;
  #dropped = 0;

  add(taskId: number, start: number, lengthMs: number, sliceNumber: number): void {
    if (this.#count * packedSliceFields === this.#entries.length) {
      if (this.#count >= mostSlices) {
        this.#dropped++;
        return;
      }
      const grown = new Float64Array(this.#entries.length * 2);
      grown.set(this.#entries);
      this.#entries = grown;
    }
    const at = this.#count++ * packedSliceFields;
    this.#entries[at] = taskId;
    this.#entries[at + 1] = start;
    this.#entries[at + 2] = lengthMs;
    this.#entries[at + 3] = sliceNumber;
  }

  /** Copies what a message should carry onto `into` (nothing when empty) and starts a new batch. */
  takeInto(into: { slicesRecorded?: Float64Array; slicesDropped?: number }): void {
    if (this.#count > 0) into.slicesRecorded = this.#entries.slice(0, this.#count * packedSliceFields);
    if (this.#dropped > 0) into.slicesDropped = this.#dropped;
    this.#count = 0;
    this.#dropped = 0;
  }
}
