import type { SlotState } from './thread-slot-types.ts';

/** What the balancer needs to know of a slot. */
export type BalancedSlot = { readonly state: SlotState; readonly freeTickets: readonly unknown[] };

/**
 * The slot the next task goes to: the ready slot with the most free tickets, lowest position first among
 * equals; -1 when no ready slot has a free ticket. An idle thread (every ticket free, `ticketsPerThread`) is
 * taken at once, because a task queued behind a running one waits for it while another thread sleeps; with
 * several tasks per thread, the least loaded thread gets the task, so a burst spreads over the threads.
 */
export function pickSlot(slots: readonly BalancedSlot[], ticketsPerThread: number): number {
  let best = -1;
  let bestFree = 0;
  for (let index = 0; index < slots.length; index++) {
    const slot = slots[index] as BalancedSlot;
    if (slot.state !== 'ready') continue;
    const free = slot.freeTickets.length;
    if (free === ticketsPerThread) return index;
    if (free > bestFree) {
      best = index;
      bestFree = free;
    }
  }
  return best;
}
