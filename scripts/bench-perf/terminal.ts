import { type ChildProcessWithoutNullStreams, execFile, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** The repository's Node (24), the one every npm script runs; the benchmarks spawn it, never the system's. */
export const nodeBinary = process.execPath;
export const repositoryRoot = path.resolve(import.meta.dirname, '../..');
export const cliPath = path.join(repositoryRoot, 'dist/cli.js');

export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", "'\\''")}'`;
}

/** `argv` as a shell command line. */
export function commandLine(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}

/** A shell command line that replaces the shell with `argv`, so the pane's pid is the program's. */
export function execLine(argv: readonly string[]): string {
  return `exec ${commandLine(argv)}`;
}

export type TerminalOptions = { columns: number; rows: number };

/**
 * One program in a real terminal: a tmux pane of exactly `columns`×`rows` (no status line), on a tmux server
 * of its own, so closing it never races another terminal. The pane stays after the program exits.
 */
export class Terminal {
  readonly #socket: string;
  readonly #dir: string;
  readonly #target = 'bench';

  constructor(commandLine: string, { columns, rows }: TerminalOptions) {
    this.#dir = mkdtempSync(path.join(tmpdir(), 'concur-bench-'));
    this.#socket = path.basename(this.#dir);
    const config = path.join(this.#dir, 'tmux.conf');
    writeFileSync(config, 'set -g status off\nset -g remain-on-exit on\n');
    execFileSync(
      'tmux',
      [
        '-L',
        this.#socket,
        '-f',
        config,
        'new-session',
        '-d',
        '-s',
        this.#target,
        '-x',
        String(columns),
        '-y',
        String(rows),
        commandLine,
      ],
      { stdio: 'ignore' },
    );
  }

  /** Runs a tmux command on this terminal's server and returns its output. */
  async tmux(...args: string[]): Promise<string> {
    const { stdout } = await execFileAsync('tmux', ['-L', this.#socket, ...args], { encoding: 'utf8' });
    return stdout;
  }

  /** What the pane shows; with `colours`, with the escape codes of its colours and styles too. */
  async screen(colours = false): Promise<string> {
    return this.tmux('capture-pane', '-p', ...(colours ? ['-e'] : []), '-t', this.#target);
  }

  async press(...keys: string[]): Promise<void> {
    await this.tmux('send-keys', '-t', this.#target, ...keys);
  }

  /** A tmux format variable of the pane, or of the window named `window` in this terminal's session. */
  async paneValue(name: string, window?: string): Promise<string> {
    const target = window === undefined ? this.#target : `${this.#target}:${window}`;
    return (await this.tmux('display-message', '-p', '-t', target, `#{${name}}`)).trim();
  }

  /** Pid of the program in the pane, or in the window named `window` (the shell exec'd it). */
  async pid(window?: string): Promise<number> {
    return Number(await this.paneValue('pane_pid', window));
  }

  /** Polls the screen until `pattern` shows; returns that screen. */
  async waitForScreen(pattern: RegExp, what: string, timeoutMs = 15_000): Promise<string> {
    const deadline = performance.now() + timeoutMs;
    let last = '';
    while (performance.now() < deadline) {
      last = await this.screen();
      if (pattern.test(last)) return last;
      await delay(20);
    }
    throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; the screen was:\n${last}`);
  }

  /** Closes the window named `window`, which hangs up on its program. */
  async killWindow(window: string): Promise<void> {
    await this.tmux('kill-window', '-t', `${this.#target}:${window}`);
  }

  /** Streams what programs write to the pane, as tmux receives it from the pty (control mode). */
  watchOutput(): OutputWatch {
    return new OutputWatch(this.#socket, this.#target);
  }

  close(): void {
    try {
      execFileSync('tmux', ['-L', this.#socket, 'kill-server'], { stdio: 'ignore' });
    } catch {
      // Already gone.
    }
    rmSync(this.#dir, { recursive: true, force: true });
  }
}

/**
 * A tmux control-mode client attached to a terminal: tmux reports every write to a pane of the session as an
 * `%output` line the moment it reads it from the pty, so the time text appears on screen is known without
 * polling. Commands sent through it run in the same client, so their timing is not skewed by starting a tmux
 * process. Start each program in a new window (`new-window`), not by respawning a pane: with tmux 3.3, after
 * `respawn-pane -k` replaced a dashboard on a loaded machine, the next program's output sometimes never came
 * as `%output` although it was on the screen.
 */
export class OutputWatch {
  readonly #client: ChildProcessWithoutNullStreams;
  #pending = '';
  #seen = '';
  #waiter: { text: string; resolve: (at: number) => void } | undefined;

  constructor(socket: string, target: string) {
    this.#client = spawn('tmux', ['-L', socket, '-C', 'attach-session', '-t', target]);
    this.#client.stdout.setEncoding('utf8');
    this.#client.stdout.on('data', (chunk: string) => this.#read(chunk, performance.now()));
  }

  #read(chunk: string, at: number): void {
    this.#pending += chunk;
    let end = this.#pending.indexOf('\n');
    while (end >= 0) {
      const line = this.#pending.slice(0, end);
      this.#pending = this.#pending.slice(end + 1);
      if (line.startsWith('%output ')) {
        // `%output %<pane> <data>`; the data keeps printable ASCII as is.
        this.#seen += line.slice(line.indexOf(' ', 8) + 1);
        if (this.#waiter && this.#seen.includes(this.#waiter.text)) {
          this.#waiter.resolve(at);
          this.#waiter = undefined;
        }
      }
      end = this.#pending.indexOf('\n');
    }
  }

  /**
   * Sends a tmux command (e.g. new-window) and resolves with the time from sending it to the moment `text`
   * first appears in the pane's output, ms.
   */
  timeUntil(command: string, text: string, timeoutMs = 15_000): Promise<number> {
    this.#seen = '';
    return new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiter = undefined;
        reject(
          new Error(
            `timed out after ${timeoutMs} ms waiting for "${text}" in the pane; it showed: ${this.#seen.slice(-500)}`,
          ),
        );
      }, timeoutMs);
      const sentAt = performance.now();
      this.#waiter = {
        text,
        resolve: (at) => {
          clearTimeout(timer);
          resolve(at - sentAt);
        },
      };
      this.#client.stdin.write(`${command}\n`);
    });
  }

  /** Sends a tmux command without waiting for anything. */
  send(command: string): void {
    this.#client.stdin.write(`${command}\n`);
  }

  close(): void {
    this.#client.stdin.end();
    this.#client.kill();
  }
}

/** Whether process `pid` still runs: it has a /proc entry and is not a zombie waiting to be reaped. */
export function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/**
 * Resolves once process `pid` has exited, or rejects after `timeoutMs`. A zombie counts as exited: tmux 3.3
 * with remain-on-exit sometimes leaves a pane's program unreaped for as long as the pane stays.
 */
export async function waitForExit(pid: number, timeoutMs = 10_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (isRunning(pid)) {
    if (performance.now() > deadline) throw new Error(`process ${pid} still running after ${timeoutMs} ms`);
    await delay(20);
  }
}
