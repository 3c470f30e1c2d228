// A workload file's code for `c`: found by the command line's argument (or by name in the working directory,
// as a replay must), read off the first frame, and one line saying why when it cannot be read.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { EngineHandle, WorkloadSummary } from '../source/engine/engine-handle.ts';
import type { Snapshot } from '../source/engine/types.ts';
import { App } from '../source/ui/app.tsx';
import { locateWorkloadFile } from '../source/workload-source/locate-workload-file.ts';
import { readWorkloadSource, workloadKey } from '../source/workload-source/workload-source.ts';
import { asyncRunningCpu } from './fixtures/snapshots.ts';

afterEach(cleanup);

const task = `// A task of my own.
export default {
  name: 'my-task',
  kind: 'cpu',
  description: 'mine',
  knobs: [],
  async run(input) {
    return 42;
  },
};
`;

function folder(): string {
  return mkdtempSync(path.join(tmpdir(), 'concur-tui-source-'));
}

describe('finding a workload file', () => {
  test.each([
    [['--workload', 'lib/task.js'], 'lib/task.js'],
    [['--workload=lib/task.js', '--size', '3'], 'lib/task.js'],
    [['-wlib/task.js'], 'lib/task.js'],
    [['-w', '/abs/task.js'], '/abs/task.js'],
    [['present', 'x', '--workload', 'file:///abs/task.js?v=2'], '/abs/task.js'],
  ])('by the argument that names it: %j', (argv, expected) => {
    const found = locateWorkloadFile('task.js', argv, '/home/me');
    expect(found).toEqual({ path: path.resolve('/home/me', expected), from: 'arguments' });
  });

  test('by name in the working directory when no argument names it (a replay)', () => {
    expect(locateWorkloadFile('task.js', ['replay', 'run.ndjson'], '/home/me')).toEqual({
      path: '/home/me/task.js',
      from: 'working directory',
    });
  });
});

describe('reading a workload file', () => {
  const identity = { name: 'my-task', file: 'task.js' };

  test('a readable file gives its text, named by its path', async () => {
    const dir = folder();
    mkdirSync(path.join(dir, 'lib'));
    writeFileSync(path.join(dir, 'lib/task.js'), task);
    const source = await readWorkloadSource(identity, {
      locate: (file) => locateWorkloadFile(file, ['--workload', './lib/task.js'], dir),
      cwd: dir,
    });
    expect(source).toMatchObject({
      key: workloadKey(identity),
      text: task,
      where: `.${path.sep}lib/task.js`,
    });
    expect(source.problem).toBeUndefined();
  });

  test('a deleted file is one line saying so, not an error', async () => {
    const dir = folder();
    const source = await readWorkloadSource(identity, {
      locate: (file) => locateWorkloadFile(file, ['--workload', './task.js'], dir),
      cwd: dir,
    });
    expect(source.text).toBeUndefined();
    expect(source.problem).toBe('cannot read task.js: no such file (deleted or moved?)');
  });

  test('a directory, or a read that fails, is one line too', async () => {
    const dir = folder();
    mkdirSync(path.join(dir, 'task.js'));
    const locate = (file: string) => locateWorkloadFile(file, ['--workload', './task.js'], dir);
    expect((await readWorkloadSource(identity, { locate, cwd: dir })).problem).toBe(
      'cannot read task.js: it is a directory',
    );
    const denied = Object.assign(new Error('EACCES: permission denied, open'), { code: 'EACCES' });
    const failing = await readWorkloadSource(identity, {
      locate,
      cwd: dir,
      read: () => Promise.reject(denied),
    });
    expect(failing.problem).toBe('cannot read task.js: permission denied');
    const odd = await readWorkloadSource(identity, {
      locate: () => {
        throw new Error('no\nway');
      },
    });
    expect(odd.problem).toBe('cannot read task.js: no');
  });

  test('a replay whose file is not in the working directory says where it looked and what to do', async () => {
    const dir = folder();
    const source = await readWorkloadSource(identity, {
      locate: (file) => locateWorkloadFile(file, ['replay', 'run.ndjson'], dir),
      cwd: dir,
    });
    expect(source.problem).toBe('no task.js here: run the replay in the folder that holds it');
  });

  test("the run's own path wins over a file of the same name elsewhere, and a path gone falls back to the name", async () => {
    const dir = folder();
    mkdirSync(path.join(dir, 'a'));
    mkdirSync(path.join(dir, 'b'));
    writeFileSync(path.join(dir, 'a/task.js'), task);
    writeFileSync(path.join(dir, 'b/task.js'), '// another task.js\n');
    // Run from b, with nothing on the command line naming a/task.js (as after a reload from another folder).
    const locate = (file: string) => locateWorkloadFile(file, ['replay', 'run.ndjson'], path.join(dir, 'b'));
    const ran = { ...identity, path: path.join(dir, 'a/task.js') };
    const source = await readWorkloadSource(ran, { locate, cwd: dir });
    expect(source).toMatchObject({ text: task, where: `.${path.sep}a/task.js` });
    expect(source.note).toBeUndefined();
    // Two files of one name are two workloads' code, not one.
    expect(workloadKey(ran)).not.toBe(workloadKey({ ...identity, path: path.join(dir, 'b/task.js') }));
    // A recording made on another machine names a path that is not here: the file of that name here is read.
    const moved = await readWorkloadSource({ ...identity, path: '/nowhere/task.js' }, { locate, cwd: dir });
    expect(moved.text).toBe('// another task.js\n');
    expect(moved.note).toContain('task.js');
  });

  test('a file found by name in the working directory says so', async () => {
    const dir = folder();
    writeFileSync(path.join(dir, 'task.js'), task);
    const source = await readWorkloadSource(identity, {
      locate: (file) => locateWorkloadFile(file, ['replay', 'run.ndjson'], dir),
      cwd: dir,
    });
    expect(source.text).toBe(task);
    expect(source.note).toContain('task.js');
  });
});

