// Balancing after the fact: tasks already handed to a busy thread move to an idle one.
import type { ThreadSlot } from './thread-slot.ts';

/**
 * While a ready thread is idle, takes back the unstarted tasks queued behind a running one on another thread
 * (with its second ticket, `tickets` being every ticket a thread has), so no task waits behind a long one while
 * a thread sleeps. Returns whether any.
 */
export function takeBackForIdle<Task>(
  slots: readonly ThreadSlot<Task>[],
  tickets: number,
  into: Task[],
): boolean {
  let idle = false;
  for (const slot of slots) {
    if (slot.state === 'ready' && slot.ticketsOut === 0) {
      idle = true;
      break;
    }
  }
  if (!idle) return false;
  const before = into.length;
  for (const slot of slots) {
    if (slot.state === 'ready' && slot.ticketsOut === tickets) slot.takeBackUnstarted(into);
  }
  return into.length > before;
}
