// What the quit guard (quit-guard.ts) decides, apart from the thread it runs on, so it can be tested over sequences.
// A task that never gives the event loop back (a workload file with an endless loop, a long synchronous call) holds
// the dashboard too: it cannot read keys, draw, or handle a signal. The guard watches the loop's heartbeat from a
// thread of its own; while the loop is held, it reads the keys off the terminal itself, hands them to the loop for
// when it is free again, and ends the process on a quit key if the loop still has not moved a moment later.

export type HeldLoopOptions = {
  /** How long the heartbeat must stand still before the loop counts as held, ms. */
  heldAfterMs: number;
  /** How long after a quit key, read while held, the loop may still come back and quit itself, ms. */
  graceMs: number;
};

/**
 * The defaults. A key pressed while the loop is held is read at most `heldAfterMs` plus one look (50 ms) later, so
 * a quit ends the process at most about 0.85 s after the press (0.55 s when the loop was held well before it): within
 * the second a quit is allowed, and as late as that allows, so that a loop held only for a while (a heavy workload's
 * turns of half a second) comes back in time to quit as usual, with the final scoreboard.
 */
export const heldLoopDefaults: HeldLoopOptions = { heldAfterMs: 300, graceMs: 500 };

// Escape sequences (arrow keys, function keys, mouse or paste brackets) may hold a `q` that is not a key press.
// biome-ignore lint/suspicious/noControlCharactersInRegex: telling escape sequences from keys is what it is for
const escapeSequences = /\u001B(?:\[[0-9;:<=>?]*[ -/]*[@-~]|O.|.)?/gs;

/** Whether keys read from the terminal hold a quit: `q` or Ctrl-C, as the key bindings have it (key-table.ts). */
export function asksToQuit(keys: string): boolean {
  const plain = keys.replace(escapeSequences, '');
  return plain.includes('q') || plain.includes('\u0003');
}

export class HeldLoopWatch {
  readonly #options: HeldLoopOptions;
  #beat: number | undefined;
  #movedAt = 0;
  #quitReadAt: number | undefined;

  constructor(options: HeldLoopOptions = heldLoopDefaults) {
    this.#options = options;
  }

  /**
   * The heartbeat as read at `now`. Returns whether the loop is held: the guard is then to read the terminal's keys,
   * which the loop cannot. A beat that moved means the loop is back: a quit read meanwhile is its own to carry out
   * (the keys are handed to it).
   */
  beat(now: number, beat: number): boolean {
    if (beat !== this.#beat) {
      this.#beat = beat;
      this.#movedAt = now;
      this.#quitReadAt = undefined;
      return false;
    }
    return now - this.#movedAt >= this.#options.heldAfterMs;
  }

  /** Keys the guard read at `now` while the loop was held. */
  read(now: number, keys: string): void {
    if (this.#quitReadAt === undefined && asksToQuit(keys)) this.#quitReadAt = now;
  }

  /** How long the heartbeat has stood still at `now`, ms (0 before the first beat was read). */
  heldFor(now: number): number {
    return this.#beat === undefined ? 0 : now - this.#movedAt;
  }

  /** Whether the guard is to end the process now: a quit key was read and the loop has not moved for `graceMs` since. */
  mustEnd(now: number): boolean {
    return this.#quitReadAt !== undefined && now - this.#quitReadAt >= this.#options.graceMs;
  }
}
