import { describe, expect, it } from 'vitest';
import { AwaitingSlots, slotOf } from '../source/engine/models/loop-awaiting.ts';
import { seededRandom } from './helpers/seeded-random.ts';

type Held = { item: number; startedAt: number; ticket: number };

describe('the slots of awaiting tasks', () => {
  it('hands back each item once, with its start, and reuses the slot freed last', () => {
    const slots = new AwaitingSlots<string>();
    const a = slots.add('a', 10.5);
    const b = slots.add('b', 20.25);
    expect(a).not.toBe(b);
    expect(slots.startedAt(b)).toBe(20.25);
    expect(slots.take(a)).toBe('a');
    expect(slots.take(a)).toBeUndefined();
    expect(slots.size).toBe(1);
    expect(slots.add('c', 30)).toBe(a);
  });

  it.each([1, 2, 3, 4])(
    'agrees with a plain map under random adds, takes and retirements (seed %i)',
    (seed) => {
      const random = seededRandom(seed);
      const slots = new AwaitingSlots<number>();
      const held = new Map<number, Held>();
      /** Every ticket a slot has had: one handed out again would let a late handler take another's item. */
      const tickets = new Set<number>();
      let next = 0;
      for (let step = 0; step < 20_000; step++) {
        // Adds outnumber takes in bursts, so the table grows past its first size while slots are reused.
        const adding = Math.floor(step / 1000) % 2 === 0 ? 0.65 : 0.35;
        if (random() < 0.01) {
          // A sweep: what started by then is handed out (and retired), the earliest start left comes back.
          const startedBy = random() * 1e12 * 0.2;
          const oldest = slots.expire(startedBy, (slot, startedAt) => {
            const entry = held.get(slot) as Held;
            expect(entry.startedAt).toBe(startedAt);
            expect(slots.retire(slot)).toBe(entry.item);
            held.delete(slot);
          });
          const starts = [...held.values()].map((entry) => entry.startedAt);
          expect(starts.filter((startedAt) => startedAt <= startedBy)).toEqual([]);
          expect(oldest).toBe(starts.length === 0 ? undefined : Math.min(...starts));
        } else if (random() < adding || held.size === 0) {
          const item = next++;
          const startedAt = random() * 1e12;
          const slot = slots.add(item, startedAt);
          expect(held.has(slot)).toBe(false);
          const ticket = slots.ticket(slot);
          expect(slotOf(ticket)).toBe(slot);
          held.set(slot, { item, startedAt, ticket });
        } else {
          const keys = [...held.keys()];
          const slot = keys[Math.floor(random() * keys.length)] as number;
          const entry = held.get(slot) as Held;
          expect(slots.startedAt(slot)).toBe(entry.startedAt);
          expect(slots.ticket(slot)).toBe(entry.ticket);
          if (random() < 0.3) {
            // Timed out: the slot is free under a ticket it never had.
            expect(slots.retire(slot)).toBe(entry.item);
            tickets.add(entry.ticket);
            expect(tickets.has(slots.ticket(slot))).toBe(false);
            expect(slotOf(slots.ticket(slot))).toBe(slot);
          } else {
            // Settled: its handlers, and so its ticket, serve the slot's next item.
            expect(slots.take(slot)).toBe(entry.item);
            expect(slots.ticket(slot)).toBe(entry.ticket);
          }
          expect(slots.take(slot)).toBeUndefined();
          expect(slots.retire(slot)).toBeUndefined();
          held.delete(slot);
        }
        expect(slots.size).toBe(held.size);
      }
    },
  );
});
