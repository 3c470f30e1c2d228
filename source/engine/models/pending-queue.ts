/**
 * The FIFO of tasks that wait for a free place in the pool. An array with a moving head: push and shift are
 * O(1) and allocate nothing per task, which matters with tens of thousands of tasks waiting.
 */
export class PendingQueue<Item> {
  #items: (Item | undefined)[] = [];
  #head = 0;

  get size(): number {
    return this.#items.length - this.#head;
  }

  push(item: Item): void {
    this.#items.push(item);
  }

  /** Puts `items` back at the front, in their order, ahead of everything queued: they were taken out first. */
  unshiftAll(items: readonly Item[]): void {
    if (items.length === 0) return;
    if (this.#head >= items.length) {
      this.#head -= items.length;
      for (let index = 0; index < items.length; index++) this.#items[this.#head + index] = items[index];
    } else {
      this.#items = [...items, ...this.#items.slice(this.#head)];
      this.#head = 0;
    }
  }

  /** The oldest item, or undefined when the queue is empty. */
  shift(): Item | undefined {
    if (this.#head === this.#items.length) return undefined;
    const item = this.#items[this.#head] as Item;
    this.#items[this.#head++] = undefined;
    if (this.#head === this.#items.length) {
      this.#items.length = 0;
      this.#head = 0;
    } else if (this.#head >= 1024 && this.#head * 2 >= this.#items.length) {
      // Amortised: drop the consumed front once it is at least half of the array.
      this.#items.splice(0, this.#head);
      this.#head = 0;
    }
    return item;
  }

  /** Takes out every item `predicate` holds for and returns them, oldest first; the rest keep their order. */
  removeWhere(predicate: (item: Item) => boolean): Item[] {
    const kept: Item[] = [];
    const removed: Item[] = [];
    for (let index = this.#head; index < this.#items.length; index++) {
      const item = this.#items[index] as Item;
      (predicate(item) ? removed : kept).push(item);
    }
    this.#items = kept;
    this.#head = 0;
    return removed;
  }

  /** Empties the queue and returns what it held, oldest first. */
  drain(): Item[] {
    const items = this.#items.slice(this.#head) as Item[];
    this.#items = [];
    this.#head = 0;
    return items;
  }
}
