// Workload files on the command line, through runCommand: the two-phase parse, knob flags, the bad-file cases.
// (A syntax error's line is tested in plain Node in workload-file-errors.test.ts and through dist/ in
// cli-workload-files-process.test.ts: the test runner's own module loader reports syntax errors its own way.)

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { optionSpecs } from '../source/cli/option-specs.ts';
import { parseCommandLine, UsageError } from '../source/cli/parse-args.ts';
import { runCommand } from '../source/cli/run-command.ts';
import { starterWorkload } from '../source/cli/starter-workload.ts';
import { readWorkloadArgument } from '../source/cli/workload-argument.ts';

const fixtures = path.resolve(import.meta.dirname, 'fixtures/workload-files');

async function run(argv: string[], cwd = fixtures) {
  let stdout = '';
  let stderr = '';
  const code = await runCommand(argv, {
    version: '0.0.0',
    env: { NO_COLOR: '1' },
    cwd,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr };
}

/** Exit 2, one line on stderr that names the file, no stack trace. */
async function expectOneLine(argv: string[], says: RegExp) {
  const { code, stderr, stdout } = await run(argv);
  expect(code).toBe(2);
  expect(stdout).toBe('');
  expect(stderr.split('\n')).toHaveLength(2);
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(stderr.trimEnd()).toMatch(says);
}

describe('a bad workload file on the command line', () => {
  it('a missing file', () =>
    expectOneLine(
      ['bench', '-w', './missing.js'],
      /^concur-tui: cannot load workload file \S*missing\.js: not found$/,
    ));
  it('a directory', () =>
    expectOneLine(
      ['bench', '-w', '../workload-files/'],
      /workload file \S*workload-files: it is not a file$/,
    ));
  it('no default export', () =>
    expectOneLine(
      ['bench', '--workload', './no-default.js'],
      /no-default\.js is not a workload: it has no default export object$/,
    ));
  it('a contract violation', () =>
    expectOneLine(['--workload=./bad-kind.js'], /bad-kind\.js is not a workload: its `kind` must be one of/));
  it('an import that throws', () =>
    expectOneLine(
      ['bench', '-w', './throws-on-import.js'],
      /throws-on-import\.js:3: it threw the database is not configured$/,
    ));
  it('an import that never finishes, bounded by --load-timeout', () =>
    expectOneLine(
      ['bench', '-w', './never-loads.js', '--load-timeout', '0.2'],
      /never-loads\.js did not finish loading within 0\.2 s/,
    ));
  it('a knob value out of the file’s range', () =>
    expectOneLine(
      ['bench', '-w', './knobbed.js', '--size', '11'],
      /^concur-tui: --size takes a number from 1 to 10 items .* got "11" \(a knob of \S*knobbed\.js\)$/,
    ));
  it('a knob value out of range through --knob', () =>
    expectOneLine(
      ['bench', '-w', './knobbed.js', '--knob', 'size=0'],
      /--knob size takes a number from 1 to 10 items .*knobbed\.js/,
    ));
  it('a knob no workload has', () =>
    expectOneLine(
      ['bench', '-w', './knobbed.js', '--knob', 'colour=3'],
      /--knob: no workload has a knob "colour" \(knobs: .*wait/,
    ));
  it('a file named like a built-in', () =>
    expectOneLine(
      ['-w', './named-like-builtin.js'],
      /named-like-builtin\.js is named "cpu" like a built-in workload/,
    ));
  it('a TypeScript file on a Node that does not strip types', async () => {
    const own = Object.getOwnPropertyDescriptor(process.features, 'typescript');
    Object.defineProperty(process.features, 'typescript', { value: false, configurable: true });
    try {
      await expectOneLine(
        ['bench', '-w', './typed.ts'],
        /^concur-tui: workload file \S*typed\.ts is TypeScript, which Node [\d.]+ cannot run without a flag: it needs Node 22\.18, 23\.6 or newer/,
      );
    } finally {
      if (own) Object.defineProperty(process.features, 'typescript', own);
    }
  });

  it('a name that is neither a built-in nor a path', () =>
    expectOneLine(
      ['-w', 'task'],
      /unknown workload "task" \(choose from cpu, .*, or a workload file such as \.\/task\.js\)$/,
    ));
});

describe('a good workload file on the command line', () => {
  it('hands the engine the file by URL, with its knobs as flags and --knob', async () => {
    const { loadWorkloadFile } = await import('../source/cli/workload-argument.ts');
    const file = await loadWorkloadFile('./knobbed.js', { cwd: fixtures });
    const url = pathToFileURL(path.join(fixtures, 'knobbed.js')).href;
    expect(file.url).toBe(url);
    const command = parseCommandLine(
      ['bench', '-w', './knobbed.js', '--size', '5', '--knob', 'wait=7'],
      {},
      file,
    );
    expect(command).toMatchObject({
      command: 'bench',
      workload: url,
      workloadFiles: [{ url, workload: { name: 'knobbed' } }],
      knobs: { size: 5, wait: 7 },
    });
  });

  it('keeps the built-in knob flags working beside the file’s', async () => {
    const { loadWorkloadFile } = await import('../source/cli/workload-argument.ts');
    const file = await loadWorkloadFile('./knobbed.js', { cwd: fixtures });
    expect(parseCommandLine(['-w', './knobbed.js', '--latency', '20'], {}, file)).toMatchObject({
      knobs: { latency: 20 },
    });
  });

  it('lists the file’s knobs in --help --workload', async () => {
    const { code, stdout } = await run(['--help', '--workload', './knobbed.js']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Workload file \S*knobbed\.js: knobbed \(io\)/);
    expect(stdout).toMatch(/--wait <ms> +knobbed: Time each task waits \(default 1, 0–1000\)/);
    expect(stdout).toMatch(/--size <items> +knobbed: A number handed back \(default 3, 1–10\)/);
  });

  it('watches a file in the dashboard by default, not with --no-watch', async () => {
    const { loadWorkloadFile } = await import('../source/cli/workload-argument.ts');
    const file = await loadWorkloadFile('./knobbed.js', { cwd: fixtures });
    expect(parseCommandLine(['-w', './knobbed.js'], {}, file)).toMatchObject({ watch: true });
    expect(parseCommandLine(['-w', './knobbed.js', '--no-watch'], {}, file)).toMatchObject({ watch: false });
    expect(parseCommandLine([])).toMatchObject({ watch: false });
  });
});

describe('the new flags', () => {
  it('hands on the timeouts in milliseconds', () => {
    expect(parseCommandLine(['--task-timeout', '2.5', '--load-timeout', '3'])).toMatchObject({
      taskTimeoutMs: 2500,
      loadTimeoutMs: 3000,
    });
    expect(parseCommandLine(['bench'])).not.toHaveProperty('taskTimeoutMs');
  });

  it('reads a thread sweep, deduplicated, in any order', () => {
    expect(parseCommandLine(['bench', '--sweep', 'threads=4,1,2,4'])).toMatchObject({
      sweep: { threads: [4, 1, 2] },
    });
    for (const bad of ['threads=0', 'threads=1.5', 'threads=', 'cores=1,2', 'threads=1,,2', 'threads=65']) {
      expect(() => parseCommandLine(['bench', '--sweep', bad])).toThrow(UsageError);
    }
    expect(() => parseCommandLine(['--sweep', 'threads=1'])).toThrow(/--sweep is for bench/);
  });

  it('refuses --watch without a file, and on bench', () => {
    expect(() => parseCommandLine(['--watch'])).toThrow(/--watch reloads a workload file/);
    expect(() => parseCommandLine(['bench', '--no-watch'])).toThrow(/--no-watch is for the dashboard/);
  });
});

describe('init', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'concur-init-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the starter file, then refuses to overwrite it', async () => {
    const first = await run(['init'], dir);
    expect(first.code).toBe(0);
    expect(readFileSync(path.join(dir, 'task.js'), 'utf8')).toBe(starterWorkload);
    const again = await run(['init', 'task.js'], dir);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/^concur-tui: "task.js" already exists: init never overwrites a file .*\n$/);
    expect(readFileSync(path.join(dir, 'task.js'), 'utf8')).toBe(starterWorkload);
  });

  it('writes a file that loads as a workload', async () => {
    await run(['init', 'other.js'], dir);
    const { stdout, code } = await run(['--help', '-w', './other.js'], dir);
    expect(code).toBe(0);
    expect(stdout).toMatch(/--rounds <rounds>/);
  });
});

