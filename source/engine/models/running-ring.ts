/**
 * The loop's running tasks in start order, for the task timeout: each gets a sequence number, which is kept
 * beside it where it awaits, and two array entries (its item, the slot it awaits in, and its start). Ending a
 * task clears its entry in O(1) and nothing is hashed or allocated per task, where a Map would hash every start
 * and end of 150,000 tasks a second and grow and rehash a table of 10,000 entries (io-timer at 10,000 in
 * flight). The sweep walks from the oldest: cleared entries are skipped, a task past its bound is taken out; the
 * arrays drop their front as the oldest go.
 */
export class RunningRing<Item> {
  #items: (Item | undefined)[] = [];
  #starts: number[] = [];
  #head = 0;
  /** The sequence number of `#items[0]`. */
  #base = 0;

  /** Adds a task that started at `startedAt` (never earlier than the last one added); returns its number. */
  add(item: Item, startedAt: number): number {
    this.#items.push(item);
    this.#starts.push(startedAt);
    return this.#base + this.#items.length - 1;
  }

  /** Takes task `sequence` out as it ends; false when it was already taken out (it timed out). */
  end(sequence: number): boolean {
    const index = sequence - this.#base;
    if (index < this.#head || this.#items[index] === undefined) return false;
    this.#items[index] = undefined;
    return true;
  }

  /**
   * Takes out, oldest first, each task that started at or before `startedBy`, handing it to `expire` with its
   * start; returns the start of the oldest task left, or undefined when none runs.
   */
  expire(startedBy: number, expire: (item: Item, startedAt: number) => void): number | undefined {
    let oldest: number | undefined;
    while (this.#head < this.#items.length) {
      const item = this.#items[this.#head];
      const startedAt = this.#starts[this.#head] as number;
      if (item !== undefined) {
        if (startedAt > startedBy) {
          oldest = startedAt;
          break;
        }
        this.#items[this.#head] = undefined;
        expire(item, startedAt);
      }
      this.#head++;
    }
    this.#compact();
    return oldest;
  }

  #compact(): void {
    if (this.#head === this.#items.length) {
      this.#base += this.#items.length;
      this.#items = [];
      this.#starts = [];
      this.#head = 0;
    } else if (this.#head >= 1024 && this.#head * 2 >= this.#items.length) {
      this.#items.splice(0, this.#head);
      this.#starts.splice(0, this.#head);
      this.#base += this.#head;
      this.#head = 0;
    }
  }
}
