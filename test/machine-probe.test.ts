import { availableParallelism } from 'node:os';
import { describe, expect, test } from 'vitest';
import { probeMachineDetails } from '../source/engine/metrics/machine-details-probe.ts';

/** A worker thread running `code`, as the probe would run its reader. */
const workerOf = (code: string) => new URL(`data:text/javascript,${encodeURIComponent(code)}`);
const logicalCores = availableParallelism();

describe('probeMachineDetails', () => {
  test.runIf(process.platform === 'linux')(
    'on Linux it reads at least the physical cores, off the main thread',
    async () => {
      const details = await probeMachineDetails({ logicalCores });
      expect(details?.physicalCores).toBeGreaterThanOrEqual(1);
      expect(details?.physicalCores).toBeLessThanOrEqual(logicalCores);
    },
  );

  test('on another platform it gives nothing, without starting a thread', async () => {
    await expect(
      probeMachineDetails({ logicalCores, platform: 'darwin', workerFile: workerOf('throw 1') }),
    ).resolves.toBeUndefined();
  });

  test('a reader that fails, crashes, answers nonsense or never answers gives nothing, never an error', async () => {
    const linux = { logicalCores, platform: 'linux' as const, timeoutMs: 500 };
    const outcomes = await Promise.all([
      probeMachineDetails({ ...linux, workerFile: new URL('file:///no/such/machine-reader.js') }),
      probeMachineDetails({ ...linux, workerFile: workerOf('throw new Error("lscpu exploded")') }),
      probeMachineDetails({ ...linux, workerFile: workerOf('process.exit(3)') }),
      probeMachineDetails({
        ...linux,
        workerFile: workerOf(
          'import("node:worker_threads").then(({ parentPort }) => parentPort.postMessage({ cpu: { physicalCores: "many" } }))',
        ),
      }),
      probeMachineDetails({ ...linux, workerFile: workerOf('setInterval(() => {}, 1000)') }),
    ]);
    expect(outcomes).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  test('a reader that answers sensibly is checked and bounded by the cores this process may use', async () => {
    const reading = { cpu: { cores: 64, physicalCores: 32 }, memory: { available: 1e9 } };
    const details = await probeMachineDetails({
      logicalCores: 4,
      platform: 'linux',
      workerFile: workerOf(
        `import("node:worker_threads").then(({ parentPort }) => parentPort.postMessage(${JSON.stringify(reading)}))`,
      ),
    });
    expect(details).toEqual({ physicalCores: 4, availableMemoryBytes: 1e9 });
  });
});