describe('the code of a workload file in the dashboard', () => {
  const workloads: WorkloadSummary[] = [{ name: 'my-task', kind: 'cpu', description: 'mine' }];

  function handleFor(snapshot: Snapshot): EngineHandle {
    return { latest: () => snapshot, subscribe: () => () => {}, dispatch: () => {}, workloads };
  }

  test('is read when c opens it; once the file is deleted, reopening says so in one line', async () => {
    const dir = folder();
    const file = path.join(dir, 'task.js');
    writeFileSync(file, task);
    const argv = process.argv;
    process.argv = [...argv.slice(0, 2), '--workload', file];
    try {
      const snapshot: Snapshot = {
        ...asyncRunningCpu,
        workload: { name: 'my-task', kind: 'cpu', description: 'mine', knobs: {}, file: 'task.js' },
      };
      const rendered = render(
        <App handle={handleFor(snapshot)} color={false} onQuit={() => {}} size={{ columns: 80, rows: 24 }} />,
      );
      await new Promise((resolve) => setImmediate(resolve));
      rendered.stdin.write('c');
      const shown = await vi.waitFor(() => {
        const frame = rendered.lastFrame() ?? '';
        expect(frame).toMatch(/▶\s*7 │ {3}async run\(input\) \{/);
        return frame;
      });
      expect(shown).toContain('CODE — my-task');
      expect(shown).toContain(' 1 │ // A task of my own.');
      rendered.stdin.write('c');
      await vi.waitFor(() => expect(rendered.lastFrame()).toContain('SCOREBOARD'));
      rmSync(file);
      rendered.stdin.write('c');
      await vi.waitFor(() => expect(rendered.lastFrame()).toContain('no such file (deleted or moved?)'));
      const lines = (rendered.lastFrame() ?? '').split('\n');
      expect(lines.length).toBeLessThan(24);
      expect(lines.filter((line) => line.includes('cannot read'))).toHaveLength(1);
    } finally {
      process.argv = argv;
    }
  });
});
