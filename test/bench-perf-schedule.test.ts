import { describe, expect, it } from 'vitest';
import { scheduleRepetitions } from '../scripts/bench-perf/schedule.ts';
import { seededRandom } from './helpers/seeded-random.ts';

const figures = ['render-cost', 'startup', 'idle-cost', 'dispatch-cost', 'async-scale', 'settling'];

describe('the order of a run’s repetitions', () => {
  it('runs each figure’s repetitions back to back, in the figures’ order, when sequential', () => {
    expect(scheduleRepetitions(['a', 'b'], 3, 'sequential')).toEqual([
      { figure: 'a', repetition: 0 },
      { figure: 'a', repetition: 1 },
      { figure: 'a', repetition: 2 },
      { figure: 'b', repetition: 0 },
      { figure: 'b', repetition: 1 },
      { figure: 'b', repetition: 2 },
    ]);
  });

  it.each([1, 2, 3, 4, 5])(
    'interleaved, runs every figure once per round, rounds in order, each repetition once (seed %i)',
    (seed) => {
      const repeat = 1 + (seed % 4);
      const schedule = scheduleRepetitions(figures, repeat, 'interleaved', seededRandom(seed));
      expect(schedule).toHaveLength(figures.length * repeat);
      for (let round = 0; round < repeat; round++) {
        const slots = schedule.slice(round * figures.length, (round + 1) * figures.length);
        expect(slots.every((slot) => slot.repetition === round)).toBe(true);
        expect(slots.map((slot) => slot.figure).sort()).toEqual([...figures].sort());
      }
    },
  );

  it('spreads a figure’s repetitions over the run, in orders that differ from round to round', () => {
    const random = seededRandom(7);
    const rounds = 200;
    const schedule = scheduleRepetitions(figures, rounds, 'interleaved', random);
    const orders = new Set<string>();
    // How often each figure comes first in a round: about 1 in 6 each, none never, none always.
    const first = new Map<string, number>();
    for (let round = 0; round < rounds; round++) {
      const names = schedule
        .slice(round * figures.length, (round + 1) * figures.length)
        .map((slot) => slot.figure);
      orders.add(names.join(','));
      first.set(names[0] as string, (first.get(names[0] as string) ?? 0) + 1);
    }
    expect(orders.size).toBeGreaterThan(150);
    for (const figure of figures) {
      expect(first.get(figure) ?? 0).toBeGreaterThan(rounds / figures.length / 2);
      expect(first.get(figure) ?? 0).toBeLessThan((rounds / figures.length) * 2);
    }
  });
});
