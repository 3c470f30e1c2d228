// Long runs: does memory stay flat? Runs the engine headless (no dashboard) at a heavy load for a while,
// reads RSS every 10 s and says whether it stays within 10 % of its reading at the end of the first minute.
// Each load runs in a fresh process, so one run's garbage does not weigh on the next.
//
//   node scripts/bench-perf/soak.ts [--minutes M] [--only io-timer|io-http] [--json]

import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { Engine, type EngineOptions } from '../../source/engine/engine.ts';

const loads: Record<string, EngineOptions> = {
  'io-timer': { workload: 'io-timer', concurrency: 100_000 },
  'io-http': { workload: 'io-http', concurrency: 1000 },
};
const everyMs = 10_000;
const settleMs = 60_000;
const tolerance = 0.1;
const megabyte = 1024 * 1024;

type Reading = {
  atSeconds: number;
  rssMegabytes: number;
  heapMegabytes: number;
  /** The loopback server's RSS (a process of its own, not counted in rssMegabytes). */
  serverRssMegabytes?: number;
  /** Tasks done per second over the last 10 s. */
  throughput: number;
  failed: number;
};
type SoakReport = {
  load: string;
  minutes: number;
  readings: Reading[];
  baselineMegabytes: number;
  /** Largest distance from the baseline after the first minute, as a share of it. */
  worstDrift: number;
  flat: boolean;
};

function fail(message: string): never {
  process.stderr.write(
    `soak: ${message}\nusage: node scripts/bench-perf/soak.ts [--minutes M] [--only io-timer|io-http] [--json]\n`,
  );
  process.exit(2);
}

/** RSS of this process's child titled as the loopback server, if there is one. */
function serverRss(): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      if (Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]) !== process.pid) continue;
      if (!readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('loopback server')) continue;
      return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]) * 1024;
    } catch {
      // Gone while we looked, or no /proc.
    }
  }
  return undefined;
}

/** One load, in this process. */
async function soak(load: string, minutes: number): Promise<SoakReport> {
  const options = loads[load];
  if (!options) fail(`unknown load "${load}"`);
  const engine = new Engine(options);
  const readings: Reading[] = [];
  const started = performance.now();
  await engine.start();
  let doneBefore = 0;
  try {
    for (let at = everyMs; at <= minutes * 60_000; at += everyMs) {
      await delay(started + at - performance.now());
      const snapshot = engine.snapshotNow();
      const done = snapshot.tasks.counts.done;
      const { rss, heapUsed } = process.memoryUsage();
      const server = serverRss();
      readings.push({
        atSeconds: Math.round((performance.now() - started) / 1000),
        rssMegabytes: Math.round(rss / megabyte),
        heapMegabytes: Math.round(heapUsed / megabyte),
        ...(server === undefined ? {} : { serverRssMegabytes: Math.round(server / megabyte) }),
        throughput: Math.round(((done - doneBefore) * 1000) / everyMs),
        failed: snapshot.tasks.counts.failed,
      });
      doneBefore = done;
      process.stderr.write(`${load} ${JSON.stringify(readings.at(-1))}\n`);
    }
  } finally {
    await engine.stop();
  }
  const baseline = readings.find((reading) => reading.atSeconds * 1000 >= settleMs) ?? readings.at(-1);
  const baselineMegabytes = baseline?.rssMegabytes ?? 0;
  const after = readings.filter((reading) => reading.atSeconds * 1000 > settleMs);
  const worstDrift = Math.max(
    0,
    ...after.map((reading) => Math.abs(reading.rssMegabytes - baselineMegabytes) / baselineMegabytes),
  );
  return { load, minutes, readings, baselineMegabytes, worstDrift, flat: worstDrift <= tolerance };
}

function runChild(load: string, minutes: number): Promise<SoakReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [import.meta.filename, '--child', load, '--minutes', String(minutes)],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let output = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
    });
    child.on('exit', (code) => {
      if (code === 0) resolve(JSON.parse(output) as SoakReport);
      else reject(new Error(`${load} soak exited with code ${code}`));
    });
  });
}

function describe(report: SoakReport): string {
  const series = report.readings.map((reading) => reading.rssMegabytes).join(' ');
  const server = report.readings.at(-1)?.serverRssMegabytes;
  return [
    `${report.load}: RSS ${series} MB (every ${everyMs / 1000} s)`,
    `  after the first minute: baseline ${report.baselineMegabytes} MB, worst drift ${(report.worstDrift * 100).toFixed(1)} % → ${report.flat ? 'flat (within 10 %)' : 'NOT flat'}`,
    ...(server === undefined
      ? []
      : [`  loopback server RSS at the end: ${server} MB (a process of its own)`]),
    `  throughput at the end ${report.readings.at(-1)?.throughput}/s, failed ${report.readings.at(-1)?.failed}`,
  ].join('\n');
}

const { values } = (() => {
  try {
    return parseArgs({
      options: {
        minutes: { type: 'string' },
        only: { type: 'string' },
        json: { type: 'boolean' },
        child: { type: 'string' },
      },
    });
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
})();
const minutes = Number(values.minutes ?? 3);
if (!(minutes >= 1.5 && minutes <= 120))
  fail('--minutes must be between 1.5 and 120 (the first minute is settling)');

if (values.child !== undefined) {
  process.stdout.write(JSON.stringify(await soak(values.child, minutes)));
} else {
  const selected = values.only ? [values.only] : Object.keys(loads);
  for (const load of selected)
    if (!loads[load]) fail(`unknown load "${load}" (one of ${Object.keys(loads).join(', ')})`);
  const reports: SoakReport[] = [];
  for (const load of selected) reports.push(await runChild(load, minutes));
  process.stdout.write(
    values.json ? `${JSON.stringify(reports, null, 2)}\n` : `${reports.map(describe).join('\n')}\n`,
  );
  process.exitCode = reports.every((report) => report.flat) ? 0 : 1;
}
