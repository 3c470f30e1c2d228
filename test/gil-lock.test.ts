import { describe, expect, it } from 'vitest';
import {
  createGilLock,
  freeGilOf,
  GilHolder,
  gilHolder,
  gilSwitches,
  isGilOn,
  setGilOn,
} from '../source/engine/models/gil-lock.ts';

describe('the GIL lock', () => {
  it('is held by one thread at a time and counts a switch only when another thread takes it', () => {
    const lock = createGilLock(true);
    const first = new GilHolder(lock, 11);
    const second = new GilHolder(lock, 12);
    first.acquire();
    expect(first.held).toBe(true);
    expect(gilHolder(lock)).toBe(11);
    first.release();
    first.acquire();
    expect(gilSwitches(lock)).toBe(1);
    first.release();
    second.acquire();
    expect(gilHolder(lock)).toBe(12);
    expect(gilSwitches(lock)).toBe(2);
    second.release();
    expect(gilHolder(lock)).toBe(0);
  });

  it('is not taken while switched off, and frees waiters when switched off', () => {
    const lock = createGilLock(false);
    expect(isGilOn(lock)).toBe(false);
    const holder = new GilHolder(lock, 5);
    holder.acquire();
    expect(holder.held).toBe(false);
    expect(gilHolder(lock)).toBe(0);
    setGilOn(lock, true);
    holder.acquire();
    expect(holder.held).toBe(true);
    // Switched off while held: the holder gives it back at its next release; nobody else waits for it.
    setGilOn(lock, false);
    new GilHolder(lock, 6).acquire();
    expect(gilHolder(lock)).toBe(5);
    holder.release();
    expect(gilHolder(lock)).toBe(0);
  });

  it('frees the lock of a thread that is gone, and only of that thread', () => {
    const lock = createGilLock(true);
    new GilHolder(lock, 7).acquire();
    freeGilOf(lock, 8);
    expect(gilHolder(lock)).toBe(7);
    freeGilOf(lock, 7);
    expect(gilHolder(lock)).toBe(0);
    const next = new GilHolder(lock, 9);
    next.acquire();
    expect(gilHolder(lock)).toBe(9);
  });
});
