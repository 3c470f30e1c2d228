import { describe, expect, it } from 'vitest';
import { RunningRing } from '../source/engine/models/running-ring.ts';
import { seededRandom } from './helpers/seeded-random.ts';

type Entry = { id: number; startedAt: number; sequence: number; gone: boolean };

describe('the ring of running tasks', () => {
  it('ends a task once, and a task that expired can no longer end', () => {
    const ring = new RunningRing<string>();
    const a = ring.add('a', 10);
    const b = ring.add('b', 20);
    const expired: string[] = [];
    expect(ring.expire(10, (item) => expired.push(item))).toBe(20);
    expect(expired).toEqual(['a']);
    expect(ring.end(a)).toBe(false);
    expect(ring.end(b)).toBe(true);
    expect(ring.end(b)).toBe(false);
    expect(ring.expire(100, (item) => expired.push(item))).toBeUndefined();
    expect(expired).toEqual(['a']);
  });

  it.each([1, 2, 3, 4])('agrees with a plain list under random adds, ends and sweeps (seed %i)', (seed) => {
    const random = seededRandom(seed);
    const ring = new RunningRing<number>();
    const entries: Entry[] = [];
    let clock = 0;
    for (let step = 0; step < 20_000; step++) {
      const roll = random();
      if (roll < 0.5) {
        clock += Math.floor(random() * 3);
        const id = entries.length;
        entries.push({ id, startedAt: clock, sequence: ring.add(id, clock), gone: false });
      } else if (roll < 0.95 && entries.length > 0) {
        const entry = entries[Math.floor(random() * entries.length)] as Entry;
        expect(ring.end(entry.sequence)).toBe(!entry.gone);
        entry.gone = true;
      } else {
        const startedBy = clock - Math.floor(random() * 200);
        const expected = entries.filter((entry) => !entry.gone && entry.startedAt <= startedBy);
        const expired: number[] = [];
        const oldest = ring.expire(startedBy, (id, startedAt) => {
          expect(startedAt).toBe(entries[id]?.startedAt);
          expired.push(id);
        });
        expect(expired).toEqual(expected.map((entry) => entry.id));
        for (const entry of expected) entry.gone = true;
        expect(oldest).toBe(entries.find((entry) => !entry.gone)?.startedAt);
      }
    }
  });
});
