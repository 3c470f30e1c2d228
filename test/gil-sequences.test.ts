import { afterEach, describe, it } from 'vitest';
import { PoolSequence, playSequence } from './helpers/pool-sequence.ts';
import { seededRandom } from './helpers/seeded-random.ts';

describe('switching the GIL under random sequences of actions', () => {
  let run: PoolSequence | undefined;

  afterEach(async () => {
    run?.gates.openAll();
    await run?.model.close();
    run = undefined;
  });

  it.each(Array.from({ length: 8 }, (_, index) => index + 1))(
    'loses no task across GIL switches, thread changes and withdrawals, and ends with the lock free (seed %i)',
    async (seed) => {
      const next = seededRandom(seed);
      run = new PoolSequence({
        threads: 1 + Math.floor(next() * 3),
        // Half the seeds with one task per thread (the Python picture), half with several.
        tasksPerWorker: seed % 2 === 0 ? 1 : 2 + Math.floor(next() * 4),
        gil: next() < 0.5,
      });
      await playSequence(run, next, { steps: 50, switchGil: true });
    },
    120_000,
  );
});
