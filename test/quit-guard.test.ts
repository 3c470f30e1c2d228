import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from './helpers/wait-for.ts';

// The quit guard's thread, run for real in a process of its own whose event loop a task holds; the terminal is a
// FIFO for keys and files for what is written, so what the guard reads, hands back and writes can be checked.

const script = path.join(import.meta.dirname, 'fixtures/quit-guard-run.ts');
const running: ChildProcess[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const child of running.splice(0)) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Starts the fixture holding its loop for `holdMs` once it says so; `type` writes keys to its terminal. */
async function heldFor(holdMs: number | string, graceMs?: number, env: Record<string, string> = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'quit-guard-'));
  dirs.push(dir);
  const keys = path.join(dir, 'keys');
  execFileSync('mkfifo', [keys]);
  const files = { out: path.join(dir, 'out'), err: path.join(dir, 'err') };
  const child = spawn(
    process.execPath,
    [script, keys, files.out, files.err, String(holdMs), ...(graceMs === undefined ? [] : [String(graceMs)])],
    { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } },
  );
  running.push(child);
  let printed = '';
  child.stdout?.on('data', (chunk) => {
    printed += String(chunk);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: performance.now() })),
  );
  await waitFor(() => printed.includes('holding'), { timeoutMs: 10_000, what: 'the loop to be held' });
  const heldAt = performance.now();
  const type = (text: string) => {
    const fd = openSync(keys, constants.O_WRONLY | constants.O_NONBLOCK);
    writeSync(fd, text);
    closeSync(fd);
  };
  return { exited, heldAt, type, printed: () => printed, files };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the quit guard', () => {
  it('q while the loop is held for good: the terminal is given back, the scoreboard printed, the process ended', async () => {
    const scoreboard = 'model  done/s\nasync  12.0/s\n';
    const run = await heldFor(60_000, undefined, { PARTING: scoreboard });
    await sleep(500);
    const typedAt = performance.now();
    run.type('xq');
    const { signal, at } = await run.exited;
    expect(signal).toBe('SIGKILL');
    // Read within the guard's next look, then the grace for the loop to come back: within a second.
    expect(at - typedAt).toBeLessThan(1000);
    const written = readFileSync(run.files.out, 'latin1');
    // The normal screen and the cursor back first, then the scoreboard on it.
    expect(written).toBe(`\u001B[?2026l\u001B[0m\u001B[?1049l\u001B[?25h${scoreboard}`);
    expect(readFileSync(run.files.err, 'utf8')).toMatch(
      /^concur-tui: quit while a task held the event loop for \d+\.\d s; the scoreboard above is from before it\n$/,
    );
  });

  it('Ctrl-C does the same; a q inside an escape sequence does not', async () => {
    const run = await heldFor(60_000);
    await sleep(500);
    // An SGR mouse report and a function key whose bytes hold a `q`, then Ctrl-C.
    run.type('\u001B[<0;12;5q\u001BOq');
    await sleep(400);
    expect(run.printed()).not.toContain('handed');
    const typedAt = performance.now();
    run.type('\u0003');
    const { signal, at } = await run.exited;
    expect(signal).toBe('SIGKILL');
    expect(at - typedAt).toBeLessThan(1000);
    // With no scoreboard to print, the line says so.
    expect(readFileSync(run.files.out, 'latin1').endsWith('\u001B[?25h')).toBe(true);
    expect(readFileSync(run.files.err, 'utf8')).toMatch(
      /^concur-tui: quit while a task held the event loop for \d+\.\d s, without the final scoreboard\n$/,
    );
  });

  it('keys typed while the loop is held, not a quit, reach the loop in order once it is free, and nothing ends', async () => {
    const run = await heldFor(1500);
    await sleep(450);
    run.type('wa');
    await sleep(150);
    run.type('?');
    const { code, signal } = await run.exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(run.printed()).toContain(JSON.stringify({ handed: 'wa?' }));
    expect(readFileSync(run.files.out, 'latin1')).toBe('');
  });

  it('a q the loop comes back in time for is the loop’s own: handed to it, and the process goes on', async () => {
    // Held 1 s, a grace of 0.6 s: the q is read some 0.6 s in, and the loop is back before the grace ends.
    const run = await heldFor(1000, 600);
    await sleep(600);
    run.type('q');
    const { code, signal } = await run.exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(run.printed()).toContain(JSON.stringify({ handed: 'q' }));
  });

  it('a loop held in long turns, as a heavy workload holds it, takes its q itself with the guard as it ships', async () => {
    // Turns of 650 ms, the keys typed just as one begins: the guard reads them 300 ms in, and the loop is back
    // before the grace after a quit key ends (with a grace of 200 ms it was not, and the guard ended the run).
    const run = await heldFor('650x5');
    for (const [turn, key] of [
      [2, 'w'],
      [3, 'q'],
    ] as const) {
      await waitFor(() => run.printed().includes(`hold ${turn}`), { everyMs: 2, what: `turn ${turn}` });
      run.type(key);
    }
    const { code, signal } = await run.exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(run.printed()).toContain(JSON.stringify({ handed: 'wq' }));
  });
});
