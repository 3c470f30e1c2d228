import { afterEach, describe, it } from 'vitest';
import { PoolSequence, playSequence } from './helpers/pool-sequence.ts';
import { seededRandom } from './helpers/seeded-random.ts';

describe('a pool running several tasks per thread, under random sequences of actions', () => {
  let run: PoolSequence | undefined;

  afterEach(async () => {
    run?.gates.openAll();
    await run?.model.close();
    run = undefined;
  });

  it.each(Array.from({ length: 8 }, (_, index) => index + 1))(
    'settles or withdraws every task exactly once across thread changes, busy shares within bounds (seed %i)',
    async (seed) => {
      const next = seededRandom(seed);
      run = new PoolSequence({
        threads: 1 + Math.floor(next() * 3),
        tasksPerWorker: 2 + Math.floor(next() * 6),
        gil: false,
      });
      await playSequence(run, next, { steps: 50, switchGil: false });
    },
    120_000,
  );
});
