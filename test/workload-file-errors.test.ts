import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { workloadFileName } from '../source/engine/workload-file-name.ts';
import { loadWorkload } from '../workloads/index.ts';
import { writeSyntaxErrorFile } from './fixtures/workload-files/syntax-error.ts';

const fixture = (name: string) =>
  pathToFileURL(path.resolve(import.meta.dirname, 'fixtures/workload-files', name)).href;

describe('loadWorkload with workload files', () => {
  it('loads a plain JavaScript file and checks it', async () => {
    const workload = await loadWorkload(fixture('knobbed.js'));
    expect(workload.name).toBe('knobbed');
    expect(workload.knobs.map((knob) => knob.name)).toEqual(['wait', 'size']);
  });

  it('names the file and the line of a syntax error (in plain Node, which the test runner is not)', () => {
    const index = pathToFileURL(path.resolve(import.meta.dirname, '../workloads/index.ts')).href;
    const dir = mkdtempSync(path.join(tmpdir(), 'concur-syntax-'));
    const file = pathToFileURL(writeSyntaxErrorFile(dir)).href;
    const script = `import { loadWorkload } from '${index}';
      loadWorkload('${file}').catch((error) => console.log(error.message));`;
    const { stdout } = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
    });
    rmSync(dir, { recursive: true, force: true });
    expect(stdout.trim()).toMatch(
      /^cannot load workload file \S*syntax-error\.js:4: syntax error: Unexpected identifier 'oops'$/,
    );
  });

  it('names the file and the line that threw while loading', async () => {
    await expect(loadWorkload(fixture('throws-on-import.js'))).rejects.toThrow(
      /^cannot load workload file \S*throws-on-import\.js:3: it threw the database is not configured$/,
    );
  });

  it('says a missing file is not found', async () => {
    await expect(loadWorkload(fixture('no-such-file.js'))).rejects.toThrow(
      /^cannot load workload file \S*no-such-file\.js: not found$/,
    );
  });

  it('says what breaks the contract', async () => {
    await expect(loadWorkload(fixture('no-default.js'))).rejects.toThrow(
      /no-default\.js is not a workload: it has no default export object$/,
    );
    await expect(loadWorkload(fixture('bad-kind.js'))).rejects.toThrow(
      /bad-kind\.js is not a workload: its `kind` must be one of cpu, io, blocking, mixed$/,
    );
  });

  it('gives up on a file that never finishes loading, after the bound', async () => {
    await expect(loadWorkload(fixture('never-loads.js'), 200)).rejects.toThrow(
      /^workload file \S*never-loads\.js did not finish loading within 0\.2 s/,
    );
  });

  it('keeps every message on one line', async () => {
    for (const name of ['throws-on-import.js', 'no-default.js', 'no-such-file.js']) {
      const error = await loadWorkload(fixture(name)).catch((caught: Error) => caught);
      expect(String((error as Error).message)).not.toContain('\n');
    }
  });
});

describe('workloadFileName', () => {
  it('shows a file under the working directory relative to it, without the query a reload adds', () => {
    const url = `${pathToFileURL(path.join(process.cwd(), 'a', 'task.js')).href}?v=3`;
    expect(workloadFileName(url)).toBe(`.${path.sep}${path.join('a', 'task.js')}`);
  });

  it('shows a file elsewhere by its absolute path', () => {
    const outside = path.resolve(process.cwd(), '..', 'elsewhere', 'task.js');
    expect(workloadFileName(pathToFileURL(outside).href)).toBe(outside);
  });
});
