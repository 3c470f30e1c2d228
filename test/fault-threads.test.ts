import { execFile, execFileSync } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

/** Why this machine cannot run the test, or undefined when it can. */
function cannotRun(): string | undefined {
  if (process.platform !== 'linux') return 'process limits per user are a Linux test here';
  // RLIMIT_NPROC does not bind root, so the run drops to the `nobody` user, which only root can do.
  if (process.getuid?.() !== 0) return 'needs root, to run the limited process as another user';
  for (const tool of ['prlimit', 'setpriv']) {
    try {
      execFileSync(tool, ['--version'], { stdio: 'ignore' });
    } catch {
      return `needs ${tool} (util-linux)`;
    }
  }
  return undefined;
}

const reason = cannotRun();
const script = path.join(import.meta.dirname, 'fixtures/thread-limit-run.ts');

type RunResult = {
  hogs: number;
  noneOutcomes: string[];
  noneNotice: string;
  noneThreads: number;
  recoveredOutcomes: string[];
  partialNotice: string;
  partialActive: number;
  partialOutcomes: string[];
  lowerNotice: string | null;
  lowerOutcomes: string[];
  problems: string[];
};

describe.skipIf(reason !== undefined)(
  `threads that cannot be created${reason ? ` (skipped: ${reason})` : ''}`,
  () => {
    it('keeps the threads it has, says why it has no more, and fails tasks only when it has none', async () => {
      // The script fills the limit with idle threads of its own, so the limit's value only has to leave room
      // for Node's own threads.
      const { stdout } = await promisify(execFile)(
        'setpriv',
        [
          '--reuid=65534',
          '--regid=65534',
          '--clear-groups',
          'prlimit',
          '--nproc=40:40',
          process.execPath,
          script,
        ],
        { timeout: 60_000 },
      );
      const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as RunResult;
      expect(result.problems).toEqual([]);
      expect(result.hogs).toBeGreaterThan(0);

      const limit = 'the process limit (EAGAIN)';
      expect(result.noneThreads).toBe(0);
      expect(result.noneNotice).toBe(
        `no worker thread could start: ${limit}; tasks fail until one can (retrying)`,
      );
      expect(result.noneOutcomes).toEqual(
        Array(3).fill(
          `failed: could not run on the worker pool: no worker thread could start because of ${limit}`,
        ),
      );

      expect(result.recoveredOutcomes).toEqual(Array(4).fill('done'));

      expect(result.partialActive).toBe(3);
      expect(result.partialNotice).toBe(`only 3 of 5 threads could start: ${limit}; lower with [`);
      expect(result.partialOutcomes).toEqual(Array(10).fill('done'));

      expect(result.lowerNotice).toBeNull();
      expect(result.lowerOutcomes).toEqual(['done', 'done']);
    }, 90_000);
  },
);
