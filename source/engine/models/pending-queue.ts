import Denque from 'denque';

/**
 * The FIFO of tasks that wait for a free place in the pool or their turn on the loop. A ring buffer (denque):
 * push and shift are O(1) and allocate nothing once it has grown to the tasks in flight. An array with a moving
 * head allocated a fresh backing store each time it emptied and filled again, and a copy each time it dropped
 * its consumed front: about 90 bytes a task at 10,000 in flight on the loop, all of it young-generation GC.
 */
export class PendingQueue<Item> {
  #items = new Denque<Item>();

  get size(): number {
    return this.#items.length;
  }

  push(item: Item): void {
    this.#items.push(item);
  }

  /** Puts `items` back at the front, in their order, ahead of everything queued: they were taken out first. */
  unshiftAll(items: readonly Item[]): void {
    for (let index = items.length - 1; index >= 0; index--) this.#items.unshift(items[index] as Item);
  }

  /**
   * Puts `items` (in `compare`'s order) back among the queued ones, each ahead of the first queued item it comes
   * before: a queue in `compare`'s order stays in it. Items taken back from a pool may be older than everything
   * queued (then this is `unshiftAll`) or not: a task a process held can come back after older ones did.
   */
  putBack(items: readonly Item[], compare: (a: Item, b: Item) => number): void {
    if (items.length === 0) return;
    const head = this.#items.peekFront();
    if (head === undefined || compare(items[items.length - 1] as Item, head) <= 0) {
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
    this.#items = new Denque(merged);
  }

  /** The oldest item, or undefined when the queue is empty. */
  shift(): Item | undefined {
    return this.#items.shift();
  }

  /** Takes out every item `predicate` holds for and returns them, oldest first; the rest keep their order. */
  removeWhere(predicate: (item: Item) => boolean): Item[] {
    const kept: Item[] = [];
    const removed: Item[] = [];
    for (const item of this.drain()) (predicate(item) ? removed : kept).push(item);
    this.#items = new Denque(kept);
    return removed;
  }

  /** Empties the queue and returns what it held, oldest first. */
  drain(): Item[] {
    const items = this.#items.toArray();
    this.#items = new Denque<Item>();
    return items;
  }
}
