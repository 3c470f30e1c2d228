// The latency histogram the engine records five times per task (source/engine/metrics/percentiles.ts) against
// node's native HDR histogram with the same range and precision, in turn, in this figure's own process: the cost
// of one record, and of a window's life (1,000 records, a read of p50, p99, max and mean, a reset).

import { createHistogram } from 'node:perf_hooks';
import { LatencyHistogram } from '../../source/engine/metrics/percentiles.ts';
import type { Figure } from './figure.ts';
import { median } from './stats.ts';

// Latencies spread log-uniformly from 1 µs to a day, as task latencies spread over orders of magnitude.
const latenciesMs = Array.from(
  { length: 1000 },
  (_, index) => Math.exp((((index * 7919) % 1000) / 1000) * Math.log(86_400_000_000)) / 1000,
);
const rounds = 300;

type Side = { recordNs: number; windowUs: number };

/** Times `rounds` windows of one histogram: the records alone, and each whole window with its read and reset. */
function timeSide(record: (ms: number) => void, readAndReset: () => void): Side {
  let recording = 0;
  const started = performance.now();
  for (let round = 0; round < rounds; round++) {
    const from = performance.now();
    for (const ms of latenciesMs) record(ms);
    recording += performance.now() - from;
    readAndReset();
  }
  const elapsed = performance.now() - started;
  return { recordNs: (recording / (rounds * latenciesMs.length)) * 1e6, windowUs: (elapsed / rounds) * 1000 };
}

function nativeSide(): Side {
  const histogram = createHistogram({ lowest: 1, highest: 2 ** 40, figures: 3 });
  return timeSide(
    (ms) => histogram.record(Math.min(2 ** 40, Math.max(1, Math.round(ms * 1000)))),
    () => {
      void [histogram.percentile(50), histogram.percentile(99), histogram.max, histogram.mean];
      histogram.reset();
    },
  );
}

function oursSide(): Side {
  const histogram = new LatencyHistogram();
  return timeSide(
    (ms) => histogram.record(ms),
    () => {
      histogram.read();
      histogram.reset();
    },
  );
}

export const histogramCost: Figure = {
  name: 'histogram-cost',
  method:
    'the engine’s latency histogram against node’s createHistogram (1 µs to 2^40 µs, 3 digits): 1,000 latencies spread from 1 µs to a day recorded, read (p50, p99, max, mean) and reset, 300 times a side, five sides each in turn after a warm-up; ns per record and µs per window, medians',
  timeoutSeconds: 60,
  async measure({ repetition }) {
    nativeSide();
    oursSide();
    const native: Side[] = [];
    const ours: Side[] = [];
    for (let turn = 0; turn < 5; turn++) {
      if ((turn + repetition) % 2 === 0) native.push(nativeSide());
      ours.push(oursSide());
      if ((turn + repetition) % 2 === 1) native.push(nativeSide());
    }
    const recordNs = median(ours.map((side) => side.recordNs));
    const nativeRecordNs = median(native.map((side) => side.recordNs));
    const windowUs = median(ours.map((side) => side.windowUs));
    const nativeWindowUs = median(native.map((side) => side.windowUs));
    return {
      recordNs,
      nativeRecordNs,
      recordVsNative: recordNs / nativeRecordNs,
      windowUs,
      nativeWindowUs,
      windowVsNative: windowUs / nativeWindowUs,
    };
  },
  checks: [
    {
      label: 'histogram: one record ÷ node’s native histogram',
      key: 'recordVsNative',
      unit: '×',
      bound: { kind: 'atMost', value: 1 },
      absolute: { ours: 'recordNs', floor: 'nativeRecordNs', unit: 'ns' },
    },
    {
      label: 'histogram: 1,000 records, a read and a reset ÷ node’s',
      key: 'windowVsNative',
      unit: '×',
      bound: { kind: 'atMost', value: 1 },
      absolute: { ours: 'windowUs', floor: 'nativeWindowUs', unit: 'µs' },
    },
  ],
};
