import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cannotLimitProcesses, runAsNobodyWithProcessLimit } from './helpers/fault-env.ts';

const reason = cannotLimitProcesses();
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
      const stdout = await runAsNobodyWithProcessLimit(40, [script], 60_000);
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
