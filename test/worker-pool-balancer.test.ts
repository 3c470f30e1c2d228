import { describe, expect, it } from 'vitest';
import { pickSlot } from '../source/engine/models/slot-balancer.ts';
import type { SlotState } from '../source/engine/models/thread-slot-types.ts';

const slot = (state: SlotState, free: number) => ({
  state,
  freeTickets: Array.from({ length: free }, (_, i) => i),
});

describe('the slot balancer', () => {
  it('sends a task to an idle thread before queueing it behind a running one', () => {
    expect(pickSlot([slot('ready', 1), slot('ready', 2)], 2)).toBe(1);
    expect(pickSlot([slot('ready', 2), slot('ready', 2)], 2)).toBe(0);
  });

  it('queues behind a running task, lowest position first, when no thread is idle', () => {
    expect(pickSlot([slot('ready', 0), slot('ready', 1), slot('ready', 1)], 2)).toBe(1);
  });

  it('never picks a thread that is waiting, starting, retiring or gone', () => {
    const others: SlotState[] = ['waiting', 'starting', 'retiring', 'gone'];
    expect(
      pickSlot(
        others.map((state) => slot(state, 2)),
        2,
      ),
    ).toBe(-1);
    expect(pickSlot([...others.map((state) => slot(state, 2)), slot('ready', 1)], 2)).toBe(4);
  });

  it('finds nothing when every ready thread has both tickets out', () => {
    expect(pickSlot([slot('ready', 0), slot('ready', 0)], 2)).toBe(-1);
    expect(pickSlot([], 2)).toBe(-1);
  });
});