/** A small seeded generator, so a failing order can be replayed. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return state / 2 ** 32;
  };
}

describe('the two-phase parse', () => {
  it('finds the workload and reads the same command in any flag order (seeded)', async () => {
    const { loadWorkloadFile } = await import('../source/cli/workload-argument.ts');
    const file = await loadWorkloadFile('./knobbed.js', { cwd: fixtures });
    const groups = [
      ['-w', './knobbed.js'],
      ['--size', '4'],
      ['--knob', 'wait=9'],
      ['-c', '3'],
      ['--gil'],
      ['--load-timeout=2'],
      ['--task-timeout', '1'],
      ['-t2'],
      ['--latency', '5'],
    ];
    const next = random(13);
    const expected = parseCommandLine(['bench', ...groups.flat()], {}, file);
    for (let round = 0; round < 200; round++) {
      const order = [...groups].sort(() => next() - 0.5);
      const at = Math.floor(next() * (order.length + 1));
      const argv = [...order.slice(0, at).flat(), 'bench', ...order.slice(at).flat()];
      expect(readWorkloadArgument(argv, optionSpecs), argv.join(' ')).toEqual({
        workload: './knobbed.js',
        loadTimeout: '2',
      });
      expect(parseCommandLine(argv, {}, file), argv.join(' ')).toEqual(expected);
    }
  });
});
