/**
 * A fixed-capacity buffer that overwrites its oldest item once full, so history (chart points, recent tasks,
 * events) stays bounded however long the dashboard runs.
 */
export class RingBuffer<T> implements Iterable<T> {
  readonly capacity: number;
  // Grows up to `capacity` on demand, then items are overwritten in place: no allocation per push once full.
  #items: T[] = [];
  /** Index of the oldest item. Stays 0 until the buffer is full. */
  #start = 0;
  #length = 0;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`RingBuffer capacity must be a positive integer, got ${capacity}`);
    }
    this.capacity = capacity;
  }

  get length(): number {
    return this.#length;
  }

  push(item: T): void {
    if (this.#length < this.capacity) {
      this.#items[this.#length] = item;
      this.#length += 1;
      return;
    }
    this.#items[this.#start] = item;
    this.#start = (this.#start + 1) % this.capacity;
  }

  clear(): void {
    // A new array, not `length = 0` alone, so the old items can be collected right away.
    this.#items = [];
    this.#start = 0;
    this.#length = 0;
  }

  /** All items, oldest first. */
  toArray(): T[] {
    return [...this];
  }

  /** Up to `count` items, newest first. */
  newest(count: number): T[] {
    const size = Math.max(0, Math.min(Math.floor(count), this.#length));
    const result: T[] = new Array(size);
    for (let offset = 0; offset < size; offset += 1) {
      result[offset] = this.#at(this.#length - 1 - offset);
    }
    return result;
  }

  /** The newest item, or undefined when empty. */
  last(): T | undefined {
    return this.#length === 0 ? undefined : this.#at(this.#length - 1);
  }

  /** Oldest first. */
  *[Symbol.iterator](): Iterator<T> {
    for (let index = 0; index < this.#length; index += 1) {
      yield this.#at(index);
    }
  }

  /** The item `index` places after the oldest; callers keep `index` below `length`. */
  #at(index: number): T {
    return this.#items[(this.#start + index) % this.capacity] as T;
  }
}
