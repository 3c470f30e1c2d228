// Whether this process's group is the terminal's foreground group: what tcgetpgrp tells a C program, which Node
// does not expose. A job continued in the background (`bg`, or bash's `kill %1`, which sends SIGTERM and then
// SIGCONT to a stopped job) must leave the terminal's modes alone: the kernel stops a background process that sets
// them with SIGTTOU, wherever it stood, and a quit stopped halfway never finishes.

import { readFileSync } from 'node:fs';
import { statFields } from '../engine/metrics/proc-stat.ts';
import { type AfterSignalsReceived, afterNextPoll } from './stop-requests.ts';

/**
 * Reads a `/proc/<pid>/stat` line: false only when the process has a controlling terminal whose foreground group
 * is another than its own.
 */
export function foregroundFromStat(stat: string): boolean {
  // State, ppid, pgrp, session, tty_nr, tpgid.
  const fields = statFields(stat);
  const group = Number(fields[2]);
  const terminal = Number(fields[4]);
  const foregroundGroup = Number(fields[5]);
  if (!terminal || !(foregroundGroup > 0) || !(group > 0)) return true;
  return foregroundGroup === group;
}

/** Whether this process may set the terminal's modes now; true where /proc cannot tell (not Linux). */
export function inForegroundGroup(): boolean {
  try {
    return foregroundFromStat(readFileSync('/proc/self/stat', 'utf8'));
  } catch {
    return true;
  }
}

export type ForegroundWait = {
  /** Whether the process's group owns the terminal. @default inForegroundGroup */
  inForeground?: () => boolean;
  /** Stops the process as for tty output. @default sends SIGTTOU to this process */
  stop?: () => void;
  /** Calls `then` once the signals received by now have reached their listeners. @default afterNextPoll */
  afterSignalsReceived?: AfterSignalsReceived;
};

/**
 * Resolves once the process's group owns the terminal, or once `signal` aborts. Started in the background
 * (`concur-tui &`), the process stops as for tty output, as a full-screen program does, until `fg`; a quit that
 * comes with a continue (`kill %1`: SIGTERM, then SIGCONT) ends the wait before the terminal is touched.
 */
export async function untilForeground(
  signal: AbortSignal,
  {
    inForeground = inForegroundGroup,
    stop = () => process.kill(process.pid, 'SIGTTOU'),
    afterSignalsReceived = afterNextPoll,
  }: ForegroundWait = {},
): Promise<void> {
  while (!signal.aborted && !inForeground()) {
    stop();
    // Continued: a quit sent with the continue is read before the terminal is looked at again.
    await new Promise<void>((resolve) => afterSignalsReceived(resolve));
  }
}
