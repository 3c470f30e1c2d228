// How the process ends. Once a command has finished (engine stopped, terminal restored, output written),
// nothing it left behind may keep the process alive: a task's 60 s timer or an idle socket would otherwise
// hold the prompt for up to a minute after `q`, and make `bench` take 15 s while reporting 1.5 s.

import { writeSync } from 'node:fs';
import { inForegroundGroup } from '../ui/foreground.ts';
import { type QuitSignal, quitSignalOf } from './quit-signals.ts';

type Stream = NodeJS.WriteStream;

/** Longest wait for the terminal or a pipe to take the last output before exiting anyway, ms. */
const flushTimeoutMs = 1000;

/** How long listeners left for a quit signal get to end the process by it before SIGKILL does, ms. */
const signalGraceMs = 500;

function flushed(stream: Stream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || !stream.writable) return resolve();
    try {
      // The callback of an empty write runs once everything written before it has been handed to the OS.
      stream.write('', () => resolve());
    } catch {
      resolve();
    }
  });
}

/**
 * Waits (at most a second) until stdout and stderr have taken what was written, then exits with `code`; a quit on
 * a signal while the job is in the background ends by that signal instead (`endBySignal`).
 */
export async function exitWhenFlushed(code: number, streams: Stream[] = [process.stdout, process.stderr]) {
  // Should the loop empty while a write is stuck, the process still ends with this code.
  process.exitCode = code;
  const deadline = new Promise<void>((resolve) => setTimeout(resolve, flushTimeoutMs).unref());
  await Promise.race([Promise.all(streams.map(flushed)), deadline]);
  const signal = quitSignalOf(code);
  if (signal && process.stdin.isTTY && !inForegroundGroup()) {
    endBySignal(signal);
    return;
  }
  process.exit(code);
}

/**
 * Ends the process by `signal`'s default action, as a shell expects of a job killed by it. Node's own exit first
 * sets the terminal's modes back as they were at its start, without regard to whether the job is in the
 * background (nodejs/node#35536): after `kill %1` on a stopped dashboard (SIGTERM, then SIGCONT) the kernel stopped
 * it there with SIGTTOU, the quit done but the job left stopped. The terminal is the shell's by then, handed back
 * at the stop.
 */
function endBySignal(signal: QuitSignal): void {
  // Adding and removing a listener leaves the signal's default action, once no one else listens for it.
  const none = () => {};
  process.on(signal, none);
  process.off(signal, none);
  // A listener left (signal-exit, which Ink loads, runs its handlers and then sends the signal again with its
  // default action) gets a moment first; the timer keeps the process from exiting meanwhile.
  setTimeout(() => process.kill(process.pid, 'SIGKILL'), signalGraceMs);
  process.kill(process.pid, signal);
}

/**
 * A closed stdout (`concur-tui bench | head -0`) ends the process quietly with exit 0: the reader has all it
 * wanted. Any other write error (a full disk) is one line on stderr and exit 1, never an unhandled 'error'.
 */
export function guardOutput(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    try {
      writeSync(2, `concur-tui: cannot write the output: ${error.message}\n`);
    } catch {
      // stderr is gone too: the exit code is all that is left.
    }
    process.exit(1);
  });
  // Nowhere left to report a broken stderr; the exit code still says how the command ended.
  process.stderr.on('error', () => {});
}
