// How the process ends. Once a command has finished (engine stopped, terminal restored, output written),
// nothing it left behind may keep the process alive: a task's 60 s timer or an idle socket would otherwise
// hold the prompt for up to a minute after `q`, and make `bench` take 15 s while reporting 1.5 s.

import { writeSync } from 'node:fs';

type Stream = NodeJS.WriteStream;

/** Longest wait for the terminal or a pipe to take the last output before exiting anyway, ms. */
const flushTimeoutMs = 1000;

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

/** Waits (at most a second) until stdout and stderr have taken what was written, then exits with `code`. */
export async function exitWhenFlushed(code: number, streams: Stream[] = [process.stdout, process.stderr]) {
  // Should the loop empty while a write is stuck, the process still ends with this code.
  process.exitCode = code;
  const deadline = new Promise<void>((resolve) => setTimeout(resolve, flushTimeoutMs).unref());
  await Promise.race([Promise.all(streams.map(flushed)), deadline]);
  process.exit(code);
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
