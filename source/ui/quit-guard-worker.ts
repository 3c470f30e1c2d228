// The quit guard's thread (quit-guard.ts). It runs a loop of its own that sleeps on the shared state between
// checks, so nothing the main thread does, or fails to do, holds it.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, readSync, writeSync } from 'node:fs';
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { statFields } from '../engine/metrics/proc-stat.ts';
import { inForegroundGroup } from './foreground.ts';
import { HeldLoopWatch } from './held-loop.ts';
import { type GuardData, guardSlots } from './quit-guard-state.ts';
import { endSynchronizedUpdate, leaveAlternateScreen, resetStyle, showCursor } from './terminal-codes.ts';

// The modes libuv's raw mode clears (Ink's setRawMode), set again: what a shell's terminal has. Node would restore
// the terminal's own modes on its way out, but a process killed from this thread never gets there.
const cookedModes = ['brkint', 'icrnl', 'ixon', 'echo', 'icanon', 'iexten', 'isig'];

const data = workerData as GuardData;
const state = new Int32Array(data.state);
const watch = new HeldLoopWatch(data.options);
const buffer = Buffer.alloc(1024);

/** The keys waiting on the terminal, read without waiting; `gone` when the terminal has hung up. */
function readKeys(): { keys: Buffer; gone: boolean } {
  const chunks: Buffer[] = [];
  for (;;) {
    try {
      const count = readSync(data.stdinFd, buffer, 0, buffer.length, null);
      if (count === 0) return { keys: Buffer.concat(chunks), gone: true };
      chunks.push(Buffer.from(buffer.subarray(0, count)));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return { keys: Buffer.concat(chunks), gone: code !== 'EAGAIN' && code !== 'EINTR' };
    }
  }
}

/** The processes whose parent is `pid`, read from /proc (none where it cannot be read). */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc');
  } catch {
    return children;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // State, then ppid.
      if (Number(statFields(stat)[1]) === pid) children.push(Number(entry));
    } catch {
      // Ended while we looked.
    }
  }
  return children;
}

/** What to print after a quit, as the main thread last sent it; read at every look, so that none pile up. */
let parting: string | undefined;
function readParting(): void {
  if (!data.parting) return;
  for (
    let received = receiveMessageOnPort(data.parting);
    received;
    received = receiveMessageOnPort(data.parting)
  ) {
    parting = received.message as string | undefined;
  }
}

/**
 * Gives the terminal back as the dashboard would have, prints the final scoreboard as last made, says why in one
 * line, and ends the process.
 */
function end(heldMs: number, terminalGone: boolean): never {
  if (!terminalGone) {
    try {
      writeSync(data.stdoutFd, endSynchronizedUpdate + resetStyle + leaveAlternateScreen + showCursor);
      spawnSync('stty', cookedModes, { stdio: [data.stdinFd, 'ignore', 'ignore'], timeout: 500 });
      readParting();
      if (parting) writeSync(data.stdoutFd, parting);
      const after = parting ? '; the scoreboard above is from before it' : ', without the final scoreboard';
      writeSync(
        data.stderrFd,
        `concur-tui: quit while a task held the event loop for ${(heldMs / 1000).toFixed(1)} s${after}\n`,
      );
    } catch {
      // The terminal went meanwhile; the process ends all the same.
    }
  }
  // The pool processes and the loopback server would end with their parent (process-orphan-watch.ts), a moment
  // later; ended first, none outlives it. process.exit() from a thread would end only the thread.
  for (const child of childrenOf(process.pid)) {
    try {
      process.kill(child, 'SIGKILL');
    } catch {
      // Gone already.
    }
  }
  process.kill(process.pid, 'SIGKILL');
  throw new Error('unreachable: the process was killed');
}

while (Atomics.wait(state, guardSlots.stop, 0, data.pollMs) === 'timed-out') {
  const now = performance.now();
  readParting();
  if (!watch.beat(now, Atomics.load(state, guardSlots.beat))) continue;
  // From the background a read would stop the whole process (SIGTTIN); the terminal is the shell's then.
  if (!inForegroundGroup()) continue;
  const { keys, gone } = readKeys();
  if (keys.length > 0) {
    // The loop reads them once it is free again, as if it had read them itself.
    parentPort?.postMessage(keys);
    watch.read(now, keys.toString('latin1'));
  }
  if (gone) end(watch.heldFor(now), true);
  if (watch.mustEnd(now)) end(watch.heldFor(now), false);
}
