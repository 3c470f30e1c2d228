import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { seededRandom } from './helpers/seeded-random.ts';
import {
  expectCleanResizes,
  expectSettledLike,
  firstFullFrame,
  freshFrames,
  programWords,
  resizeSequence,
} from './helpers/settled-frame.ts';
import { hasXterm, XtermSession, xtermModules } from './helpers/xterm-session.ts';

// The resize test of e2e-resize.test.ts in xterm.js, the emulator of VS Code's terminal, where talks are often
// given: the emulator resizes its buffer first (cutting what no longer fits), then the program hears of it.

if (process.env.CI && !hasXterm) {
  throw new Error(
    `the xterm.js tests need @xterm/headless, @lydell/node-pty and a build: ${xtermModules instanceof Error ? xtermModules.message : 'npm run build'}`,
  );
}

const args = ['--workload', 'io-timer'];

describe.runIf(hasXterm)('resizing the dashboard in xterm.js', () => {
  let fresh = new Map<string, string>();
  beforeAll(async () => {
    fresh = await freshFrames(
      [[120, 40], ...resizeSequence],
      ([columns, rows]) => new XtermSession(args, { columns, rows }),
    );
  }, 60_000);

  let session: XtermSession | undefined;
  afterAll(() => session?.close());

  it('ends every resize in a clean frame laid out like a fresh start at that size', async () => {
    session = new XtermSession(args, { columns: 120, rows: 40 });
    await firstFullFrame(session, 'the first frame');
    await expectCleanResizes(session, resizeSequence, fresh);
  }, 40_000);

  // Unlike tmux, which applies at most one resize every 250 ms, a pseudo-terminal passes every one on.
  it('ends each of 5 resize storms in the frame of a fresh start', async () => {
    session?.close();
    session = new XtermSession(args, { columns: 120, rows: 40 });
    await firstFullFrame(session, 'the first frame');
    const random = seededRandom(611);
    const knownWords = programWords();
    for (let storm = 1; storm <= 5; storm++) {
      for (let resize = 1; resize < 50; resize++) {
        session.resize(40 + Math.floor(random() * 190), 10 + Math.floor(random() * 55));
        await delay(20);
      }
      session.resize(120, 40);
      await expectSettledLike(
        session,
        fresh.get('120×40') as string,
        { columns: 120, rows: 40 },
        { knownWords },
      );
    }
  }, 40_000);
});
