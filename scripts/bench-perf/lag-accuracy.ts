import { setTimeout as delay } from 'node:timers/promises';
import { Engine } from '../../source/engine/engine.ts';
import type { Figure } from './figure.ts';
import { median } from './stats.ts';

const blockMs = 100;
const blocks = 5;
const sampleIntervalMs = 250;

/** Holds the main thread for `ms` and returns how long it really held it. */
function busyWait(ms: number): number {
  const startedAt = performance.now();
  while (performance.now() - startedAt < ms) {
    // Spinning: the point is to block the event loop.
  }
  return performance.now() - startedAt;
}

export const lagAccuracy: Figure = {
  name: 'lag-accuracy',
  method: `a paused in-process engine publishing every ${sampleIntervalMs} ms (the dashboard's setting); ${blocks} synchronous busy-waits of ${blockMs} ms on the main thread at different offsets from the window edges; the largest lag max of the snapshots published after each`,
  timeoutSeconds: 60,
  async measure({ repetition }) {
    const engine = new Engine({ workload: 'io-timer', paused: true, sampleIntervalMs });
    const reported: number[] = [];
    const actual: number[] = [];
    try {
      await engine.start();
      await delay(500);
      for (let block = 0; block < blocks; block++) {
        // Offsets spread over a window, and shifted by repetition: a block may straddle a window edge.
        await delay(200 + ((block * 53 + repetition * 19) % sampleIntervalMs));
        let largest = 0;
        const unsubscribe = engine.subscribe((snapshot) => {
          largest = Math.max(largest, snapshot.eventLoop.lag.max);
        });
        actual.push(busyWait(blockMs));
        await delay(sampleIntervalMs * 2 + 50);
        unsubscribe();
        reported.push(largest);
      }
    } finally {
      await engine.stop();
    }
    const errors = reported.map((max) => Math.abs(max - blockMs));
    const worst = errors.indexOf(Math.max(...errors));
    return {
      reportedMaxMs: median(reported),
      worstReportedMaxMs: reported[worst] ?? Number.NaN,
      actualBlockMs: median(actual),
    };
  },
  checks: [
    {
      label: `lag accuracy: ${blockMs} ms block, median`,
      key: 'reportedMaxMs',
      unit: 'ms',
      bound: { kind: 'within', center: blockMs, tolerance: 2 },
    },
    {
      label: `lag accuracy: ${blockMs} ms block, worst of ${blocks}`,
      key: 'worstReportedMaxMs',
      unit: 'ms',
      bound: { kind: 'within', center: blockMs, tolerance: 2 },
    },
  ],
};
