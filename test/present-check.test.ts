// `present --check`: scripts read with one-line errors naming the step, and rehearsals on a real engine, over
// sequences of steps that come back to a configuration already measured.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCommand } from '../source/cli/run-command.ts';
import { rehearse } from '../source/present/rehearse.ts';
import { parseScript, parseYamlScript, ScriptError } from '../source/present/script.ts';
import { talkScript } from '../source/present/talk-script.ts';

const folder = mkdtempSync(path.join(tmpdir(), 'concur-tui-present-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function scriptFile(name: string, content: unknown): string {
  const file = path.join(folder, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCommand(argv, {
    version: '0.0.0',
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr };
}

const first = { caption: 'timers on the loop', workload: 'io-timer', model: 'async', concurrency: 100 };

describe('reading a script', () => {
  it('reads the built-in script', () => {
    const script = parseScript(JSON.stringify(talkScript), 'built-in');
    expect(script.steps.length).toBeGreaterThanOrEqual(8);
    expect(script.steps.flatMap((step) => step.claims).length).toBeGreaterThanOrEqual(8);
  });

  it('says in one line which step of a bad script is wrong, and how', () => {
    const bad: [unknown, RegExp][] = [
      ['{ "steps": [', /^s\.json is not JSON: /],
      [{ steps: [] }, /non-empty "steps" list/],
      [{ steps: [{ caption: 'x', model: 'async' }] }, /step 1 must set "workload" and "model"/],
      [{ steps: [first, { caption: '' }] }, /step 2: "caption" must be a non-empty string/],
      [
        { steps: [first, { caption: 'x', model: 'threads' }] },
        /step 2: "model" must be one of async, workers, processes/,
      ],
      [{ steps: [first, { caption: 'x', workload: 'nope' }] }, /step 2: "workload" must be one of cpu, /],
      [
        { steps: [first, { caption: 'x', concurrency: 0 }] },
        /step 2: "concurrency" must be a whole number from 1/,
      ],
      [{ steps: [first, { caption: 'x', concurrency: 8, rate: 5 }] }, /step 2: give "concurrency" or "rate"/],
      [
        { steps: [first, { caption: 'x', threads: 65 }] },
        /step 2: "threads" must be a whole number from 1 to 64/,
      ],
      [{ steps: [first, { caption: 'x', advance: 'later' }] }, /step 2: "advance" must be "settled", "key"/],
      [{ steps: [first, { caption: 'x', claims: ['fast'] }] }, /step 2: cannot read the claim "fast"/],
      [{ steps: [first, { caption: 'x', colour: 'red' }] }, /step 2: unknown field "colour"/],
      [
        { steps: [first, { caption: 'x', panes: ['scoreboard', 'charts'] }] },
        /^s\.json: step 2: "panes" must be a non-empty list of scoreboard, eventLoop, pool, tasks, cpu, lanes \(not "charts"\)$/,
      ],
      [{ steps: [first, { caption: 'x', panes: [] }] }, /step 2: "panes" must be a non-empty list of /],
      [{ steps: [first, { caption: 'x', panes: 'cpu' }] }, /step 2: "panes" must be a non-empty list of /],
      [
        { steps: [first, { caption: 'x', title: 'a title far too long' }] },
        /step 2: "title" must be 1 to 12 /,
      ],
      [
        { steps: [first, { caption: 'x', title: 'naïve' }] },
        /step 2: "title" must be 1 to 12 letters, digits/,
      ],
    ];
    for (const [content, says] of bad) {
      const text = typeof content === 'string' ? content : JSON.stringify(content);
      expect(() => parseScript(text, 's.json'), text).toThrow(ScriptError);
      expect(() => parseScript(text, 's.json'), text).toThrow(says);
    }
  });
});

describe('a script in YAML', () => {
  it('reads as the same JSON script does', async () => {
    const yaml = [
      'title: my talk',
      'steps:',
      '  - caption: timers on the loop',
      '    workload: io-timer',
      '    model: async',
      '    concurrency: 100',
      '    claims: ["lag p99 < 50 ms"]',
      '  - caption: "Press w"',
      '    model: workers',
      '    advance: { seconds: 3 }',
      '    claims:',
      '      - workers throughput ≥ 0.5× async',
    ].join('\n');
    const json = {
      title: 'my talk',
      steps: [
        { ...first, claims: ['lag p99 < 50 ms'] },
        {
          caption: 'Press w',
          model: 'workers',
          advance: { seconds: 3 },
          claims: ['workers throughput ≥ 0.5× async'],
        },
      ],
    };
    expect(await parseYamlScript(yaml, 't.yaml')).toEqual(parseScript(JSON.stringify(json), 'my talk'));
  });

  it('reads the panes a step names and its title', async () => {
    const yaml = [
      'steps:',
      '  - caption: the loop',
      '    title: One loop',
      '    panes: [scoreboard, eventLoop, eventLoop]',
      '    workload: cpu',
      '    model: async',
    ].join('\n');
    const [step] = (await parseYamlScript(yaml, 't.yaml')).steps;
    expect(step).toMatchObject({ title: 'One loop', panes: ['scoreboard', 'eventLoop'] });
  });

  it('names the line of a YAML error, and the step of a wrong field, exit code 2', async () => {
    await expect(parseYamlScript('steps:\n  - caption: a\n   model: [', 't.yaml')).rejects.toThrow(
      /^t\.yaml is not YAML \(line \d+\): /,
    );
    const file = scriptFile(
      'talk.yml',
      `steps:\n  - caption: a\n    workload: cpu\n    model: async\n  - caption: b\n    threads: 0\n`,
    );
    const { code, stderr } = await run(['present', '--check', file]);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^concur-tui: .*talk\.yml: step 2: "threads" must be a whole number from 1 to 64\n$/,
    );
  });
});

const cli = path.resolve(import.meta.dirname, '../dist/cli.js');

describe.runIf(existsSync(cli))(
  'a YAML script through the built binary (the parser is bundled apart)',
  () => {
    it('rehearses a good one, and names the line of a broken one', () => {
      const good = scriptFile(
        'good.yaml',
        'steps:\n  - caption: a\n    workload: io-timer\n    model: async\n    advance: { seconds: 1 }\n    claims: ["lag p99 < 5 s"]\n',
      );
      const passed = spawnSync(process.execPath, [cli, 'present', '--check', good], {
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(passed.stderr).toBe('');
      expect(passed.status).toBe(0);
      expect(passed.stdout).toMatch(/ {4}pass {2}lag p99 < 5 s: measured async/);
      const broken = scriptFile('broken.yaml', 'steps:\n  - caption: a\n   model: [\n');
      const refused = spawnSync(process.execPath, [cli, 'present', '--check', broken], {
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(refused.status).toBe(2);
      expect(refused.stderr).toMatch(/^concur-tui: .*broken\.yaml is not YAML \(line 3\): \S.*\n$/);
    }, 40_000);
  },
);

describe('rehearsing a script', () => {
  it('judges each step on counting of its own, also when it comes back to a configuration measured before', async () => {
    const script = parseScript(
      JSON.stringify({
        steps: [
          { ...first, claims: ['async throughput ≥ 100 /s'] },
          { caption: 'on workers', model: 'workers', threads: 2, claims: ['async throughput ≥ 10× workers'] },
          { caption: 'back on the loop', model: 'async', claims: ['lag p99 < 1000 ms'] },
          { caption: 'more in flight', concurrency: 400, claims: ['async throughput ≥ 2× async'] },
        ],
      }),
      'sequence.json',
    );
    const results = await rehearse(script, { countSeconds: 1 });
    expect(results.map((result) => result.step)).toEqual([1, 2, 3, 4]);
    // Step 3 returns to step 1's row: it waited for a second of new counting, not the one from before.
    for (const result of results)
      expect(result.countedSeconds, `step ${result.step}`).toBeGreaterThanOrEqual(1);
    expect(results[0]?.claims[0]?.verdict.pass).toBe(true);
    expect(results[1]?.claims[0]?.verdict.measured).toMatch(/^[\d.]+× \(.*\/s ÷ .*\/s\)$/);
    expect(results[2]?.claims[0]?.verdict.pass).toBe(true);
    // A row compared with itself is 1×: the claim fails with what it measured.
    expect(results[3]?.claims[0]?.verdict).toMatchObject({
      pass: false,
      measured: expect.stringMatching(/^1\.00× /),
    });
  }, 60_000);

  it('fails a step whose claim cannot hold, with the measured value, and exits 1', async () => {
    const file = scriptFile('impossible.json', {
      title: 'an impossible claim',
      steps: [
        {
          ...first,
          advance: { seconds: 1.5 },
          claims: ['async throughput ≥ 1000000000 /s', 'lag p99 < 5 s'],
        },
      ],
    });
    const { code, stdout, stderr } = await run(['present', '--check', file]);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(stdout).toMatch(/^rehearsing an impossible claim: 1 step on this machine/);
    expect(stdout).toMatch(/step 1\/1 {2}FAIL {2}timers on the loop/);
    expect(stdout).toMatch(/ {4}FAIL {2}async throughput ≥ 1000000000 \/s: measured async [\d,.]+\/s/);
    expect(stdout).toMatch(/ {4}pass {2}lag p99 < 5 s: measured async [\d.]+ ms/);
    expect(stdout).toMatch(/1 of 1 steps failed; finished in [\d.]+ s\n$/);
  }, 30_000);

  it('presents only in an interactive terminal, and says so with exit code 1 elsewhere', async () => {
    const { code, stderr } = await run(['present']);
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^concur-tui: presenting needs an interactive terminal .*; present --check runs without one\n$/,
    );
  });

  it('refuses a bad script or command line in one line with exit code 2', async () => {
    const cases: [string[], RegExp][] = [
      [
        ['present', '--check', path.join(folder, 'missing.json')],
        /^concur-tui: cannot read the script .*missing\.json: no such file\n$/,
      ],
      // A device never ends: read whole, /dev/zero once ended in "undefined" after half a gigabyte.
      [
        ['present', '--check', '/dev/zero'],
        /^concur-tui: cannot read the script \/dev\/zero: it is not a file\n$/,
      ],
      [['present', '--check', folder], /^concur-tui: cannot read the script .*: it is a directory\n$/],
      [
        ['present', '--check', scriptFile('huge.json', `{"steps": [${' '.repeat(5 * 1024 * 1024)}]}`)],
        /^concur-tui: cannot read the script .*huge\.json: it is larger than 4 MiB: not a talk script\n$/,
      ],
      [
        ['present', '--check', scriptFile('bad.json', { steps: [first, { caption: 'x', gil: 'yes' }] })],
        /^concur-tui: .*bad\.json: step 2: "gil" must be true or false\n$/,
      ],
      [
        ['present', scriptFile('panes.json', { steps: [{ ...first, panes: ['scoreboard', 'charts'] }] })],
        /^concur-tui: .*panes\.json: step 1: "panes" must be a non-empty list of .*\(not "charts"\)\n$/,
      ],
      [
        ['present', '--check', '--json'],
        /^concur-tui: present takes --check and a script file only, not --json\n$/,
      ],
      [['bench', '--check'], /^concur-tui: --check is for present/],
    ];
    for (const [argv, says] of cases) {
      const { code, stderr } = await run(argv);
      expect(code, argv.join(' ')).toBe(2);
      expect(stderr, argv.join(' ')).toMatch(says);
    }
  });
});
