import { describe, expect, it } from 'vitest';
import { parseCommandLine, UsageError } from '../source/cli/parse-args.ts';

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
  });

  it('turns colour off for --no-color, NO_COLOR and TERM=dumb', () => {
    expect(parseCommandLine(['--no-color'])).toMatchObject({ color: false });
    expect(parseCommandLine([], { NO_COLOR: '1' })).toMatchObject({ color: false });
    expect(parseCommandLine([], { TERM: 'dumb' })).toMatchObject({ color: false });
  });

  it('answers --help and --version before anything else', () => {
    expect(parseCommandLine(['--help', '--workload', 'nope'])).toEqual({ command: 'help' });
    expect(parseCommandLine(['-v'])).toEqual({ command: 'version' });
  });

  const badInputs: [string[], RegExp][] = [
    [['--frobnicate'], /unknown option "--frobnicate"/],
    [['-x'], /unknown option "-x"/],
    [
      ['--workload', 'nope'],
      /unknown workload "nope" \(choose from cpu, io-http, io-timer, blocking, mixed\)/,
    ],
    [['--workload'], /--workload needs a value/],
    [['--model', 'threads'], /unknown model "threads" \(choose from async, workers\)/],
    [['--concurrency', '-3'], /--concurrency must be from 1 to/],
    [['--concurrency', '0'], /--concurrency must be from 1 to/],
    [['--concurrency', 'ten'], /--concurrency must be a number/],
    [['--concurrency', '2.5'], /--concurrency must be a whole number/],
    [['--concurrency', ''], /--concurrency must be a number/],
    [['--threads', '1000'], /--threads must be from 1 to 64/],
    [['--threads', '0'], /--threads must be from 1 to 64/],
    [['--rate', '0'], /--rate must be from 0.1 to/],
    [['--rate', '5', '--concurrency', '5'], /exclude each other/],
    [['--size', '-1'], /--size must be from/],
    [
      ['--workload', 'io-timer', '--size', '5'],
      /workload "io-timer" has no --size knob \(its knobs: --latency\)/,
    ],
    [['bench', '--duration', '0'], /--duration must be from 0.1 to 3600/],
    [['bench', '--duration', 'NaN'], /--duration must be a number/],
    [['bench', '--models', 'async,async'], /lists a model twice/],
    [['bench', '--models', 'async,'], /comma-separated list/],
    [['bench', '--models', 'async,gpu'], /unknown model "gpu"/],
    [['bench', '--model', 'async'], /--model is for the dashboard; bench takes --models/],
    [['--json'], /--json is for bench/],
    [['--duration', '5'], /--duration is for bench/],
    [['serve'], /unknown command "serve"/],
    [['bench', 'extra'], /unexpected argument "extra"/],
  ];

  it.each(badInputs)('rejects %j with one line naming the problem', (argv, message) => {
    let caught: unknown;
    try {
      parseCommandLine(argv);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UsageError);
    expect((caught as Error).message).toMatch(message);
    expect((caught as Error).message).not.toContain('\n');
  });
});
