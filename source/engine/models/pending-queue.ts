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

  /**
   * Puts `items` (in `compare`'s order) back among the queued ones, each ahead of the first queued item it comes
   * before: a queue in `compare`'s order stays in it. Items taken back from a pool may be older than everything
   * queued (then this is `unshiftAll`) or not: a task a process held can come back after older ones did.
   */
  putBack(items: readonly Item[], compare: (a: Item, b: Item) => number): void {
    if (items.length === 0) return;
    const head = this.#items[this.#head] as Item;
    if (this.size === 0 || compare(items[items.length - 1] as Item, head) <= 0) {
      this.unshiftAll(items);
      return;
    }
    const queued = this.drain();
    const merged: Item[] = [];
    let back = 0;
    for (const item of queued) {
      while (back < items.length && compare(items[back] as Item, item) <= 0)
        merged.push(items[back++] as Item);
      merged.push(item);
    }
    while (back < items.length) merged.push(items[back++] as Item);
    this.#items = merged;
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
