/**
 * The gate of a pool process: at most `places` tasks run at once, and a task past them waits here, in arrival
 * order, until one ends. The main process sends a process one task more than it runs at once, so the process
 * starts it the moment a running one ends, without waiting for the main process (which may be drawing a frame)
 * to send another. A waiting task can be taken back (`cancel`) until it is let in.
 */
export class TaskGate {
  readonly #places: number;
  /** Tasks let in and not yet left, plus places being handed on. */
  #admitted = 0;
  /** Places being handed on: the first this many waiting tasks are about to be let in. */
  #handing = 0;
  /** Tasks waiting, by ticket, oldest first (a Map keeps insertion order). */
  readonly #waiting = new Map<number, (entered: boolean) => void>();

  /** `places`: tasks let in at once (Infinity: a gate that never holds one back). */
  constructor(places: number) {
    this.#places = places;
  }

  /** Tasks waiting now. */
  get waiting(): number {
    return this.#waiting.size;
  }

  /**
   * True when the task may start now; else a promise of whether it was let in (false: taken back). A `held`
   * task (sent to wait here) that finds a place free gets it as a place handed on: a process computing reads
   * its messages only once the task ends, so the held task's message, and a cancel sent for it, may both come
   * after the place freed; the cancel must still win.
   */
  enter(ticket: number, held = false): true | Promise<boolean> {
    if (this.#admitted < this.#places) {
      this.#admitted++;
      if (!held) return true;
      this.#handing++;
      setImmediate(handOnLater, this);
    }
    return new Promise((entered) => this.#waiting.set(ticket, entered));
  }

  /**
   * A task let in ended: its place goes to the oldest waiting task, two turns of the event loop later. The
   * first turn lets the ended task's result go out before the next task computes; the second reads the messages
   * already in the pipe, so a cancel sent while the ended task computed still wins.
   */
  leave(): void {
    if (this.#waiting.size === 0) {
      this.#admitted--;
      return;
    }
    this.#handing++;
    setImmediate(handOnLater, this);
  }

  /**
   * Takes back a waiting task (its `enter` resolves false); false when it is not waiting (started, or unknown).
   * A `soft` cancel (the main process would move the task to a process that sits idle) also loses to a place
   * already being handed to the task: starting it here is then sooner than a move.
   */
  cancel(ticket: number, soft = false): boolean {
    const entered = this.#waiting.get(ticket);
    if (entered === undefined) return false;
    if (soft && this.#handing > 0) {
      let position = 0;
      for (const waiting of this.#waiting.keys()) {
        if (waiting === ticket) break;
        position++;
      }
      if (position < this.#handing) return false;
    }
    this.#waiting.delete(ticket);
    entered(false);
    return true;
  }

  /** Lets the oldest waiting task in, or frees the place when the waiting ones were all taken back. */
  handOn(): void {
    this.#handing--;
    for (const [ticket, entered] of this.#waiting) {
      this.#waiting.delete(ticket);
      entered(true);
      return;
    }
    this.#admitted--;
  }
}

// Module-level functions, so handing a place on costs no closure.
function handOnLater(gate: TaskGate): void {
  setImmediate(handOnNow, gate);
}

function handOnNow(gate: TaskGate): void {
  gate.handOn();
}
