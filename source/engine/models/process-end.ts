import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { FixedClusterPool } from 'poolifier';

/** How long a process may take to exit when asked before it is killed, ms. */
const killAfterMs = 500;

/**
 * Asks poolifier to end the pool's one process (`child`), and kills it if it has not exited within
 * `killAfterMs`: a process computing a task that never yields cannot answer poolifier's kill message, and
 * poolifier's destroy would wait for it forever. Resolves once the process has exited.
 */
export async function endProcess<Data, Response>(
  pool: FixedClusterPool<Data, Response>,
  child: ChildProcess | undefined,
): Promise<void> {
  const running = child !== undefined && child.exitCode === null && child.signalCode === null;
  const exited = running ? once(child, 'exit') : undefined;
  pool.destroy().catch(() => {});
  if (!exited) return;
  // A process stopped from outside (kill -STOP) acts on neither the message nor SIGTERM until it is continued.
  child?.kill('SIGCONT');
  const kill = setTimeout(() => child?.kill('SIGKILL'), killAfterMs);
  await exited;
  clearTimeout(kill);
}
