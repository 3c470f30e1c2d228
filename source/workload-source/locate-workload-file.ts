// Where a workload file is on disk when the run's own path (`Snapshot.workload.path`) is not there: a recording
// made in another folder or on another machine. Then the path is the command line's argument that names a file
// of that name (`--workload ./lib/task.js`), or else the file of that name in the working directory: a replay's
// command line names no workload.

import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the file was found: named on the command line, or guessed in the working directory by its name. */
export type WorkloadFileLocation = { path: string; from: 'arguments' | 'working directory' };

/** The path an argument names, if it could name a file: `./a.js`, `--workload=./a.js`, `-w./a.js`, `file:///a.js`. */
function argumentPath(argument: string): string | undefined {
  let value = argument;
  if (value.startsWith('--')) {
    const equals = value.indexOf('=');
    if (equals < 0) return undefined;
    value = value.slice(equals + 1);
  } else if (value.startsWith('-w') && value.length > 2) value = value.slice(2).replace(/^=/, '');
  else if (value.startsWith('-')) return undefined;
  if (value.startsWith('file:')) {
    try {
      return fileURLToPath(value.replace(/[?#].*$/, ''));
    } catch {
      return undefined;
    }
  }
  return value === '' ? undefined : value;
}

/**
 * The path of workload file `file` (a base name, as `Snapshot.workload.file` holds it): the last argument in
 * `argv` whose file has that name, resolved against `cwd`; else `file` in `cwd`.
 */
export function locateWorkloadFile(
  file: string,
  argv: readonly string[] = process.argv.slice(2),
  cwd: string = process.cwd(),
): WorkloadFileLocation {
  const named = argv
    .map(argumentPath)
    .filter((candidate): candidate is string => candidate !== undefined && path.basename(candidate) === file)
    .at(-1);
  if (named !== undefined) return { path: path.resolve(cwd, named), from: 'arguments' };
  return { path: path.resolve(cwd, path.basename(file)), from: 'working directory' };
}

/** A path as the overlay shows it: relative to `cwd` (`./lib/task.js`) when under it, else as it is. */
export function shownPath(file: string, cwd: string = process.cwd()): string {
  const relative = path.relative(cwd, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)
    ? `.${path.sep}${relative}`
    : file;
}
