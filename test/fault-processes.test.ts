import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cannotLimitProcesses, runAsNobodyWithProcessLimit } from './helpers/fault-env.ts';

// Under a process limit a fork fails with EAGAIN: the child process emits 'error' and never 'exit'. The
// processes model used to wait for that process forever, its tasks queued with no word of why.

const reason = cannotLimitProcesses();
const script = path.join(import.meta.dirname, 'fixtures/process-limit-run.ts');

type RunResult = {
  hogs: number;
  settledInMs: number;
  outcomes: string[];
  notice: string | null;
  problems: string[];
};

describe.skipIf(reason !== undefined)(
  `processes that cannot be forked${reason ? ` (skipped: ${reason})` : ''}`,
  () => {
    it('fail their tasks at once with the reason, and the pool says why it has none', async () => {
      // The script fills the limit with idle threads of its own, so the limit only has to leave room for Node's.
      const stdout = await runAsNobodyWithProcessLimit(40, [script], 60_000);
      const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as RunResult;
      expect(result.problems).toEqual([]);
      expect(result.hogs).toBeGreaterThan(0);
      expect(result.outcomes).toHaveLength(3);
      for (const outcome of result.outcomes) {
        expect(outcome).toMatch(
          /^failed: could not run in a child process: no process could start \(could not fork: .*EAGAIN\)$/,
        );
      }
      expect(result.notice).toMatch(/^only 0 of 2 processes could start: could not fork: .*EAGAIN$/);
      expect(result.settledInMs).toBeLessThan(10_000);
    }, 90_000);
  },
);
