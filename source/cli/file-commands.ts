// The commands that take a file and few options: init, replay, report, present. Each names what it takes, so
// an option meant for another command is one line saying so.

import path from 'node:path';
import type { Command } from './command-types.ts';
import { quoteValue } from './escape-text.ts';
import { defaults } from './option-specs.ts';
import { UsageError } from './usage-error.ts';

/** The options as read from the command line: a value, or `true` for a flag. */
export type Values = Map<string, string | true>;

/** Whether to paint colours: not with `--no-color`, a non-empty NO_COLOR (https://no-color.org) or TERM=dumb. */
export function colorOf(values: Values, env: NodeJS.ProcessEnv): boolean {
  return !(values.has('no-color') || (env.NO_COLOR ?? '') !== '' || env.TERM === 'dumb');
}

/** An option's value, when it was given one. */
export function text(values: Values, name: string): string | undefined {
  const value = values.get(name);
  return typeof value === 'string' ? value : undefined;
}

/** `concur-tui replay run.ndjson`: the file, and `--no-color`; nothing else applies to a recording. */
export function parseReplay(values: Values, extra: string[], env: NodeJS.ProcessEnv): Command {
  const [file, ...more] = extra;
  if (file === undefined) throw new UsageError('replay needs a recording: concur-tui replay run.ndjson');
  if (more.length > 0) throw new UsageError(`unexpected argument ${quoteValue(more[0] as string)}`);
  const option = [...values.keys()].find((name) => name !== 'no-color');
  if (option) {
    throw new UsageError(`replay takes a recording only, not --${option} (concur-tui replay run.ndjson)`);
  }
  return { command: 'replay', file, color: colorOf(values, env) };
}

export function parseReport(values: Values, extra: string[]): Command {
  const [file, ...more] = extra;
  if (file === undefined)
    throw new UsageError('report needs a recording: concur-tui report run.ndjson -o report.md');
  if (more.length > 0) throw new UsageError(`unexpected argument ${quoteValue(more[0] as string)}`);
  const option = [...values.keys()].find((name) => name !== 'no-color' && name !== 'output');
  if (option) throw new UsageError(`report takes a recording and -o only, not --${option}`);
  // Beside the working directory's other files, named after the recording: run.ndjson → run.md. A recording read
  // through a pipe (`report <(zcat run.ndjson.gz)`, which the shell names /dev/fd/63) has no name to give.
  const piped = /^\/(dev|proc\/(self|\d+))\/fd\/\d+$/.test(path.resolve(file));
  const output =
    text(values, 'output') ??
    (piped ? 'recording.md' : `${path.basename(file).replace(/\.(nd)?json$/i, '')}.md`);
  return { command: 'report', file, output };
}

export function parseInit(values: Values, extra: string[]): Command {
  const [file = defaults.initFile, ...more] = extra;
  if (more.length > 0) throw new UsageError(`unexpected argument ${quoteValue(more[0] as string)}`);
  const option = [...values.keys()].find((name) => name !== 'no-color');
  if (option)
    throw new UsageError(`init takes a file name only, not --${option} (concur-tui init ./task.js)`);
  return { command: 'init', file };
}

export function parsePresent(values: Values, extra: string[], env: NodeJS.ProcessEnv): Command {
  const [script, ...more] = extra;
  if (more.length > 0) throw new UsageError(`unexpected argument ${quoteValue(more[0] as string)}`);
  const option = [...values.keys()].find((name) => name !== 'no-color' && name !== 'check');
  if (option) throw new UsageError(`present takes --check and a script file only, not --${option}`);
  return {
    command: 'present',
    check: values.has('check'),
    color: colorOf(values, env),
    ...(script === undefined ? {} : { script }),
  };
}
