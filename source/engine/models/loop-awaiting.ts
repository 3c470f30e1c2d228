// The loop's tasks that returned a promise, each in a numbered slot until the promise settles. The handlers the
// model gives the promise are its two shared functions bound to the slot's ticket, once per ticket: a waiting
// task adds no object of its own, where two closures over the task, their context and its boxed start kept 192
// bytes alive, and with 10,000 tasks in flight each young-generation GC copies every one of those bytes.

/** Slots of a new table; it doubles when full. */
const initialCapacity = 64;

/**
 * Tickets of one slot differ by this much, so a ticket names its slot (`slotOf`) and how often the slot was
 * retired. Far more slots than could be held in memory (each holds a task in flight).
 */
const ticketSpan = 2 ** 26;
/** Retirements a slot counts before its tickets come round again: tickets stay exact integers (below 2 ** 53). */
const ticketRounds = 2 ** 27;

/** The slot a ticket names. */
export function slotOf(ticket: number): number {
  return ticket % ticketSpan;
}

/**
 * Awaiting items by slot number, with the start of each. A slot is free
 * again once its item is taken, and the most recently freed slot is handed out first. Nothing is allocated per
 * item once the table has grown to the run's peak.
 *
 * Each slot has a ticket, which the handlers of the promise its item awaits carry. Taking an item keeps the
 * ticket: a slot is then freed by its own handler, once its promise settled, so those handlers can serve the
 * slot's next item. Retiring an item (a task that timed out) frees the slot under a new ticket, while its
 * promise is still pending: when that promise settles, its handlers' old ticket no longer matches, and they
 * leave the slot's new item alone. A promise that never settles keeps nothing in the table.
 */
export class AwaitingSlots<Item> {
  #items: (Item | undefined)[] = new Array<Item | undefined>(initialCapacity).fill(undefined);
  #startedAt = new Float64Array(initialCapacity);
  /**
   * How often each slot was retired: its ticket is `slot + retired * ticketSpan`, a small integer until it is
   * retired, so a handler bound to it gets it as `this` unboxed and indexes with it directly.
   */
  #retired = new Int32Array(initialCapacity);
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

  /** The ticket the handlers of `slot`'s item carry. */
  ticket(slot: number): number {
    return slot + (this.#retired[slot] as number) * ticketSpan;
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

  /** Takes the item out of `slot` before its promise settled, and frees the slot under a new ticket. */
  retire(slot: number): Item | undefined {
    const item = this.take(slot);
    if (item !== undefined) this.#retired[slot] = ((this.#retired[slot] as number) + 1) % ticketRounds;
    return item;
  }

  /**
   * Hands `expire` every item that started at or before `startedBy`, with its slot and start (it may take or
   * retire the item); returns the earliest start among the items left, or undefined when none is. A walk over
   * the slots in use: no order is kept per item, so adding and taking one costs nothing more.
   */
  expire(startedBy: number, expire: (slot: number, startedAt: number) => void): number | undefined {
    let oldest = Number.POSITIVE_INFINITY;
    for (let slot = 0; slot < this.#used; slot++) {
      if (this.#items[slot] === undefined) continue;
      const startedAt = this.#startedAt[slot] as number;
      if (startedAt <= startedBy) expire(slot, startedAt);
      else if (startedAt < oldest) oldest = startedAt;
    }
    return oldest === Number.POSITIVE_INFINITY ? undefined : oldest;
  }

  #grow(): void {
    const capacity = this.#items.length * 2;
    if (capacity > ticketSpan) throw new RangeError(`more than ${ticketSpan} tasks awaiting at once`);
    const items = new Array<Item | undefined>(capacity).fill(undefined);
    for (let slot = 0; slot < this.#used; slot++) items[slot] = this.#items[slot];
    this.#items = items;
    this.#startedAt = grown(this.#startedAt, capacity);
    const retired = new Int32Array(capacity);
    retired.set(this.#retired);
    this.#retired = retired;
    const free = new Int32Array(capacity);
    free.set(this.#free.subarray(0, this.#freeCount));
    this.#free = free;
  }
}

function grown(numbers: Float64Array<ArrayBuffer>, capacity: number): Float64Array<ArrayBuffer> {
  const copy = new Float64Array(capacity);
  copy.set(numbers);
  return copy;
}
