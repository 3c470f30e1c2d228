import { afterAll, beforeAll, describe, it } from 'vitest';
import { expectCleanResizes, firstFullFrame, freshFrames, resizeSequence } from './helpers/settled-frame.ts';
import { built, requireTerminalInCi } from './helpers/terminal-tests.ts';
import { hasTmux, TerminalSession } from './helpers/tmux.ts';

// Every resize must end in the frame a fresh start at that size draws: same titles in the same places, one
// footer, no leftovers. Narrowing used to leave the top rows as `║`, two footers and fragments like `eap 25 MB`.

requireTerminalInCi();

const args = ['--workload', 'io-timer'];

describe.runIf(hasTmux && built)('resizing the dashboard in tmux', () => {
  let fresh = new Map<string, string>();
  beforeAll(async () => {
    fresh = await freshFrames(
      [[120, 40], ...resizeSequence],
      ([columns, rows]) => new TerminalSession(args, { columns, rows }),
    );
  }, 60_000);

  let session: TerminalSession | undefined;
  afterAll(() => session?.close());

  it('ends every resize in a clean frame laid out like a fresh start at that size', async () => {
    session = new TerminalSession(args, { columns: 120, rows: 40 });
    await firstFullFrame(session, 'the first frame');
    await expectCleanResizes(session, resizeSequence, fresh);
  }, 40_000);
});
