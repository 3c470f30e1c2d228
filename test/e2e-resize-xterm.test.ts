import { afterAll, beforeAll, describe, it } from 'vitest';
import { expectCleanResizes, firstFullFrame, freshFrames, resizeSequence } from './helpers/settled-frame.ts';
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
});
