// The first phase of reading the command line: find `--workload` (and `--load-timeout`) before the rest is
// known, because a workload file's knobs are flags and only the file can say which. Every other long option is
// taken to carry a value here (a file's knob flags do); the second phase checks them all properly.

import { stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { defaultLoadTimeoutMs, findWorkload, loadWorkload } from '../../workloads/index.ts';
import type { WorkloadFile } from '../engine/engine-options.ts';
import { workloadFileName } from '../engine/workload-file-name.ts';
import { quoteValue } from './escape-text.ts';
import type { OptionSpec } from './read-argv.ts';
import { UsageError } from './usage-error.ts';

/** What the first phase reads: the raw `--workload` and `--load-timeout` values, if given (the last wins). */
export type WorkloadArgument = { workload?: string; loadTimeout?: string };

/** Finds `--workload`/`-w` and `--load-timeout` in `argv`; `specs` says which short letters and long names are booleans. */
export function readWorkloadArgument(
  argv: readonly string[],
  specs: readonly OptionSpec[],
): WorkloadArgument {
  const found: WorkloadArgument = {};
  const booleanLong = new Set(specs.filter((spec) => spec.type === 'boolean').map((spec) => spec.name));
  const byShort = new Map(specs.flatMap((spec) => (spec.short ? [[spec.short, spec] as const] : [])));
  const keep = (name: string, value: string | undefined) => {
    if (value === undefined) return;
    if (name === 'workload') found.workload = value;
    if (name === 'load-timeout') found.loadTimeout = value;
  };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] as string;
    if (arg === '--') break;
    if (arg.startsWith('--')) {
      const equals = arg.indexOf('=');
      const name = equals === -1 ? arg.slice(2) : arg.slice(2, equals);
      if (booleanLong.has(name)) continue;
      keep(name, equals === -1 ? argv[++index] : arg.slice(equals + 1));
      continue;
    }
    if (arg.startsWith('-') && arg !== '-') {
      const letters = [...arg.slice(1)];
      for (let at = 0; at < letters.length; at++) {
        const spec = byShort.get(letters[at] as string);
        if (!spec || spec.type === 'boolean') continue;
        const rest = letters.slice(at + 1).join('');
        keep(spec.name, rest !== '' ? rest.replace(/^=/, '') : argv[++index]);
        break;
      }
    }
  }
  return found;
}

const fileEndings = /\.(js|mjs|cjs|ts|mts)$/i;

/** A `--workload` value that names a file rather than a built-in: it has a slash or a script's ending. */
export function looksLikeWorkloadFile(value: string): boolean {
  return !findWorkload(value) && (value.includes('/') || value.includes('\\') || fileEndings.test(value));
}

/** Node strips TypeScript types without a flag from 22.18 and 23.6; `process.features.typescript` says so. */
function stripsTypes(): boolean {
  return Boolean((process.features as { typescript?: unknown }).typescript);
}

/**
 * Loads the workload file `value` names (resolved against `cwd`), within `loadTimeoutMs`, or throws a
 * `UsageError`: one line naming the file.
 */
export async function loadWorkloadFile(
  value: string,
  options: { cwd?: string; loadTimeoutMs?: number } = {},
): Promise<WorkloadFile> {
  const file = path.resolve(options.cwd ?? process.cwd(), value);
  const url = pathToFileURL(file).href;
  const name = workloadFileName(url);
  if (/\.m?ts$/i.test(file) && !stripsTypes()) {
    throw new UsageError(
      `workload file ${name} is TypeScript, which Node ${process.versions.node} cannot run without a flag: ` +
        'it needs Node 22.18, 23.6 or newer (or write the file in JavaScript)',
    );
  }
  const found = await stat(file).catch(() => undefined);
  if (!found) throw new UsageError(`cannot load workload file ${name}: not found`);
  if (!found.isFile()) throw new UsageError(`cannot load workload file ${name}: it is not a file`);
  let workload: WorkloadFile['workload'];
  try {
    workload = await loadWorkload(url, options.loadTimeoutMs ?? defaultLoadTimeoutMs);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (findWorkload(workload.name)) {
    throw new UsageError(
      `workload file ${name} is named ${quoteValue(workload.name)} like a built-in workload: give it another name`,
    );
  }
  return { url, workload };
}
