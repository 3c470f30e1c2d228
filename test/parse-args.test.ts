import { describe, expect, it } from 'vitest';
import { parseCommandLine, UsageError } from '../source/cli/parse-args.ts';

function usageErrorOf(argv: string[]): string {
  try {
    parseCommandLine(argv);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error(`${JSON.stringify(argv)} was accepted`);
}

describe('parsing the command line', () => {
  it('opens the dashboard with defaults when given nothing', () => {
    expect(parseCommandLine([])).toMatchObject({
      command: 'dashboard',
      workload: 'cpu',
      model: 'async',
      mode: 'closed',
      concurrency: 8,
      color: true,
    });
  });

  it('names a report after its recording, and a piped recording with no name of its own recording.md', () => {
    const outputOf = (argv: string[]) => (parseCommandLine(argv) as { output?: string }).output;
    expect(outputOf(['report', 'talks/run.ndjson'])).toBe('run.md');
    expect(outputOf(['report', 'run.json'])).toBe('run.md');
    expect(outputOf(['report', 'run.ndjson', '-o', 'out.md'])).toBe('out.md');
    // bash's and zsh's names for a process substitution: not 63.md.
    expect(outputOf(['report', '/dev/fd/63'])).toBe('recording.md');
    expect(outputOf(['report', '/proc/self/fd/12'])).toBe('recording.md');
    expect(outputOf(['report', '/dev/fd/63', '-o', 'talk.md'])).toBe('talk.md');
  });

  it('reads a bench command with models, duration and knobs', () => {
    expect(
      parseCommandLine([
        'bench',
        '--workload',
        'io-timer',
        '--models',
        'workers,async',
        '-d',
        '2',
        '--latency',
        '20',
        '--json',
      ]),
    ).toMatchObject({
      command: 'bench',
      workload: 'io-timer',
      models: ['workers', 'async'],
      duration: 2,
      knobs: { latency: 20 },
      json: true,
    });
  });

  it('switches to the open loop when a rate is given', () => {
    expect(parseCommandLine(['--rate', '250'])).toMatchObject({ mode: 'open', rate: 250 });
    expect(parseCommandLine(['-r', '0.5'])).toMatchObject({ mode: 'open', rate: 0.5 });
  });

  it('reads a value in every form: separate, after =, and glued to a short option', () => {
    for (const argv of [['--concurrency', '16'], ['--concurrency=16'], ['-c', '16'], ['-c16'], ['-c=16']]) {
      expect(parseCommandLine(argv)).toMatchObject({ concurrency: 16 });
    }
    expect(parseCommandLine(['-wio-timer', '-mworkers'])).toMatchObject({
      workload: 'io-timer',
      model: 'workers',
    });
  });

  it('takes decimal numbers, leading zeros included, and lets the last occurrence win', () => {
    expect(parseCommandLine(['-c', '008'])).toMatchObject({ concurrency: 8 });
    expect(parseCommandLine(['bench', '-d', '0.25', '--warmup', '0'])).toMatchObject({
      duration: 0.25,
      warmup: 0,
    });
    expect(parseCommandLine(['-c', '4', '-c', '32'])).toMatchObject({ concurrency: 32 });
  });

  it('keeps a knob the current workload lacks, for the workloads that have it', () => {
    expect(parseCommandLine(['--latency', '10'])).toMatchObject({ workload: 'cpu', knobs: { latency: 10 } });
    expect(parseCommandLine(['-w', 'io-timer', '--size', '5'])).toMatchObject({ knobs: { size: 5 } });
  });

  it('checks a knob the current workload lacks against the range of the workloads that have it', () => {
    expect(usageErrorOf(['--latency', '60001'])).toMatch(/--latency takes a number from 0 to 60000 ms/);
    expect(usageErrorOf(['-w', 'io-timer', '--size', '0'])).toMatch(
      /--size takes a number from 1 to 1000000/,
    );
  });

  it('turns colour off for --no-color, a non-empty NO_COLOR and TERM=dumb, and only then', () => {
    expect(parseCommandLine(['--no-color'])).toMatchObject({ color: false });
    expect(parseCommandLine([], { NO_COLOR: '1' })).toMatchObject({ color: false });
    expect(parseCommandLine([], { TERM: 'dumb' })).toMatchObject({ color: false });
    expect(parseCommandLine([], { NO_COLOR: '' })).toMatchObject({ color: true });
    expect(parseCommandLine([], { TERM: 'xterm-256color' })).toMatchObject({ color: true });
  });

  it('records slices unless --no-slices, for the dashboard and bench alike', () => {
    expect(parseCommandLine([])).toMatchObject({ recordSlices: true });
    expect(parseCommandLine(['--no-slices'])).toMatchObject({ recordSlices: false });
    expect(parseCommandLine(['bench', '--no-slices'])).toMatchObject({
      command: 'bench',
      recordSlices: false,
    });
    expect(parseCommandLine(['bench'])).toMatchObject({ recordSlices: true });
  });

  it('answers --help and --version before anything else', () => {
    expect(parseCommandLine(['--help', '--workload', 'nope'])).toEqual({ command: 'help' });
    expect(parseCommandLine(['-v'])).toEqual({ command: 'version' });
    expect(parseCommandLine(['bench', '-hv'])).toEqual({ command: 'help' });
  });

  it('treats everything after -- as arguments, not options', () => {
    expect(usageErrorOf(['--', '-c'])).toBe(
      'unknown command "-c" (commands: bench, init, present, replay, report; no command opens the dashboard)',
    );
    expect(parseCommandLine(['--', 'bench'])).toMatchObject({ command: 'bench' });
  });

  it.each([
    ['-c', '--concurrency', '-3'],
    ['-c', '--concurrency', 'x'],
    ['-r', '--rate', '0'],
    ['-t', '--threads', '65'],
    ['-w', '--workload', 'nope'],
    ['-m', '--model', 'gpu'],
  ])('gives %s and %s the same error', (short, long, value) => {
    expect(usageErrorOf([short, value])).toBe(usageErrorOf([long, value]));
    expect(usageErrorOf([`${long}=${value}`])).toBe(usageErrorOf([long, value]));
    expect(usageErrorOf([short])).toBe(usageErrorOf([long]));
    expect(usageErrorOf([short])).toMatch(new RegExp(`^${long} needs a value \\(.+\\)$`));
  });

  it('names the range and the number grammar in every numeric error', () => {
    expect(usageErrorOf(['-c', '-3'])).toBe(
      '--concurrency takes a whole number from 1 to 200000 tasks in flight (decimal digits, e.g. 8), got "-3"',
    );
    expect(usageErrorOf(['bench', '-d', '-1'])).toBe(
      '--duration takes a number from 0.1 to 3600 s (decimal digits with an optional fraction, e.g. 2.5), got "-1"',
    );
  });
});
