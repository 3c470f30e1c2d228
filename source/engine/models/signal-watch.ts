/**
 * Calls back when any watched AbortSignal aborts, with one listener per distinct signal rather than one per
 * task: the engine gives every task the same signal, and tens of thousands of tasks may be in flight.
 * Each watch() must be paired with one unwatch(); the listener goes when a signal's last task does.
 */
export class SignalWatch {
  readonly #tasksPerSignal = new Map<AbortSignal, number>();
  readonly #onAbort: () => void;

  /** @param onAbort called once per aborting signal; it finds the aborted tasks itself. */
  constructor(onAbort: () => void) {
    this.#onAbort = onAbort;
  }

  watch(signal: AbortSignal): void {
    const tasks = this.#tasksPerSignal.get(signal);
    if (tasks === undefined) signal.addEventListener('abort', this.#onAbort, { once: true });
    this.#tasksPerSignal.set(signal, (tasks ?? 0) + 1);
  }

  unwatch(signal: AbortSignal): void {
    const tasks = (this.#tasksPerSignal.get(signal) ?? 1) - 1;
    if (tasks > 0) {
      this.#tasksPerSignal.set(signal, tasks);
    } else {
      this.#tasksPerSignal.delete(signal);
      signal.removeEventListener('abort', this.#onAbort);
    }
  }

  /** Signals watched now. */
  get size(): number {
    return this.#tasksPerSignal.size;
  }

  /** Drops every listener. */
  clear(): void {
    for (const signal of this.#tasksPerSignal.keys()) signal.removeEventListener('abort', this.#onAbort);
    this.#tasksPerSignal.clear();
  }
}
