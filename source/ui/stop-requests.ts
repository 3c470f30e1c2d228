// Stops from job control (SIGTSTP) as the kernel treats them, for a process that hands its terminal back before it
// stops itself. Between the SIGTSTP and the stop, a SIGCONT may come: the kernel discards a pending stop signal
// then, and stopping anyway would wait for a continue that has already been and gone. A SIGCONT received while a
// task held the loop still waits in libuv's signal pipe, so a stop is decided only once the signals received by
// then have been read. Signals sent at once can also reach two of the process's threads and be read in either
// order: a SIGTSTP read in the same turn as a SIGCONT is taken as sent before it, so cancelled.

/** Calls `then` once the signals the process has received by now have reached their listeners. */
export type AfterSignalsReceived = (then: () => void) => void;

/**
 * After the loop's next poll phase, where received signals are read: an immediate set from within an immediate
 * runs in the following turn's check phase, after that turn's poll.
 */
export const afterNextPoll: AfterSignalsReceived = (then) => {
  setImmediate(() => setImmediate(then));
};

export class StopRequests {
  readonly #afterSignalsReceived: AfterSignalsReceived;
  #continues = 0;
  #continuedThisTurn = false;

  constructor(afterSignalsReceived: AfterSignalsReceived = afterNextPoll) {
    this.#afterSignalsReceived = afterSignalsReceived;
  }

  /** A SIGCONT was read. */
  continued(): void {
    this.#continues += 1;
    this.#continuedThisTurn = true;
    this.#afterSignalsReceived(() => {
      this.#continuedThisTurn = false;
    });
  }

  /**
   * A stop was asked for: whether it is still wanted, asked now (false from the start for a SIGTSTP read in the same
   * turn as a SIGCONT, with `fromSignal`); it stops being wanted once a SIGCONT is read.
   */
  asked({ fromSignal }: { fromSignal: boolean }): () => boolean {
    if (fromSignal && this.#continuedThisTurn) return () => false;
    const continues = this.#continues;
    return () => this.#continues === continues;
  }

  /** Calls `then` once the signals received by now have been read: the moment to decide a stop. */
  afterSignalsReceived(then: () => void): void {
    this.#afterSignalsReceived(then);
  }

  /**
   * Continued in the background (`bg`, or `kill %1`: SIGTERM, then SIGCONT): the terminal is the shell's, and
   * setting its modes would stop the process with SIGTTOU wherever it stood. The process is to stop as the kernel
   * would have stopped it, but only once the signals received by now are read, so that a quit among them comes
   * first. Calls `then` at that moment with where the job stands by then (`fg` may have come meanwhile), or with
   * undefined if a continue was read meanwhile: that one decides.
   */
  continuedInBackground(inForeground: () => boolean, then: (where: JobPlace | undefined) => void): void {
    const wanted = this.asked({ fromSignal: false });
    this.#afterSignalsReceived(() =>
      then(wanted() ? (inForeground() ? 'foreground' : 'background') : undefined),
    );
  }
}

export type JobPlace = 'foreground' | 'background';
