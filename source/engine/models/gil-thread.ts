// A pool thread's side of the GIL. CPython holds the GIL whenever Python code runs and releases it when a thread
// waits; here the thread holds the lock whenever its JavaScript runs, by async hooks around every callback and
// promise continuation (the depth counts nested ones), and releases it when it returns to its event loop:
// waiting on I/O or a timer, or idle. A blocking `Atomics.wait` (the `blocking` workload's sleep, Piscina's idle
// wait) releases it too, like CPython's time.sleep. The hooks are on only while the lock is, so a thread
// without the GIL runs exactly as before.

import { createHook } from 'node:async_hooks';
import { GilHolder, type GilLock, isGilOn } from './gil-lock.ts';
import type { GilSliceHolds } from './gil-slice-holds.ts';

const unpatchedWait = Atomics.wait;

type WaitResult = ReturnType<typeof Atomics.wait>;

export class GilThread {
  readonly #lock: GilLock;
  readonly #holder: GilHolder;
  readonly #hook = createHook({ before: () => this.#before(), after: () => this.#after() });
  #hooked = false;
  #depth = 0;
  readonly #holds: GilSliceHolds | undefined;

  /** `holds`: while this thread records slices, what cuts them to the stretches it held the lock. */
  constructor(lock: GilLock, threadId: number, holds?: GilSliceHolds) {
    this.#lock = lock;
    this.#holder = new GilHolder(lock, threadId, unpatchedWait);
    this.#holds = holds;
    this.#holder.holds = holds;
  }

  /** Whether this thread holds the lock now. */
  get held(): boolean {
    return this.#holder.held;
  }

  /**
   * At each task's start: follows the switch (hooks on or off), then, with the lock on, holds it for the task's
   * first steps, which run inside a callback whose start the hooks may not have seen.
   */
  taskStarting(): void {
    const on = isGilOn(this.#lock);
    if (on && !this.#hooked) {
      patchAtomicsWait(this);
      this.#hook.enable();
      this.#hooked = true;
    } else if (!on && this.#hooked) {
      this.#hook.disable();
      this.#hooked = false;
      this.#depth = 0;
      this.#holder.release();
    }
    if (this.#holds) this.#holds.following = this.#hooked;
    if (on) this.#holder.acquire();
  }

  /** Gives the lock up around a blocking wait, and takes it back after. */
  blockingWait(cells: Int32Array, index: number, value: number, timeout?: number): WaitResult {
    if (!this.#holder.held) return unpatchedWait(cells, index, value, timeout);
    this.#holder.release();
    try {
      return unpatchedWait(cells, index, value, timeout);
    } finally {
      this.#holder.acquire();
    }
  }

  #before(): void {
    this.#depth++;
    if (!this.#holder.held) this.#holder.acquire();
  }

  #after(): void {
    // The hooks may have been switched on inside a callback: its end comes without its start.
    if (this.#depth > 0) this.#depth--;
    if (this.#depth === 0) this.#holder.release();
  }
}

let patchedFor: GilThread | undefined;

/** Once per thread: every blocking wait of this thread goes through the GIL's release and take. */
function patchAtomicsWait(thread: GilThread): void {
  if (patchedFor) return;
  patchedFor = thread;
  Atomics.wait = ((cells: Int32Array, index: number, value: number, timeout?: number) =>
    thread.blockingWait(cells, index, value, timeout)) as typeof Atomics.wait;
}
