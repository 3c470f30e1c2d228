import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Figure } from './figure.ts';
import { median } from './stats.ts';
import { nodeBinary, repositoryRoot } from './terminal.ts';

const harness = path.join(import.meta.dirname, 'slice-overhead-harness.ts');
const concurrency = 10_000;
const warmup = 1;
const duration = 3;

/** The V8 flags of the binary's shebang (source/cli.ts), so each side runs as `concur-tui` would. */
function shebangFlags(): string[] {
  const firstLine = readFileSync(path.join(repositoryRoot, 'source/cli.ts'), 'utf8').split('\n', 1)[0] ?? '';
  const flags = /^#!\/usr\/bin\/env -S (?:\S+=\S+ )*node(.*)$/.exec(firstLine)?.[1] ?? '';
  return flags.split(/\s+/).filter(Boolean);
}

type Side = { lagP99: number; throughput: number; cpuPerTaskUs: number };

function side(slices: boolean): Promise<Side> {
  const args = [harness, String(concurrency), slices ? '1' : '0', String(warmup), String(duration)];
  return new Promise((resolve, reject) => {
    const child = spawn(nodeBinary, [...shebangFlags(), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      try {
        resolve(JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as Side);
      } catch {
        reject(new Error(`slice-overhead-harness exited with code ${code}: ${stdout}`));
      }
    });
  });
}

export const sliceOverhead: Figure = {
  name: 'slice-overhead',
  method: `\`bench\` of io-timer (50 ms waits) on the event loop at ${concurrency.toLocaleString('en')} in flight, ${warmup} s warm-up + ${duration} s measured, recording slices and with --no-slices; two runs of each side, alternating`,
  timeoutSeconds: 120,
  async measure({ repetition }) {
    const recorded: Side[] = [];
    const bare: Side[] = [];
    const order = repetition % 2 === 0 ? [true, false, false, true] : [false, true, true, false];
    for (const slices of order) (slices ? recorded : bare).push(await side(slices));
    const throughput = median(recorded.map((run) => run.throughput));
    const bareThroughput = median(bare.map((run) => run.throughput));
    const cpuPerTask = median(recorded.map((run) => run.cpuPerTaskUs));
    const bareCpuPerTask = median(bare.map((run) => run.cpuPerTaskUs));
    return {
      throughputWithSlices: throughput,
      throughputWithoutSlices: bareThroughput,
      throughputWithVsWithout: throughput / bareThroughput,
      lagP99WithSlices: median(recorded.map((run) => run.lagP99)),
      lagP99WithoutSlices: median(bare.map((run) => run.lagP99)),
      cpuPerTaskWithSlicesUs: cpuPerTask,
      cpuPerTaskWithoutSlicesUs: bareCpuPerTask,
      cpuPerTaskWithVsWithout: cpuPerTask / bareCpuPerTask,
    };
  },
  checks: [
    {
      label: 'slices: io-timer 10k throughput, recorded ÷ not',
      key: 'throughputWithVsWithout',
      unit: '×',
      bound: { kind: 'atLeast', value: 0.97 },
      absolute: { ours: 'throughputWithSlices', floor: 'throughputWithoutSlices', unit: 'tasks/s' },
    },
    {
      label: 'slices: io-timer 10k lag p99, recorded / not',
      key: 'lagP99WithSlices',
      unit: 'ms',
      bound: { kind: 'none' },
      absolute: { ours: 'lagP99WithSlices', floor: 'lagP99WithoutSlices', unit: 'ms' },
    },
    {
      label: 'slices: io-timer 10k CPU per task, recorded ÷ not',
      key: 'cpuPerTaskWithVsWithout',
      unit: '×',
      bound: { kind: 'none' },
      absolute: { ours: 'cpuPerTaskWithSlicesUs', floor: 'cpuPerTaskWithoutSlicesUs', unit: 'µs' },
    },
  ],
};
