import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { BenchResult } from '../../source/bench/run-bench.ts';
import type { Figure } from './figure.ts';
import { cliPath, nodeBinary } from './terminal.ts';

const duration = 3;
const warmup = 1;
/** How often the peak RSS (VmHWM) is read while the process runs. */
const rssEveryMs = 50;

type ScaleReading = { lagP99: number; peakRssMegabytes: number; throughput: number; completes: boolean };

/** The kernel's high-water mark of the process's resident memory, MB; undefined once the process is gone. */
async function peakRss(pid: number): Promise<number | undefined> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kilobytes = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
    return kilobytes === undefined ? undefined : Number(kilobytes) / 1024;
  } catch {
    return undefined;
  }
}

/** The V8 flags the binary's shebang gives node, so the process is measured as `npx concur-tui` runs it. */
function shebangFlags(): string[] {
  const firstLine = readFileSync(cliPath, 'utf8').split('\n', 1)[0] ?? '';
  const flags = /^#!\/usr\/bin\/env -S (?:\S+=\S+ )*node(.*)$/.exec(firstLine)?.[1] ?? '';
  return flags.split(/\s+/).filter(Boolean);
}

/**
 * `concur-tui bench` with `io-timer` (50 ms waits) and `concurrency` in flight on the event loop: its lag p99,
 * and the peak RSS of the whole process, read from /proc while it runs.
 */
function scaleRun(concurrency: number): Promise<ScaleReading> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      nodeBinary,
      [
        ...shebangFlags(),
        cliPath,
        'bench',
        '--workload',
        'io-timer',
        '--models',
        'async',
        '--concurrency',
        String(concurrency),
        '--duration',
        String(duration),
        '--warmup',
        String(warmup),
        '--json',
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let stdout = '';
    let peak = 0;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
    });
    const poll = setInterval(async () => {
      const reading = child.pid === undefined ? undefined : await peakRss(child.pid);
      if (reading !== undefined) peak = Math.max(peak, reading);
    }, rssEveryMs);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(poll);
      try {
        const result = JSON.parse(stdout) as BenchResult;
        const row = result.rows[0];
        resolve({
          lagP99: row?.lagP99 ?? Number.NaN,
          peakRssMegabytes: peak,
          throughput: row?.throughput ?? 0,
          // Completes: it exited cleanly, tasks kept finishing, none failed.
          completes: code === 0 && (row?.finished ?? 0) > 0 && row?.failed === 0,
        });
      } catch (error) {
        reject(new Error(`bench at concurrency ${concurrency} exited with code ${code}: ${error}`));
      }
    });
  });
}

export const asyncScale: Figure = {
  name: 'async-scale',
  method: `\`concur-tui bench\` with io-timer (50 ms waits) on the event loop, ${warmup} s warm-up + ${duration} s measured, at 10,000 and at 100,000 in flight: the bench's lag p99, and the process's peak RSS (VmHWM from /proc, read every ${rssEveryMs} ms)`,
  timeoutSeconds: 60,
  async measure() {
    const small = await scaleRun(10_000);
    const large = await scaleRun(100_000);
    return {
      lagP99At10k: small.lagP99,
      peakRssAt10kMegabytes: small.peakRssMegabytes,
      throughputAt10k: small.throughput,
      lagP99At100k: large.lagP99,
      peakRssAt100kMegabytes: large.peakRssMegabytes,
      throughputAt100k: large.throughput,
      completesAt100k: large.completes ? 1 : 0,
    };
  },
  checks: [
    {
      label: 'async scale: 10k lag p99',
      key: 'lagP99At10k',
      unit: 'ms',
      bound: { kind: 'below', value: 10 },
    },
    {
      label: 'async scale: 100k completes',
      key: 'completesAt100k',
      unit: 'yes/no',
      bound: { kind: 'atLeast', value: 1 },
    },
    {
      label: 'async scale: 100k peak RSS',
      key: 'peakRssAt100kMegabytes',
      unit: 'MB',
      bound: { kind: 'below', value: 400 },
    },
  ],
};
