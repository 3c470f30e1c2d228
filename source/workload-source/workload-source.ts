// The text of the running workload's file, for the dashboard's `c`: a built-in's from the bundle, a workload
// file's read from disk (asynchronously, only once asked for). A file that cannot be read gives one line saying
// why, never an error.

import { readFile } from 'node:fs/promises';
import type { Snapshot } from '../engine/types.ts';
import { builtinSource, builtinSourcePath } from './builtin-sources.ts';
import { locateWorkloadFile, shownPath, type WorkloadFileLocation } from './locate-workload-file.ts';

/** What names a workload's code: its name, its file (for a workload file) and the file's code version. */
export type WorkloadIdentity = Pick<Snapshot['workload'], 'name' | 'file' | 'codeVersion' | 'path'>;

/** A workload's code, or why it cannot be shown. */
export type WorkloadSource = {
  /** `workloadKey` of the workload it is the code of. */
  key: string;
  name: string;
  /** Where the text is from, as the overlay's title names it (`workloads/cpu.ts`, `./task.js`). */
  where: string;
  /** The file's text. Unset when it could not be read, or while it is being read. */
  text?: string;
  /** Why there is no text, in one line. @default none */
  problem?: string;
  /** Something the audience should know about where the text is from, in a few words. @default none */
  note?: string;
  /** Whether the file is still being read. @default false */
  loading?: boolean;
};

/** The key that tells one workload's code from another's: a reload (new code version) is new code. */
export function workloadKey(workload: WorkloadIdentity): string {
  return `${workload.name}\u0000${workload.path ?? workload.file ?? ''}\u0000${workload.codeVersion ?? 1}`;
}

/** Files longer than this are not shown: the overlay is for a task function, not a bundle. */
export const maxSourceBytes = 1024 * 1024;

/** A built-in workload's code, at once (it is in the bundle); undefined for a workload file. */
export function builtinWorkloadSource(workload: WorkloadIdentity): WorkloadSource | undefined {
  if (workload.file !== undefined) return undefined;
  const text = builtinSource(workload.name);
  const key = workloadKey(workload);
  const where = builtinSourcePath(workload.name);
  if (text === undefined) {
    return {
      key,
      name: workload.name,
      where,
      problem: `no code is known for a workload named ${workload.name}`,
    };
  }
  return { key, name: workload.name, where, text };
}

/** A workload file's code while it is being read. */
export function loadingWorkloadSource(workload: WorkloadIdentity): WorkloadSource {
  return { key: workloadKey(workload), name: workload.name, where: workload.file ?? '', loading: true };
}

/** Why a read failed, in a few words. */
function readProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file (deleted or moved?)';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    default:
      return code ?? String((error as Error | undefined)?.message ?? error).split('\n')[0] ?? 'unknown error';
  }
}

export type ReadSourceOptions = {
  /** Finds the file of a base name. @default locateWorkloadFile (the command line, then the working directory) */
  locate?: (file: string) => WorkloadFileLocation;
  /** Reads a file's bytes. @default fs.promises.readFile */
  read?: (path: string) => Promise<Buffer>;
  /** What paths are shown relative to. @default process.cwd() */
  cwd?: string;
};

/** The workload's code: a built-in's from the bundle, a workload file's read from disk; never rejects. */
export async function readWorkloadSource(
  workload: WorkloadIdentity,
  options: ReadSourceOptions = {},
): Promise<WorkloadSource> {
  const builtin = builtinWorkloadSource(workload);
  if (builtin) return builtin;
  const key = workloadKey(workload);
  const file = workload.file as string;
  const { name } = workload;
  try {
    const read = options.read ?? readFile;
    // The run's own path first, read once; where it is gone (a recording from elsewhere), the file by its name.
    const own = workload.path === undefined ? undefined : await read(workload.path).catch(() => undefined);
    const location =
      own && workload.path !== undefined
        ? { path: workload.path, from: 'arguments' as const }
        : (options.locate ?? locateWorkloadFile)(file);
    const where = shownPath(location.path, options.cwd);
    const note =
      location.from === 'working directory' ? `the run named ${file}: this is the one here` : undefined;
    let bytes: Buffer;
    try {
      bytes = own ?? (await read(location.path));
    } catch (error) {
      const guessed =
        location.from === 'working directory' && (error as NodeJS.ErrnoException).code === 'ENOENT';
      const problem = guessed
        ? // A recording names the file, not its folder.
          `no ${file} here: run the replay in the folder that holds it`
        : // The file's name only: its path is in the overlay's title, and a long one would cut the reason off.
          `cannot read ${file}: ${readProblem(error)}`;
      return { key, name, where, problem };
    }
    if (bytes.length > maxSourceBytes) {
      const size = (bytes.length / 1024 / 1024).toFixed(1);
      return { key, name, where, problem: `${file} is ${size} MB: too long to show` };
    }
    return { key, name, where, text: bytes.toString('utf8'), ...(note ? { note } : {}) };
  } catch (error) {
    return { key, name, where: file, problem: `cannot read ${file}: ${readProblem(error)}` };
  }
}
