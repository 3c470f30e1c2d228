import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectSettledLike, firstFullFrame, programWords } from './helpers/settled-frame.ts';
import { hasTmux, TerminalSession } from './helpers/tmux.ts';

// Every resize must end in the frame a fresh start at that size draws: same titles in the same places, one
// footer, no leftovers. Narrowing used to leave the top rows as `║`, two footers and fragments like `eap 25 MB`.

const built = existsSync(path.resolve(import.meta.dirname, '../dist/cli.js'));
if (process.env.CI && !(hasTmux && built))
  throw new Error('terminal tests need tmux and a build (npm run build)');

const args = ['--workload', 'io-timer'];
const sequence: Array<[number, number]> = [
  [160, 40],
  [120, 40],
  [100, 40],
  [80, 24],
  [220, 60],
  [120, 40],
];
const key = ([columns, rows]: [number, number]) => `${columns}×${rows}`;

const fresh = new Map<string, string>();

describe.runIf(hasTmux && built)('resizing the dashboard in tmux', () => {
  beforeAll(async () => {
    // What a fresh start draws at each size, running the same workload.
    for (const size of [[120, 40], ...sequence] as Array<[number, number]>) {
      if (fresh.has(key(size))) continue;
      const session = new TerminalSession(args, { columns: size[0], rows: size[1] });
      try {
        await firstFullFrame(session, `a fresh start at ${key(size)}`);
        // A frame a moment later: the scoreboard has its first results, as it will in the resized session.
        fresh.set(key(size), await firstFullFrame(session, 'a later frame'));
      } finally {
        session.close();
      }
    }
  }, 60_000);

  let session: TerminalSession | undefined;
  afterAll(() => session?.close());

  it('ends every resize in a clean frame laid out like a fresh start at that size', async () => {
    session = new TerminalSession(args, { columns: 120, rows: 40 });
    const known = programWords();
    await firstFullFrame(session, 'the first frame');
    for (const [columns, rows] of sequence) {
      session.resize(columns, rows);
      await expectSettledLike(
        session,
        fresh.get(key([columns, rows])) as string,
        { columns, rows },
        {
          knownWords: known,
        },
      );
    }
    expect(session.processes().length).toBeGreaterThan(0);
  }, 40_000);
});
