import { type ChildProcessWithoutNullStreams, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { waitFor } from './wait-for.ts';

export const hasTmux = (() => {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const cli = path.resolve(import.meta.dirname, '../../dist/cli.js');

// One tmux server per session: killing a session never races another session's commands.
function tmux(socket: string, ...args: string[]): string {
  return execFileSync('tmux', ['-L', socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
}

/**
 * The built binary in a real terminal (a tmux pane). After the program exits, the same shell records the
 * exit code and the terminal's mode, so a test can check that quitting restored the terminal.
 */
export class TerminalSession {
  readonly name: string;
  readonly marker: string;
  readonly #dir: string;

  /**
   * With `shell`, the program is typed into an interactive `sh` with job control (so Ctrl-Z, `fg` and the
   * prompt behave as for a user), and the pane's first lines show that shell.
   */
  constructor(
    args: string[],
    {
      columns = 100,
      rows = 30,
      env = {} as Record<string, string>,
      shell = false,
      background = false,
      entry = cli,
    }: {
      columns?: number;
      rows?: number;
      env?: Record<string, string>;
      shell?: boolean;
      /** With `shell`, the program is started as a background job (`&`). @default false */
      background?: boolean;
      /** The script Node runs. @default the built binary, dist/cli.js */
      entry?: string;
    } = {},
  ) {
    this.#dir = mkdtempSync(path.join(tmpdir(), 'concur-tui-e2e-'));
    this.marker = path.basename(this.#dir);
    this.name = this.marker;
    const environment = Object.entries({ ...env, CONCUR_TUI_E2E: this.marker })
      .map(([key, value]) => `${key}=${shellQuote(value)}`)
      .join(' ');
    // The program sees a user's terminal, not the test runner's: CI set makes chalk (and so Ink) drop every
    // style, so it is passed on only when a test asks for it.
    const unset = 'CI' in env ? '' : '-u CI ';
    const program = `env ${unset}${environment} ${shellQuote(process.execPath)} ${shellQuote(entry)} ${args.map(shellQuote).join(' ')}`;
    const script = shell
      ? `PS1='${shellPrompt}' exec sh -i`
      : [
          program,
          `echo $? > ${shellQuote(this.file('exit'))}`,
          `stty -a > ${shellQuote(this.file('stty'))}`,
          'sleep 60',
        ].join('; ');
    tmux(
      this.name,
      'new-session',
      '-d',
      '-s',
      this.name,
      '-x',
      String(columns),
      '-y',
      String(rows),
      'sh',
      '-c',
      script,
    );
    if (shell) this.type(background ? `${program} &` : program);
  }

  /** Types `line` into the pane and presses Enter. */
  type(line: string): void {
    tmux(this.name, 'send-keys', '-t', this.name, '-l', line);
    tmux(this.name, 'send-keys', '-t', this.name, 'Enter');
  }

  file(name: string): string {
    return path.join(this.#dir, name);
  }

  screen(): string {
    return tmux(this.name, 'capture-pane', '-p', '-t', this.name);
  }

  press(...keys: string[]): void {
    tmux(this.name, 'send-keys', '-t', this.name, ...keys);
  }

  resize(columns: number, rows: number): void {
    tmux(this.name, 'resize-window', '-t', this.name, '-x', String(columns), '-y', String(rows));
  }

  /**
   * A tmux control-mode client on this session: its commands run without starting a tmux process each, so a
   * burst of resizes comes as fast as asked.
   */
  control(): TmuxControl {
    return new TmuxControl(this.name);
  }

  /** A tmux pane variable, e.g. `alternate_on` or `cursor_flag`. */
  paneFlag(name: string): string {
    return tmux(this.name, 'display-message', '-p', '-t', this.name, `#{${name}}`).trim();
  }

  async waitForScreen(pattern: RegExp, what: string, timeoutMs = 15_000): Promise<string> {
    let last = '';
    try {
      await waitFor(
        () => {
          last = this.screen();
          return pattern.test(last);
        },
        { timeoutMs, everyMs: 100, what },
      );
    } catch (error) {
      throw new Error(`${(error as Error).message}; the screen was:\n${last}`);
    }
    return last;
  }

  /** Resolves with the exit code once the program has exited and the shell recorded it. */
  async waitForExit(timeoutMs = 5_000): Promise<number> {
    await waitFor(() => existsSync(this.file('stty')) && readFileSync(this.file('stty'), 'utf8').length > 0, {
      timeoutMs,
      everyMs: 20,
      what: 'the program to exit',
    });
    const code = Number(readFileSync(this.file('exit'), 'utf8').trim());
    // A crash (SIGABRT from a failed check in Node, SIGSEGV…) printed why on the terminal, where nothing else
    // keeps it: the pane goes with the session. Shown with the test's output, so a rare one in CI can be read.
    if (crashCodes.has(code))
      console.error(`the program crashed (exit ${code}); its terminal showed:\n${this.screen()}`);
    return code;
  }

  terminalModes(): string {
    return readFileSync(this.file('stty'), 'utf8');
  }

  /** Pids of processes started with this session's marker in their environment (the program and any child). */
  processes(): number[] {
    const pids: number[] = [];
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const environ = readFileSync(`/proc/${entry}/environ`, 'utf8');
        if (environ.includes(`CONCUR_TUI_E2E=${this.marker}`)) pids.push(Number(entry));
      } catch {
        // The process ended while we looked, or is not ours to read.
      }
    }
    return pids;
  }

  /**
   * The program's own pid: of the processes started with the marker, the one whose parent has none, so never a
   * child it spawned (lscpu, a pool's process). /proc is listed in name order, not by age, so the first entry
   * can be a child. Undefined while the program has not started.
   */
  programPid(): number | undefined {
    const pids = this.processes();
    return pids.find((pid) => !pids.includes(parentOf(pid)));
  }

  /** Kills what the session started (the program and any child), then its tmux server. */
  closeAll(): void {
    for (const pid of this.processes()) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    this.close();
  }

  close(): void {
    try {
      tmux(this.name, 'kill-server');
    } catch {
      // Already gone.
    }
  }
}

/** A tmux control-mode client (`tmux -C`) attached to one session. */
export class TmuxControl {
  readonly #client: ChildProcessWithoutNullStreams;

  constructor(session: string) {
    this.#client = spawn('tmux', ['-L', session, '-f', '/dev/null', '-C', 'attach-session', '-t', session]);
    this.#client.stdout.resume();
  }

  resize(columns: number, rows: number): void {
    this.#client.stdin.write(`resize-window -x ${columns} -y ${rows}\n`);
  }

  close(): void {
    this.#client.stdin.end();
    this.#client.kill();
  }
}

/** Exit codes of a process ended by a crash signal: SIGILL, SIGABRT, SIGBUS, SIGFPE, SIGSEGV. No test expects one. */
const crashCodes = new Set([132, 134, 135, 136, 139]);

/** The interactive shell's prompt (`shell: true`), distinct from anything the dashboard draws. */
export const shellPrompt = 'shell-prompt$ ';

/** A screen whose last thing is the shell's prompt, waiting for a line. */
export const atShellPrompt = new RegExp(`${shellPrompt.trimEnd().replace(/[$]/g, '\\$&')}\\s*$`);

function shellQuote(value: string): string {
  return `'${value.replaceAll("'", "'\\''")}'`;
}

/** The parent of process `pid` (0 once it is gone). */
function parentOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return 0;
  }
}
