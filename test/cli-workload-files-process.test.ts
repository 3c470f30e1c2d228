// Workload files through the built binary, as users run it: the worker and process entries in dist/ load the
// file by URL, and Node's own loader reports the bad files (no test runner in between).

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeSyntaxErrorFile } from './fixtures/workload-files/syntax-error.ts';

const cli = path.resolve(import.meta.dirname, '../dist/cli.js');
const fixtures = path.resolve(import.meta.dirname, 'fixtures/workload-files');

type Ended = { code: number | null; stdout: string; stderr: string };

function run(args: string[], cwd: string): Promise<Ended> {
  const child = spawn(process.execPath, [cli, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

const quickBench = ['bench', '--duration', '0.5', '--warmup', '0.2', '--json'];

describe.runIf(existsSync(cli))('workload files through dist/cli.js', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'concur-files-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('init writes a starter that bench runs under every model', { timeout: 60_000 }, async () => {
    expect((await run(['init'], dir)).code).toBe(0);
    const ended = await run([...quickBench, '--workload', './task.js', '--rounds', '200'], dir);
    expect(ended.stderr).toBe('');
    expect(ended.code).toBe(0);
    const result = JSON.parse(ended.stdout) as {
      workload: string;
      rows: { model: string; finished: number; failed: number }[];
    };
    expect(result.workload).toBe('my-task');
    expect(result.rows.map((row) => row.model)).toEqual(['async', 'workers', 'processes']);
    for (const row of result.rows) {
      expect(row.finished, row.model).toBeGreaterThan(0);
      expect(row.failed, row.model).toBe(0);
    }
  });

  it.runIf(Boolean((process.features as { typescript?: unknown }).typescript))(
    'runs a TypeScript file where Node strips types, in a worker thread too',
    { timeout: 30_000 },
    async () => {
      const ended = await run(
        [...quickBench, '--models', 'workers', '-w', './typed.ts', '--count', '50'],
        fixtures,
      );
      expect(ended.code).toBe(0);
      expect(JSON.parse(ended.stdout).rows[0]).toMatchObject({ model: 'workers', failed: 0 });
    },
  );

  it('loads both examples of workloads/README.md as they are written', async () => {
    const readme = readFileSync(path.resolve(import.meta.dirname, '../workloads/README.md'), 'utf8');
    for (const [, language, code] of readme.matchAll(/^```(js|ts)\n([\s\S]*?)^```$/gm)) {
      const file = path.join(dir, `readme-example.${language}`);
      writeFileSync(file, code as string);
      const ended = await run(['--help', '-w', file], dir);
      expect(ended.stderr, language).toBe('');
      expect(ended.stdout, language).toMatch(/^Workload file /);
    }
  });

  it('names the file and line of a syntax error, in one line, exit 2', async () => {
    writeSyntaxErrorFile(dir);
    const ended = await run(['bench', '-w', './syntax-error.js'], dir);
    expect(ended.code).toBe(2);
    expect(ended.stderr).toMatch(
      /^concur-tui: cannot load workload file \S*syntax-error\.js:4: syntax error: Unexpected identifier 'oops'\n$/,
    );
  });

  it('gives up on an import that never finishes after --load-timeout, exit 2', async () => {
    const ended = await run(['bench', '-w', './never-loads.js', '--load-timeout', '0.3'], fixtures);
    expect(ended.code).toBe(2);
    expect(ended.stderr).toMatch(
      /^concur-tui: workload file \S*never-loads\.js did not finish loading within 0\.3 s[^\n]*\n$/,
    );
  });

  it('names the line an import threw on, with no stack trace', async () => {
    const ended = await run(['-w', './throws-on-import.js'], fixtures);
    expect(ended.code).toBe(2);
    expect(ended.stderr).toMatch(
      /^concur-tui: cannot load workload file \S*throws-on-import\.js:3: it threw [^\n]*\n$/,
    );
  });
});
