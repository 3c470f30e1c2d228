import type { Notice } from './types.ts';

/** The one line the screen shows about something the user should know; it goes after `lifetimeMs`. */
export class Notices {
  readonly #lifetimeMs: number;
  #latest: Notice | undefined;

  constructor(lifetimeMs: number) {
    this.#lifetimeMs = lifetimeMs;
  }

  post(at: number, level: Notice['level'], message: string): void {
    this.#latest = { at, level, message };
  }

  /** The notice to show at `at`, if one is still fresh. */
  current(at: number): Notice | undefined {
    if (this.#latest && at - this.#latest.at > this.#lifetimeMs) this.#latest = undefined;
    return this.#latest;
  }

  clear(): void {
    this.#latest = undefined;
  }
}

/** The notice for a reading that failed, `what` naming what was not measured ("the services"). */
export function couldNotMeasure(what: string, error: unknown): string {
  return `could not measure ${what}: ${messageOf(error)}`;
}

/** An error as one line: its message, without a stack. */
export function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
