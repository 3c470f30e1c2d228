// The type a workload file imports (`import type { Workload } from 'concur-tui'`) is the one the build emits into
// dist/types from source/engine/types.ts: a sample typechecks against it through the package's own exports,
// and a file that breaks the contract does not.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import packageJson from '../package.json' with { type: 'json' };

const root = path.resolve(import.meta.dirname, '..');
const tsc = path.join(root, 'node_modules/.bin/tsc');
const published = path.join(root, packageJson.types);

describe.runIf(existsSync(published))('the published Workload type', () => {
  const project = mkdtempSync(path.join(tmpdir(), 'concur-types-'));
  mkdirSync(path.join(project, 'node_modules'));
  symlinkSync(root, path.join(project, 'node_modules', 'concur-tui'));
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  const check = (source: string) => {
    writeFileSync(path.join(project, 'task.ts'), source);
    return spawnSync(
      tsc,
      [
        '--ignoreConfig',
        '--noEmit',
        '--strict',
        '--module',
        'nodenext',
        '--moduleResolution',
        'nodenext',
        '--skipLibCheck',
        '--types',
        'node',
        '--typeRoots',
        path.join(root, 'node_modules/@types'),
        'task.ts',
      ],
      { cwd: project, encoding: 'utf8' },
    );
  };

  it('is what package.json exports', () => {
    expect(packageJson.exports['.'].types).toBe(packageJson.types);
    expect(packageJson.files).toContain('dist');
  });

  it('accepts a workload written to the contract', () => {
    const ended = check(`import type { Workload } from 'concur-tui';
const task: Workload = {
  name: 'sample', kind: 'io', description: 'waits',
  knobs: [{ name: 'wait', description: 'ms', unit: 'ms', default: 5, min: 0, max: 100 }],
  async run({ knobs, context }) { await context.yield?.(); return knobs.wait; },
};
export default task;
`);
    expect(ended.stdout + ended.stderr).toBe('');
    expect(ended.status).toBe(0);
  });

  it('rejects one that breaks it', () => {
    const ended = check(`import type { Workload } from 'concur-tui';
const task: Workload = { name: 'sample', kind: 'gpu', description: 'x', knobs: [], run() {} };
export default task;
`);
    expect(ended.status).not.toBe(0);
    expect(ended.stdout).toMatch(/"gpu"/);
  });

  it('is emitted from the source, not a copy', () => {
    const emitted = execFileSync(
      'grep',
      ['-c', 'run(input: TaskInput)', path.join(path.dirname(published), 'engine/types.d.ts')],
      { encoding: 'utf8' },
    );
    expect(Number(emitted)).toBe(1);
  });
});
