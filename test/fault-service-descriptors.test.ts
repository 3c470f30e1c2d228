// The common descriptor limit of 1,024 (`ulimit -n`): io-http at 1,000 in flight must run without a failed
// task, and when the descriptors run out anyway, the request fails with the reason while the samplers go on.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { modelNames } from '../source/engine/models/model-descriptors.ts';
import { runs } from './helpers/fault-env.ts';
import { waitFor } from './helpers/wait-for.ts';

const cli = path.resolve(import.meta.dirname, '../dist/cli.js');
const hasPrlimit = runs('prlimit', ['--version']);
const hasTmux = runs('tmux', ['-V']);
const source = (file: string) => new URL(`../${file}`, import.meta.url).href;

type BenchRow = { model: string; finished: number; failed: number };

describe.runIf(hasPrlimit && existsSync(cli))('under ulimit -n 1024', () => {
  it('bench runs io-http at 1,000 in flight under every model without a failed task', async () => {
    const { stdout } = await promisify(execFile)(
      'prlimit',
      [
        '--nofile=1024:1024',
        process.execPath,
        cli,
        'bench',
        '-w',
        'io-http',
        '-c',
        '1000',
        '--duration',
        '2',
        '--warmup',
        '0.5',
        '--json',
      ],
      { timeout: 80_000 },
    );
    const rows = (JSON.parse(stdout) as { rows: BenchRow[] }).rows;
    expect(rows.map((row) => row.model)).toEqual(modelNames());
    for (const row of rows) {
      expect(row.failed).toBe(0);
      expect(row.finished).toBeGreaterThan(0);
    }
  }, 90_000);

  it.runIf(hasTmux)('the dashboard keeps running io-http at 1,000 in flight', async () => {
    const socket = `concur-fault-fd-${process.pid}`;
    const tmux = (...args: string[]) =>
      execFileSync('tmux', ['-L', socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
    const command = ['prlimit', '--nofile=1024:1024', process.execPath, cli, '-w', 'io-http', '-c', '1000']
      .map((part) => `'${part}'`)
      .join(' ');
    tmux('new-session', '-d', '-s', 'fd', '-x', '120', '-y', '40', 'sh', '-c', `${command}; sleep 30`);
    try {
      const screen = () => tmux('capture-pane', '-p', '-t', 'fd');
      // The crash came within a second of start; a few seconds at full load with the counts moving.
      await waitFor(() => /io-http/.test(screen()), { timeoutMs: 15_000, what: 'the first frame' });
      const firstFrame = screen();
      await waitFor(() => screen() !== firstFrame, { timeoutMs: 10_000, what: 'a later frame' });
      const started = performance.now();
      await waitFor(() => performance.now() - started > 3000, { what: 'three seconds of load' });
      const later = screen();
      expect(later).not.toMatch(/EMFILE|Error|at .*\.js:\d+/);
      expect(later).toMatch(/io-http/);
    } finally {
      tmux('kill-server');
    }
  });

  it('a request fails with the reason when no descriptor is left, and the samplers keep going', async () => {
    const script = `
      import { openSync, closeSync } from 'node:fs';
      const { WorkloadServices } = await import(${JSON.stringify(source('source/engine/workload-services.ts'))});
      const { requestLoopback } = await import(${JSON.stringify(source('source/engine/loopback/http-client.ts'))});
      const { createCpuSampler } = await import(${JSON.stringify(source('source/engine/metrics/cpu-sampler.ts'))});
      const { findWorkload } = await import(${JSON.stringify(source('workloads/index.ts'))});
      const services = new WorkloadServices();
      await services.prepare(findWorkload('io-http'));
      const sampler = createCpuSampler();
      const before = sampler.sample();
      const held = [];
      try { for (;;) held.push(openSync('/dev/null', 'r')); } catch {}
      let failure;
      try { await requestLoopback(services.context.loopback, 0); } catch (error) { failure = error.message; }
      let sample;
      try { sample = sampler.sample(); } catch (error) { sample = { threw: error.message }; }
      const http = services.sample().http;
      for (const fd of held) closeSync(fd);
      await services.close();
      console.log(JSON.stringify({ failure, sample, rssBefore: before.rssBytes, http }));
    `;
    const { stdout } = await promisify(execFile)(
      'prlimit',
      ['--nofile=64:64', process.execPath, '--input-type=module', '-e', script],
      { timeout: 30_000 },
    );
    const report = JSON.parse(stdout.trim().split('\n').at(-1) ?? '');
    expect(report.failure).toBe('EMFILE: too many open files (limit 64)');
    expect(report.sample.threw).toBeUndefined();
    expect(report.sample.rssBytes).toBe(report.rssBefore);
    expect(report.sample.heapUsedBytes).toBeGreaterThan(0);
    expect(report.http.lastError).toMatch(
      /^out of file descriptors \(ulimit -n is 64\): 1 requests failed; raise the limit/,
    );
  });
});
