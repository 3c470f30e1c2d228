// The loop's tasks that returned a promise, each in a numbered slot until the promise settles. The handlers the
// model gives the promise are its two shared functions bound to the slot's number, once per slot: a waiting task
// adds no object of its own, where two closures over the task, their context and its boxed start kept 192 bytes
// alive, and with 10,000 tasks in flight each young-generation GC copies every one of those bytes.

/** Slots of a new table; it doubles when full. */
const initialCapacity = 64;

/**
 * Awaiting items by slot number, with the start of each. A slot is free again once its item is taken, and the
 * most recently freed slot is handed out first. Nothing is allocated per item once the table has grown to the
 * run's peak. An item whose promise never settles keeps its slot: its task stays in flight all the same.
 */
export class AwaitingSlots<Item> {
  #items: (Item | undefined)[] = new Array<Item | undefined>(initialCapacity).fill(undefined);
  #startedAt = new Float64Array(initialCapacity);
  /** Free slots, a stack: the last one freed on top. */
  #free = new Int32Array(initialCapacity);
  #freeCount = 0;
  /** Slots below this have been handed out at least once. */
  #used = 0;
  #size = 0;

  /** Items held now. */
  get size(): number {
    return this.#size;
  }

  /** Holds `item`, which started at `startedAt`; returns its slot. */
  add(item: Item, startedAt: number): number {
    let slot: number;
    if (this.#freeCount > 0) {
      slot = this.#free[--this.#freeCount] as number;
    } else {
      if (this.#used === this.#items.length) this.#grow();
      slot = this.#used++;
    }
    this.#items[slot] = item;
    this.#startedAt[slot] = startedAt;
    this.#size++;
    return slot;
  }

  /** When the item in `slot` started. */
  startedAt(slot: number): number {
    return this.#startedAt[slot] as number;
  }

  /** Takes the item out of `slot` and frees the slot; undefined when the slot holds none. */
  take(slot: number): Item | undefined {
    const item = this.#items[slot];
    if (item === undefined) return undefined;
    this.#items[slot] = undefined;
    this.#free[this.#freeCount++] = slot;
    this.#size--;
    return item;
  }

  #grow(): void {
    const capacity = this.#items.length * 2;
    const items = new Array<Item | undefined>(capacity).fill(undefined);
    for (let slot = 0; slot < this.#used; slot++) items[slot] = this.#items[slot];
    this.#items = items;
    const startedAt = new Float64Array(capacity);
    startedAt.set(this.#startedAt);
    this.#startedAt = startedAt;
    const free = new Int32Array(capacity);
    free.set(this.#free.subarray(0, this.#freeCount));
    this.#free = free;
  }
}
