import { afterEach, describe, expect, it } from 'vitest';
import { PoolSequence } from './helpers/pool-sequence.ts';
import { seededRandom } from './helpers/seeded-random.ts';

const steps = 50;

describe('a pool running several tasks per thread, under random sequences of actions', () => {
  let run: PoolSequence | undefined;

  afterEach(async () => {
    run?.gates.openAll();
    await run?.model.close();
    run = undefined;
  });

  it.each(Array.from({ length: 8 }, (_, index) => index + 1))(
    'settles or withdraws every task exactly once across thread changes (seed %i)',
    async (seed) => {
      const next = seededRandom(seed);
      const current = new PoolSequence({
        threads: 1 + Math.floor(next() * 3),
        tasksPerWorker: 2 + Math.floor(next() * 6),
        gil: false,
      });
      run = current;
      await current.converge();
      for (let step = 0; step < steps; step++) {
        const roll = next();
        if (roll < 0.15) {
          current.setThreads(1 + Math.floor(next() * 3));
          await current.converge();
        } else if (roll < 0.55) current.submit(next() < 0.8 ? 'gate' : 'cpu');
        else if (roll < 0.85) current.open(next());
        else current.withdraw(next());
        current.check();
      }
      await current.finish();
      await current.model.close();
      expect(current.model.liveThreads).toBe(0);
    },
    120_000,
  );
});
