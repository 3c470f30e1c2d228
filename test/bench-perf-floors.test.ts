import { execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';

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
