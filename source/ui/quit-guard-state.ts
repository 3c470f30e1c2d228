import type { MessagePort } from 'node:worker_threads';
import type { HeldLoopOptions } from './held-loop.ts';

// What the main thread and the quit guard's thread share (quit-guard.ts, quit-guard-worker.ts).

/** Slots of the shared Int32Array: the main loop's heartbeat, and the stop asked of the guard. */
export const guardSlots = { beat: 0, stop: 1 } as const;

export type GuardData = {
  /** A SharedArrayBuffer of two Int32 slots (`guardSlots`). */
  state: SharedArrayBuffer;
  /** How often the guard looks at the heartbeat, ms. */
  pollMs: number;
  /** When the loop counts as held, and how long a quit key waits for it. */
  options: HeldLoopOptions;
  stdinFd: number;
  stdoutFd: number;
  stderrFd: number;
  /** Where the text to print after a quit (the final scoreboard) arrives, the latest last. */
  parting?: MessagePort;
};
