import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, describe, it } from 'vitest';
import { seededRandom } from './helpers/seeded-random.ts';
import { expectSettledLike, firstFullFrame, programWords } from './helpers/settled-frame.ts';
import { built, requireTerminalInCi } from './helpers/terminal-tests.ts';
import { hasTmux, TerminalSession } from './helpers/tmux.ts';

// Resize storms: 50 resizes 20 ms apart to random sizes, ending at 120×40. About one storm in eight used to
// leave the header's top rows stale until the next resize.

requireTerminalInCi();

const storms = 20;
const resizesPerStorm = 50;
const seed = Number(process.env.STORM_SEED ?? 20_240_611);

describe.runIf(hasTmux && built)('resize storms in tmux', () => {
  let session: TerminalSession | undefined;
  afterAll(() => session?.close());

  it(`ends each of ${storms} storms in the frame a fresh start at 120×40 draws (seed ${seed})`, async () => {
    session = new TerminalSession(['--workload', 'io-timer'], { columns: 120, rows: 40 });
    await firstFullFrame(session, 'the first frame');
    // The session's own first frames are its fresh start at 120×40.
    const fresh = await firstFullFrame(session, 'a later frame');
    const known = programWords();
    const random = seededRandom(seed);
    const control = session.control();
    for (let storm = 1; storm <= storms; storm++) {
      for (let resize = 1; resize < resizesPerStorm; resize++) {
        control.resize(40 + Math.floor(random() * 190), 10 + Math.floor(random() * 55));
        await delay(20);
      }
      control.resize(120, 40);
      try {
        await expectSettledLike(
          session,
          fresh,
          { columns: 120, rows: 40 },
          { knownWords: known, holdMs: 300 },
        );
      } catch (error) {
        control.close();
        throw new Error(`after storm ${storm} of ${storms} (seed ${seed}): ${(error as Error).message}`);
      }
    }
    control.close();
  }, 90_000);
});
