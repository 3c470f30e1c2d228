import { describe, expect, test } from 'vitest';
import { Engine } from '../source/engine/engine.ts';
import { parallelCores } from '../source/engine/metrics/machine-details.ts';

describe('the engine and the machine details', () => {
  test.runIf(process.platform === 'linux')(
    'snapshots count logical cores until the details are read, then the cores that run in parallel',
    async () => {
      const engine = new Engine({ workload: 'cpu', paused: true });
      try {
        await engine.start();
        const before = engine.snapshotNow().machine;
        expect(before.details).toBeUndefined();
        expect(parallelCores(before).kind).toBe('logical');
        await engine.describeMachine();
        const after = engine.snapshotNow().machine;
        expect(after.details?.physicalCores).toBeGreaterThanOrEqual(1);
        expect(parallelCores(after).kind).not.toBe('logical');
        expect(after.logicalCores).toBe(before.logicalCores);
      } finally {
        await engine.stop();
      }
    },
  );
});
