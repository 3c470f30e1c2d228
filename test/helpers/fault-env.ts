// What the fault-injection tests need from the machine, and the one way they run a process under a limit.

import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';

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
    [
      '--reuid=65534',
      '--regid=65534',
      '--clear-groups',
      'prlimit',
      `--nproc=${limit}:${limit}`,
      process.execPath,
      ...args,
    ],
    { timeout: timeoutMs },
  );
  return stdout;
}
