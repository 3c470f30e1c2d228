// What the fault-injection tests need from the machine, and the one way they run a process under a limit.

import { execFile, execFileSync } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const repositoryRoot = path.resolve(import.meta.dirname, '../..');
const asNobody = ['--reuid=65534', '--regid=65534', '--clear-groups'];

/** Whether `command args` runs and exits 0 here. */
export function runs(command: string, args: readonly string[]): boolean {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Why this machine cannot run a process as `nobody` under a process limit, or undefined when it can.
 * RLIMIT_NPROC does not bind root and counts every process and thread of the user, so the limited process runs
 * as `nobody`, which only root can switch to.
 */
export function cannotLimitProcesses(): string | undefined {
  if (process.platform !== 'linux') return 'process limits per user are a Linux test here';
  if (process.getuid?.() !== 0) return 'needs root, to run the limited process as another user';
  for (const tool of ['prlimit', 'setpriv']) {
    if (!runs(tool, ['--version'])) return `needs ${tool} (util-linux)`;
  }
  // A checkout in a private folder (mktemp -d makes it 0700) is out of nobody's reach, and so is its Node.
  const reach = `require('node:fs').accessSync(${JSON.stringify(repositoryRoot)}, require('node:fs').constants.R_OK)`;
  if (!runs('setpriv', [...asNobody, process.execPath, '-e', reach])) {
    return 'the nobody user cannot reach this checkout or its Node (a private folder)';
  }
  return undefined;
}

/** Runs `node …args` as `nobody` under `ulimit -u limit`; resolves with its standard output. */
export async function runAsNobodyWithProcessLimit(
  limit: number,
  args: readonly string[],
  timeoutMs = 30_000,
): Promise<string> {
  const { stdout } = await promisify(execFile)(
    'setpriv',
    [...asNobody, 'prlimit', `--nproc=${limit}:${limit}`, process.execPath, ...args],
    { timeout: timeoutMs },
  );
  return stdout;
}
