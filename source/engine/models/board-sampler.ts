import { idle, readSlot, type SlotReading, type ThreadBoard } from './thread-board.ts';

/** One slot over a window: who holds it, what it runs now, and how long it was busy. */
export type SlotSample = {
  slot: number;
  threadId: number;
  /**
   * Ticket of the task running at this reading, `idle` when none, or when the slot could not be read this
   * time (a stale ticket may already belong to another task).
   */
  ticket: number;
  startedAt: number;
  /** ms of the window spent on tasks, the running one included. */
  busyMs: number;
};

export type BoardSample = {
  /** The window actually covered, ms: shorter than asked while the board is younger than the window. */
  windowMs: number;
  /** Slots that have an owner, in slot order. */
  slots: SlotSample[];
};

/**
 * Turns board readings into busy time per window. Each slot's cumulative busy time B(t) (finished tasks, plus
 * the running one up to t) is exact at every reading; a window's busy time is B(now) - B(now - window), with
 * B at the window's start interpolated between the two readings around it (B grows by at most 1 ms per ms, so
 * the error is bounded by the gap between readings, and zero when windows line up with the reading interval).
 */
export class BoardSampler {
  readonly #board: ThreadBoard;
  readonly #capacity: number;
  /** Ring of readings: per row, the time then the cumulative busy time of every slot. */
  readonly #history: Float64Array;
  #newest = 0;
  #count = 1;
  readonly #reading: SlotReading = { owner: 0, ticket: idle, startedAt: 0, busy: 0 };
  /** Last consistent reading per slot, reused when a slot is mid-write. */
  readonly #last: SlotReading[];
  /** Per slot, 1 when this sample read it, 0 when it reused the last reading. */
  readonly #fresh: Uint8Array;

  /**
   * @param createdAt when the board's threads started, engine clock ms: every slot was idle then.
   * @param capacity how many readings to keep; windows reach back at most that many readings. @default 256
   */
  constructor(board: ThreadBoard, createdAt: number, capacity = 256) {
    this.#board = board;
    this.#capacity = capacity;
    this.#history = new Float64Array(capacity * (board.slots + 1));
    this.#history[0] = createdAt;
    this.#fresh = new Uint8Array(board.slots);
    this.#last = Array.from({ length: board.slots }, () => ({
      owner: 0,
      ticket: idle,
      startedAt: 0,
      busy: 0,
    }));
  }

  /** Reads the board at `at` and returns every owned slot's busy time over the window that ends then. */
  sample(at: number, windowMs: number): BoardSample {
    const slots = this.#board.slots;
    const row = (this.#newest + 1) % this.#capacity;
    const offset = row * (slots + 1);
    this.#history[offset] = at;
    for (let slot = 0; slot < slots; slot++) {
      const reading = this.#last[slot] as SlotReading;
      const fresh = readSlot(this.#board, slot, this.#reading);
      if (fresh) Object.assign(reading, this.#reading);
      this.#fresh[slot] = fresh ? 1 : 0;
      const running = reading.ticket === idle ? 0 : Math.max(0, at - reading.startedAt);
      this.#history[offset + 1 + slot] = reading.busy + running;
    }
    this.#newest = row;
    this.#count = Math.min(this.#count + 1, this.#capacity);

    const start = Math.max(at - windowMs, this.#oldestTime());
    const result: SlotSample[] = [];
    for (let slot = 0; slot < slots; slot++) {
      const reading = this.#last[slot] as SlotReading;
      if (reading.owner === 0) continue;
      const busyMs = (this.#history[offset + 1 + slot] ?? 0) - this.#busyAt(slot, start);
      result.push({
        slot,
        threadId: reading.owner,
        ticket: this.#fresh[slot] === 1 ? reading.ticket : idle,
        startedAt: reading.startedAt,
        busyMs: Math.max(0, busyMs),
      });
    }
    return { windowMs: at - start, slots: result };
  }

  #oldestTime(): number {
    const oldest = (this.#newest - this.#count + 1 + this.#capacity) % this.#capacity;
    return this.#history[oldest * (this.#board.slots + 1)] ?? 0;
  }

  /** The slot's cumulative busy time at `time`, interpolated between the readings around it. */
  #busyAt(slot: number, time: number): number {
    const stride = this.#board.slots + 1;
    let later = this.#newest;
    for (let step = 1; step < this.#count; step++) {
      const earlier = (this.#newest - step + this.#capacity) % this.#capacity;
      const earlierTime = this.#history[earlier * stride] ?? 0;
      if (earlierTime <= time) {
        const laterTime = this.#history[later * stride] ?? 0;
        const earlierBusy = this.#history[earlier * stride + 1 + slot] ?? 0;
        const laterBusy = this.#history[later * stride + 1 + slot] ?? 0;
        const span = laterTime - earlierTime;
        return span <= 0
          ? laterBusy
          : earlierBusy + ((laterBusy - earlierBusy) * (time - earlierTime)) / span;
      }
      later = earlier;
    }
    return this.#history[later * stride + 1 + slot] ?? 0;
  }
}
