import { describe, expect, it } from 'vitest';
import { AwaitingSlots } from '../source/engine/models/loop-awaiting.ts';
import { seededRandom } from './helpers/seeded-random.ts';

type Held = { item: number; startedAt: number };

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

  it.each([1, 2, 3, 4])('agrees with a plain map under random adds and takes (seed %i)', (seed) => {
    const random = seededRandom(seed);
    const slots = new AwaitingSlots<number>();
    const held = new Map<number, Held>();
    let next = 0;
    for (let step = 0; step < 20_000; step++) {
      // Adds outnumber takes in bursts, so the table grows past its first size while slots are reused.
      const adding = Math.floor(step / 1000) % 2 === 0 ? 0.65 : 0.35;
      if (random() < adding || held.size === 0) {
        const entry = { item: next++, startedAt: random() * 1e12 };
        const slot = slots.add(entry.item, entry.startedAt);
        expect(held.has(slot)).toBe(false);
        held.set(slot, entry);
      } else {
        const keys = [...held.keys()];
        const slot = keys[Math.floor(random() * keys.length)] as number;
        const entry = held.get(slot) as Held;
        expect(slots.startedAt(slot)).toBe(entry.startedAt);
        expect(slots.take(slot)).toBe(entry.item);
        expect(slots.take(slot)).toBeUndefined();
        held.delete(slot);
      }
      expect(slots.size).toBe(held.size);
    }
  });
});
