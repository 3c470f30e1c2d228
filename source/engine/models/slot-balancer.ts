import type { SlotState } from './thread-slot.ts';

/** What the balancer needs to know of a slot. */
export type BalancedSlot = { readonly state: SlotState; readonly freeTickets: readonly unknown[] };

/**
 * The slot the next task goes to: a ready slot whose thread is idle (every ticket free) if there is one, else
 * a ready slot with a free ticket, lowest position first; -1 when no ready slot has a free ticket. An idle
 * thread first, because a task queued behind a running one waits for it while another thread sleeps.
 */
export function pickSlot(slots: readonly BalancedSlot[], ticketsPerThread: number): number {
  let partly = -1;
  for (let index = 0; index < slots.length; index++) {
    const slot = slots[index] as BalancedSlot;
    if (slot.state !== 'ready') continue;
    const free = slot.freeTickets.length;
    if (free === ticketsPerThread) return index;
    if (free > 0 && partly === -1) partly = index;
  }
  return partly;
}
