// The pool's GIL: one lock in shared memory that every thread of the worker pool takes before it runs
// JavaScript and gives back when it waits, so the threads take turns like CPython's threads. The main thread
// only switches it on or off and frees it for a thread that died holding it; the threads do the rest (see
// gil-thread.ts). The hand-over follows CPython's "new GIL": a thread that waited a switch interval asks the
// holder to drop it; the holder drops it at its next release point and lets a waiter take it before it
// competes again, so a busy thread cannot grab it back at once, forever.
//
// Int32 cells: [0] on (1) or off (0), [1] holder (threadId, 0 when free), [2] drop request (1 when a thread
// has waited a switch interval), [3] switches (how many times a different thread took it), [4] last holder.

import { now } from '../clock.ts';
import type { GilHoldLog } from './gil-slice-holds.ts';

const onCell = 0;
const holderCell = 1;
const dropCell = 2;
const switchesCell = 3;
const lastHolderCell = 4;
const cellCount = 5;

/** CPython's default switch interval (`sys.getswitchinterval()`), ms. */
export const switchIntervalMs = 5;

export type GilLock = { readonly buffer: SharedArrayBuffer; readonly cells: Int32Array };

/** A new lock, free, on or off. */
export function createGilLock(on = false): GilLock {
  const lock = openGilLock(new SharedArrayBuffer(cellCount * Int32Array.BYTES_PER_ELEMENT));
  setGilOn(lock, on);
  return lock;
}

/** Views over a lock's buffer, e.g. the one a thread receives in `workerData`. */
export function openGilLock(buffer: SharedArrayBuffer): GilLock {
  return { buffer, cells: new Int32Array(buffer) };
}

export function isGilOn(lock: GilLock): boolean {
  return Atomics.load(lock.cells, onCell) === 1;
}

/** Switches the lock on or off; switched off, every thread waiting for it goes on without it at once. */
export function setGilOn(lock: GilLock, on: boolean): void {
  Atomics.store(lock.cells, onCell, on ? 1 : 0);
  if (!on) {
    Atomics.store(lock.cells, dropCell, 0);
    Atomics.notify(lock.cells, holderCell);
    Atomics.notify(lock.cells, switchesCell);
  }
}

/** The threadId holding the lock, 0 when free. */
export function gilHolder(lock: GilLock): number {
  return Atomics.load(lock.cells, holderCell);
}

/** How many times a different thread took the lock: a measure of how often threads took turns. */
export function gilSwitches(lock: GilLock): number {
  return Atomics.load(lock.cells, switchesCell);
}

/** Main side: frees the lock if the thread `threadId`, which exited or was terminated, still holds it. */
export function freeGilOf(lock: GilLock, threadId: number): void {
  if (threadId === 0) return;
  if (Atomics.compareExchange(lock.cells, holderCell, threadId, 0) === threadId) {
    Atomics.store(lock.cells, dropCell, 0);
    Atomics.notify(lock.cells, holderCell, 1);
  }
}

type Wait = typeof Atomics.wait;

/**
 * One thread's side of the lock: take it, give it back, and whether it holds it. `wait` is the thread's
 * unpatched `Atomics.wait` (gil-thread.ts makes every other blocking wait release the lock).
 */
export class GilHolder {
  held = false;
  /** Told when this thread takes and gives back the lock, while slices are recorded (gil-slice-holds.ts). */
  holds: GilHoldLog | undefined;
  readonly #lock: GilLock;
  readonly #threadId: number;
  readonly #wait: Wait;
  /** The switch count when this thread dropped the lock on request: it lets another take it first. */
  #yieldedAt = -1;

  constructor(lock: GilLock, threadId: number, wait: Wait = Atomics.wait) {
    this.#lock = lock;
    this.#threadId = threadId;
    this.#wait = wait;
  }

  /** Takes the lock, blocking the thread until it is free; returns at once when the lock is off. */
  acquire(): void {
    if (this.held) return;
    const cells = this.#lock.cells;
    if (this.#yieldedAt !== -1) {
      const yieldedAt = this.#yieldedAt;
      this.#yieldedAt = -1;
      // Bounded: the waiter that asked may have been terminated since.
      if (Atomics.load(cells, switchesCell) === yieldedAt && Atomics.load(cells, onCell) === 1) {
        this.#wait(cells, switchesCell, yieldedAt, switchIntervalMs);
      }
    }
    let waitingSince = -1;
    while (Atomics.load(cells, onCell) === 1) {
      const holder = Atomics.compareExchange(cells, holderCell, 0, this.#threadId);
      if (holder === 0) {
        this.held = true;
        this.holds?.held(now());
        if (Atomics.exchange(cells, lastHolderCell, this.#threadId) !== this.#threadId) {
          Atomics.add(cells, switchesCell, 1);
          Atomics.notify(cells, switchesCell);
        }
        return;
      }
      const at = performance.now();
      if (waitingSince === -1) waitingSince = at;
      const waited = at - waitingSince;
      if (waited >= switchIntervalMs) {
        // A switch interval without the lock: the holder must give it up at its next release point.
        Atomics.store(cells, dropCell, 1);
        this.#wait(cells, holderCell, holder, switchIntervalMs);
      } else {
        this.#wait(cells, holderCell, holder, switchIntervalMs - waited);
      }
    }
  }

  /** Gives the lock back; when a waiter asked for it, this thread lets a waiter take it before it competes again. */
  release(): void {
    if (!this.held) return;
    this.held = false;
    // Timed before the lock is free, so the next holder's stretch starts after this one's ends.
    this.holds?.released(now());
    const cells = this.#lock.cells;
    const asked = Atomics.exchange(cells, dropCell, 0) === 1;
    const switches = Atomics.load(cells, switchesCell);
    Atomics.store(cells, holderCell, 0);
    Atomics.notify(cells, holderCell, 1);
    if (asked) this.#yieldedAt = switches;
  }

  /** Whether another thread has waited a switch interval for the lock this thread holds. */
  get asked(): boolean {
    return this.held && Atomics.load(this.#lock.cells, dropCell) === 1;
  }
}
