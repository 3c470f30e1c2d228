import { setTimeout as delay } from 'node:timers/promises';
import { Engine } from '../../source/engine/engine.ts';
import type { Figure } from './figure.ts';
import { megabyte } from './stats.ts';

const early = 10_000;
const late = 1_000_000;
/** A second stretch as long again: bounded rings are full by `late`, so growth past it would be a leak. */
const later = 2_000_000;
const concurrency = 100;

type Reading = { rss: number; heapUsed: number };

/** Memory after a full garbage collection when the run has `--expose-gc` (the runner gives it), else as is. */
function readMemory(): Reading {
  globalThis.gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
}

/** Polls the engine's done count every `everyMs` until it reaches `count`, then reads memory. */
async function memoryAt(engine: Engine, count: number, everyMs: number, timeoutMs: number): Promise<Reading> {
  const deadline = performance.now() + timeoutMs;
  while (engine.snapshotNow().tasks.counts.done < count) {
    if (performance.now() > deadline) throw new Error(`${count} tasks did not finish in ${timeoutMs} ms`);
    await delay(everyMs);
  }
  return readMemory();
}

export const memoryOverTime: Figure = {
  name: 'memory-over-time',
  method: `cpu tasks of size 1 on the event loop, concurrency ${concurrency}, in-process engine: RSS after ${early.toLocaleString('en-US')} and after ${late.toLocaleString('en-US')} finished tasks, and after ${later.toLocaleString('en-US')}, each read after a forced full GC (--expose-gc)`,
  timeoutSeconds: 120,
  async measure() {
    const engine = new Engine({ workload: 'cpu', knobs: { size: 1 }, model: 'async', concurrency });
    try {
      await engine.start();
      // Polled every millisecond at first so the early reading lands close to 10,000, then at a slower pace.
      const first = await memoryAt(engine, early, 1, 30_000);
      const startedAt = performance.now();
      const last = await memoryAt(engine, late, 50, 90_000);
      const seconds = (performance.now() - startedAt) / 1000;
      const final = await memoryAt(engine, later, 50, 90_000);
      return {
        rssAt10kMegabytes: first.rss / megabyte,
        rssAt1mMegabytes: last.rss / megabyte,
        rssGrowthMegabytes: (last.rss - first.rss) / megabyte,
        rssLaterGrowthMegabytes: (final.rss - last.rss) / megabyte,
        heapGrowthMegabytes: (last.heapUsed - first.heapUsed) / megabyte,
        throughput: (late - early) / seconds,
        gcForced: globalThis.gc ? 1 : 0,
      };
    } finally {
      await engine.stop();
    }
  },
  checks: [
    {
      label: 'memory: RSS growth 10k → 1M tasks',
      key: 'rssGrowthMegabytes',
      unit: 'MB',
      bound: { kind: 'below', value: 2 },
    },
    {
      label: 'memory: RSS growth 1M → 2M tasks',
      key: 'rssLaterGrowthMegabytes',
      unit: 'MB',
      bound: { kind: 'below', value: 2 },
    },
  ],
};
