import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';
import { bundleReplayHarness } from '../scripts/bench-perf/dashboard-overhead.ts';

const execFileAsync = promisify(execFile);
const scripts = path.resolve(import.meta.dirname, '../scripts/bench-perf');

test('the bare-timers floor holds its waits, keeps them finishing and reads the probe', async () => {
  const { stdout } = await execFileAsync(process.execPath, [
    path.join(scripts, 'timers-floor.ts'),
    '100',
    '10',
    '0.1',
    '0.3',
  ]);
  const result = JSON.parse(stdout.trim()) as { lagP99: number; lagMax: number; throughput: number };
  expect(result.throughput).toBeGreaterThan(0);
  expect(Number.isFinite(result.lagP99)).toBe(true);
  expect(result.lagMax).toBeGreaterThanOrEqual(result.lagP99);
}, 20_000);

test('the allocation harness reads bytes per task on both sides, and the engine allocates more than bare timers', async () => {
  type Side = {
    bytesPerTask: number;
    youngGcsPer1000Tasks: number;
    busyUsPerTask: number;
    throughput: number;
  };
  const side = async (name: string) => {
    const { stdout } = await execFileAsync(process.execPath, [
      path.join(scripts, 'allocation-harness.ts'),
      name,
      '1000',
      '0.3',
      '0.6',
    ]);
    return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Side;
  };
  const floor = await side('floor');
  const engine = await side('engine');
  for (const result of [floor, engine]) {
    expect(result.throughput).toBeGreaterThan(0);
    expect(result.bytesPerTask).toBeGreaterThan(0);
    expect(result.busyUsPerTask).toBeGreaterThan(0);
  }
  // The engine's task holds the same timer and promise as a bare wait, and its own record on top.
  expect(engine.bytesPerTask).toBeGreaterThan(floor.bytesPerTask);
}, 30_000);

test('the bare-probe floor says when its probe runs and exits on input', async () => {
  const child = spawn(process.execPath, [path.join(scripts, 'probe-floor.ts')], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let output = '';
  await new Promise<void>((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('PROBE-FLOOR-RUNNING')) resolve();
    });
  });
  child.stdin.write('q');
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  expect(code).toBe(0);
}, 20_000);

test("Ink's replay floor draws the frames it is given while the bench runs, and hands back the bench's row", async () => {
  const scratch = path.resolve(import.meta.dirname, '../.bench-tmp');
  mkdirSync(scratch, { recursive: true });
  // Inside the repository, so the bundle's `import 'piscina'` finds node_modules.
  const dir = mkdtempSync(path.join(scratch, 'replay-test-'));
  try {
    const harness = await bundleReplayHarness(dir);
    const framesFile = path.join(dir, 'frames.json');
    const resultFile = path.join(dir, 'row.json');
    writeFileSync(framesFile, JSON.stringify(['first frame', 'second frame\n\u001b[1mbold line\u001b[22m']));
    const { stdout } = await execFileAsync(process.execPath, [
      harness,
      framesFile,
      '20',
      resultFile,
      ...['--workload', 'cpu', '--models', 'async', '--duration', '0.5', '--warmup', '0'],
    ]);
    expect(stdout).toContain('first frame');
    expect(stdout).toContain('second frame');
    const row = JSON.parse(readFileSync(resultFile, 'utf8')) as { model: string; throughput: number };
    expect(row.model).toBe('async');
    expect(row.throughput).toBeGreaterThan(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
