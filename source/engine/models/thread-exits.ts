// Terminating a pool's threads: at once for a thread stuck in a task, a few at a time for threads that retired.

/** What terminating needs of a thread's slot. */
export type ExitingThread = {
  /** Threads alive in the slot: 0 once it is destroyed. */
  readonly liveThreads: number;
  /** Terminates the slot's thread; settles once it has exited. */
  destroy(): Promise<void>;
};

/**
 * Threads out of the pool's list that still have to be terminated, and those terminated that have not exited
 * yet. At most `atOnce` exit together: 62 threads tearing down their heaps together would take every core from
 * the main thread for a tenth of a second.
 */
export class ThreadExits {
  readonly #atOnce: number;
  readonly #exited: () => void;
  /** Slots whose threads still have to be terminated, oldest first. */
  readonly #queued: ExitingThread[] = [];
  readonly #exiting = new Set<Promise<void>>();

  /** `exited` runs each time a terminated thread has exited. */
  constructor(atOnce: number, exited: () => void) {
    this.#atOnce = atOnce;
    this.#exited = exited;
  }

  /** Threads alive here: queued ones, and ones whose termination is under way. */
  get liveThreads(): number {
    let threads = 0;
    for (const slot of this.#queued) threads += slot.liveThreads;
    // Terminated and not exited yet: a thread tearing down its heap still holds its memory and a core.
    return threads + this.#exiting.size;
  }

  /** Whether a queued thread could be terminated now (fewer than `atOnce` are exiting). */
  get canTerminateMore(): boolean {
    return this.#queued.length > 0 && this.#exiting.size < this.#atOnce;
  }

  /** Queues `slot`'s thread, to be terminated by a later `terminateQueued`. */
  queue(slot: ExitingThread): void {
    this.#queued.push(slot);
  }

  /** Terminates queued threads, oldest first, while fewer than `atOnce` exit and until `deadline` (performance.now()). */
  terminateQueued(deadline: number): void {
    while (this.canTerminateMore && performance.now() < deadline) {
      this.terminate(this.#queued.shift() as ExitingThread);
    }
  }

  /** Terminates `slot`'s thread now, whatever runs on it. */
  terminate(slot: ExitingThread): void {
    const destroyed = slot.destroy();
    this.#exiting.add(destroyed);
    const exited = () => {
      this.#exiting.delete(destroyed);
      this.#exited();
    };
    destroyed.then(exited, exited);
  }

  /** Terminates every queued thread and waits until every thread terminated here has exited. */
  async close(): Promise<void> {
    await Promise.all([...this.#queued.splice(0).map((slot) => slot.destroy()), ...this.#exiting]);
  }
}
