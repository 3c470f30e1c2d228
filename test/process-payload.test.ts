import { FixedClusterPool } from 'poolifier';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProcessPayload, ProcessResult } from '../source/engine/models/process-messages.ts';
import { createProcessPoolModel, type ProcessPoolModel } from '../source/engine/models/process-pool-model.ts';
import { poolifierOptions, processEntryFile } from '../source/engine/models/process-slot.ts';
import { answerPayload, makePayload, payloadUnit } from '../source/engine/payload.ts';
import { input, options } from './helpers/model-tasks.ts';

describe('the payload each task carries in and back', () => {
  it('is none by default and for 0 KB, else a buffer of that many kilobytes, answered with one of the same size', () => {
    expect(makePayload(0)).toBeUndefined();
    expect(answerPayload(undefined)).toBeUndefined();
    for (const kilobytes of [1, 100, 1024]) {
      const payload = makePayload(kilobytes) as Uint8Array;
      expect(payload.byteLength).toBe(kilobytes * payloadUnit);
      const answer = answerPayload(payload) as Uint8Array;
      expect(answer.byteLength).toBe(payload.byteLength);
      expect(answer).not.toBe(payload);
    }
  });

  const pools: { destroy(): Promise<void> }[] = [];
  const models: ProcessPoolModel[] = [];
  afterEach(async () => {
    await Promise.all(
      [...pools.splice(0), ...models.splice(0)].map((pool) =>
        'close' in pool ? pool.close() : pool.destroy(),
      ),
    );
  });

  it('crosses to the pool process and comes back the same size, as the process model sends it', async () => {
    const pool = new FixedClusterPool<ProcessPayload, ProcessResult>(1, processEntryFile, poolifierOptions());
    pools.push(pool);
    const payload = makePayload(100) as Uint8Array;
    const result = await pool.execute({ workload: 'cpu', input: input(1, { size: 1 }), ticket: 1, payload });
    expect(result.status).toBe('done');
    expect(result.status === 'done' && result.payload?.byteLength).toBe(100 * payloadUnit);
  });

  it('does not change what tasks do: a 1 MB payload on every task, every task done', async () => {
    const model = createProcessPoolModel({ processes: 2, payloadKb: 1024 });
    models.push(model);
    const outcomes = await Promise.all(
      [1, 2, 3, 4, 5, 6].map((id) => model.run('cpu', input(id, { size: 1 }), options())),
    );
    expect(outcomes.map((outcome) => outcome.status)).toEqual(outcomes.map(() => 'done'));
  });
});
