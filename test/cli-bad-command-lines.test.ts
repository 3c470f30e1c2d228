import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeControls } from '../source/cli/escape-text.ts';
import { runCommand } from '../source/cli/run-command.ts';
import { modelNames } from '../source/engine/models/model-descriptors.ts';

const cli = path.resolve(import.meta.dirname, '../dist/cli.js');
const built = existsSync(cli);

/** The models the table offers, as the messages list them. */
const models = modelNames().join(', ');

type BadLine = { argv: string[]; says: RegExp; env?: NodeJS.ProcessEnv };

const bad = (argv: string[], says: RegExp, env?: NodeJS.ProcessEnv): BadLine => ({ argv, says, env });

const wholeRange = /takes a whole number from 1 to 200000 tasks in flight \(decimal digits, e.g. 8\)/;
const rateRange =
  /--rate takes a number from 0.1 to 1000000 tasks\/s \(decimal digits with an optional fraction/;

/** Command lines a new user or a hostile one could type, each with what the one-line answer must say. */
const badLines: BadLine[] = [
  // Negative values, short and long (Node's parser called them "ambiguous" without the range).
  bad(['-c', '-3'], /^--concurrency takes a whole number from 1 to 200000/),
  bad(['--concurrency', '-3'], /^--concurrency takes a whole number from 1 to 200000/),
  bad(['-c-3'], /^--concurrency .* got "-3"$/),
  bad(['bench', '-d', '-1'], /^--duration takes a number from 0.1 to 3600 s/),
  bad(['bench', '--duration', '-1'], /^--duration takes a number from 0.1 to 3600 s/),
  bad(['-r', '-.5'], rateRange),
  bad(['-t', '-2'], /^--threads takes a whole number from 1 to 64 threads/),
  bad(['--latency', '-5'], /^--latency takes a number from 0 to 60000 ms/),
  // An option where a value belongs.
  bad(
    ['-w', '-c', '5'],
    /^--workload needs a value \(one of cpu, .*\), but the next argument is the option "-c"$/,
  ),
  bad(['--workload', '--concurrency', '5'], /^--workload needs a value .* the option "--concurrency"$/),
  bad(['-c', '--json'], /^--concurrency needs a value \(a whole number from 1 to 200000/),
  bad(['-c'], /^--concurrency needs a value \(a whole number/),
  bad(['--workload'], /^--workload needs a value \(one of cpu/),
  bad(['-m'], new RegExp(`^--model needs a value \\(one of ${models}\\)$`)),
  bad(['bench', '--models'], /^--models needs a value/),
  // Numbers that are not plain decimals.
  bad(['-c', '0x10'], wholeRange),
  bad(['-c', '0b101'], wholeRange),
  bad(['-c', ' 8 '], wholeRange),
  bad(['-c', '4.'], wholeRange),
  bad(['-c', '.5e1'], wholeRange),
  bad(['-c', '1e3'], wholeRange),
  bad(['-c', '1,000'], wholeRange),
  bad(['-c', '1_000'], wholeRange),
  bad(['-c', '+8'], wholeRange),
  bad(['-c', 'Infinity'], wholeRange),
  bad(['-c', '８'], wholeRange),
  bad(['-c', '2.5'], wholeRange),
  bad(['-c', ''], wholeRange),
  bad(['--concurrency='], wholeRange),
  bad(['-c', 'ten'], wholeRange),
  bad(['-r', '4.'], rateRange),
  bad(['-r', '.5e1'], rateRange),
  bad(['--rate', '0x10'], rateRange),
  bad(['--latency', '0b101'], /^--latency takes a number from 0 to 60000 ms/),
  bad(['bench', '--duration', 'NaN'], /^--duration takes a number/),
  bad(['bench', '--warmup', ' 1'], /^--warmup takes a number from 0 to 60 s/),
  // Out of range.
  bad(['-c', '0'], wholeRange),
  bad(['-c', '200001'], wholeRange),
  bad(['-t', '0'], /^--threads takes a whole number from 1 to 64/),
  bad(['--threads', '1000'], /^--threads takes a whole number from 1 to 64/),
  bad(['--rate', '0'], rateRange),
  bad(['--size', '0'], /^--size takes a number from 1 to 1000000/),
  bad(['--latency', '60001'], /^--latency takes a number from 0 to 60000 ms/),
  bad(['bench', '--duration', '0'], /^--duration takes a number from 0.1 to 3600 s/),
  bad(['bench', '--warmup', '61'], /^--warmup takes a number from 0 to 60 s/),
  // Control characters echoed back escaped, on one line.
  bad(['--workload', '\u001b]0;pwned\u0007'], /^unknown workload "\\e\]0;pwned\\x07" \(choose from cpu/),
  bad(['-w', 'a\nb'], /^unknown workload "a\\nb"/),
  bad(['--model', '\u009b31m'], /^unknown model "\\x9b31m"/),
  bad(['-c', '8\r'], /got "8\\r"$/),
  bad([`--\u001b[2Jwipe`], /^unknown option "--\\e\[2Jwipe"/),
  bad(['\u202eevil'], /^unknown command "\\u\{202e\}evil"/),
  bad(['bench', '--models', 'async,\u0007'], /^unknown model "\\x07"/),
  bad(['-w', 'x'.repeat(5000)], /^unknown workload "x{59}…"/),
  // Unknown names.
  bad(['--frobnicate'], /^unknown option "--frobnicate" \(see concur-tui --help\)$/),
  bad(['--wor', 'cpu'], /^unknown option "--wor" \(did you mean --workload\? see concur-tui --help\)$/),
  bad(['-x'], /^unknown option "-x"/),
  bad(['-hx'], /^unknown option "-x"/),
  bad(
    ['--workload', 'nope'],
    /^unknown workload "nope" \(choose from cpu, io-http, io-timer, blocking, mixed, or a workload file such as \.\/task\.js\)$/,
  ),
  bad(['--model', 'threads'], new RegExp(`^unknown model "threads" \\(choose from ${models}\\)$`)),
  bad(['serve'], /^unknown command "serve"/),
  bad(['bench', 'extra'], /^unexpected argument "extra"$/),
  // Flags of the other command, and flags that take no value.
  bad(['bench', '--paused'], /^--paused is for the dashboard; bench always runs/),
  bad(['bench', '--model', 'async'], /^--model is for the dashboard; bench takes --models/),
  bad(['bench', '-m', 'workers'], /^--model is for the dashboard; bench takes --models/),
  bad(['--json'], /^--json is for bench/),
  bad(['--duration', '5'], /^--duration is for bench/),
  bad(['-d', '-1'], /^--duration is for bench/),
  bad(['--models', 'async'], /^--models is for bench/),
  bad(['--json=yes'], /^--json takes no value, got "--json=yes"$/),
  bad(['--no-color=0'], /^--no-color takes no value/),
  // Lists and combinations.
  bad(['bench', '--models', 'async,async'], /^--models lists a model twice: "async,async"$/),
  bad(
    ['bench', '--models', 'async,'],
    new RegExp(`^--models takes a comma-separated list of ${models}, got "async,"$`),
  ),
  bad(['bench', '--models', ''], /^--models takes a comma-separated list/),
  bad(['bench', '--models', 'async,gpu'], /^unknown model "gpu"/),
  bad(['--rate', '5', '--concurrency', '5'], /exclude each other/),
  bad(['-w', 'io-timer', '--size', '-1'], /^--size takes a number from 1 to 1000000/),
  bad(['--latency', '10', '--size', 'x'], /^--size takes a number/),
];

/** Controls other than the newline that ends the line: any of them reaching the terminal is a bug. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the check.
const rawControl = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function expectOneCleanLine(stderr: string, says: RegExp): void {
  expect(stderr.endsWith('\n')).toBe(true);
  const lines = stderr.split('\n');
  expect(lines).toHaveLength(2);
  const line = lines[0] as string;
  expect(line).toMatch(/^concur-tui: /);
  expect(line.slice('concur-tui: '.length)).toMatch(says);
  expect(line).not.toMatch(rawControl);
  expect(line).not.toMatch(/\n\s+at |Error:|ERR_/);
}

async function runInProcess(line: BadLine) {
  let stdout = '';
  let stderr = '';
  const code = await runCommand(line.argv, {
    version: '0.0.0',
    env: line.env ?? {},
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr };
}

/** A test title that cannot upset the terminal showing the results. */
const nameOf = (line: BadLine) => escapeControls(JSON.stringify(line.argv).slice(0, 60));

describe('bad command lines', () => {
  it('has a table of at least 40 of them', () => {
    expect(badLines.length).toBeGreaterThanOrEqual(40);
  });

  it.each(badLines.map((line) => [nameOf(line), line] as const))(
    '%s: one escaped line on stderr, exit 2',
    async (_name, line) => {
      const { code, stdout, stderr } = await runInProcess(line);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expectOneCleanLine(stderr, line.says);
    },
  );

  // Every eighth line, and the ones the issue quotes, through the real binary.
  const sample = badLines.filter(
    (line, index) =>
      index % 8 === 0 || line.argv.includes('-w') || line.argv.some((arg) => arg.includes('\u001b')),
  );
  describe.runIf(built)('through the built binary', () => {
    it.each(sample.map((line) => [nameOf(line), line] as const))('%s', (_name, line) => {
      const result = spawnSync(process.execPath, [cli, ...line.argv], {
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '' },
        timeout: 20_000,
      });
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      expectOneCleanLine(result.stderr, line.says);
    });
  });
});
