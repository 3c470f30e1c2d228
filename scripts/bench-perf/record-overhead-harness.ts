// One side of the record-overhead figure: a fresh engine runs a workload, recorded to a file or not, and measures
// its own throughput after a warm-up, as `bench` does (reset after the warm-up, the current row's rate).
//
//   node [the binary's V8 flags] scripts/bench-perf/record-overhead-harness.ts '<options JSON>'
// Options: { workload, model, concurrency, knobs, record, warmup, duration }. Prints one JSON line:
// { throughput, lagP99, bytesPerMinute, cpuPerTaskUs } (bytes the recording grew by per minute while measured, 0
// unrecorded; the process's CPU time while measured per task done).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { Engine } from '../../source/engine/engine.ts';
import type { Knobs, ModelName } from '../../source/engine/types.ts';
import { RecordingHandle } from '../../source/record/recording-handle.ts';

const options = JSON.parse(process.argv[2] ?? '{}') as {
  workload: string;
  model: ModelName;
  concurrency: number;
  knobs?: Knobs;
  record: boolean;
  warmup: number;
  duration: number;
};

const folder = mkdtempSync(path.join(tmpdir(), 'concur-tui-record-overhead-'));
const engine = new Engine({
  workload: options.workload,
  model: options.model,
  concurrency: options.concurrency,
  knobs: options.knobs ?? {},
});
const handle = options.record
  ? new RecordingHandle(engine, { file: path.join(folder, 'run.ndjson') })
  : undefined;
await engine.start();
await delay(options.warmup * 1000);
engine.dispatch({ type: 'resetStatistics' });
const bytesBefore = handle?.writer?.bytes ?? 0;
const measuredFrom = performance.now();
const cpuBefore = process.cpuUsage();
await delay(options.duration * 1000);
const snapshot = engine.snapshotNow();
const cpu = process.cpuUsage(cpuBefore);
const seconds = (performance.now() - measuredFrom) / 1000;
const bytes = (handle?.writer?.bytes ?? 0) - bytesBefore;
const row = snapshot.scoreboard.find(
  (candidate) => candidate.model === options.model && candidate.phase !== 'past',
);
await handle?.close();
await engine.stop();
rmSync(folder, { recursive: true, force: true });
const reading = {
  throughput: row?.throughput ?? 0,
  lagP99: row?.lagP99 ?? Number.NaN,
  bytesPerMinute: (bytes / seconds) * 60,
  cpuPerTaskUs: row && row.finished > 0 ? (cpu.user + cpu.system) / row.finished : Number.NaN,
};
process.stdout.write(`${JSON.stringify(reading)}\n`);
process.exit(0);
