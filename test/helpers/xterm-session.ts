import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { IPty } from '@lydell/node-pty';
import type { Terminal as XtermTerminal } from '@xterm/headless';

// The built binary in a second terminal emulator: xterm.js (the one in VS Code's terminal), headless, fed by a
// pseudo-terminal. A frame that only tmux forgives shows up here.

const require = createRequire(import.meta.url);
const cli = path.resolve(import.meta.dirname, '../../dist/cli.js');

type Modules = { spawn: typeof import('@lydell/node-pty').spawn; Terminal: typeof XtermTerminal };

/** The emulator and the pseudo-terminal, or why they cannot load here (e.g. no prebuilt binary for this platform). */
export const xtermModules: Modules | Error = (() => {
  try {
    const { spawn } = require('@lydell/node-pty') as typeof import('@lydell/node-pty');
    const { Terminal } = require('@xterm/headless') as typeof import('@xterm/headless');
    return { spawn, Terminal };
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
})();

export const hasXterm = !(xtermModules instanceof Error) && existsSync(cli);

export class XtermSession {
  readonly #terminal: XtermTerminal;
  readonly #pty: IPty;
  #exited = false;

  constructor(args: string[], { columns, rows }: { columns: number; rows: number }) {
    if (xtermModules instanceof Error) throw xtermModules;
    this.#terminal = new xtermModules.Terminal({ cols: columns, rows, allowProposedApi: true });
    this.#pty = xtermModules.spawn(process.execPath, [cli, ...args], {
      name: 'xterm-256color',
      cols: columns,
      rows,
      cwd: process.cwd(),
      env: { ...process.env, TERM: 'xterm-256color', COLORTERM: 'truecolor' },
    });
    this.#pty.onData((data) => this.#terminal.write(data));
    // Answers to the program's queries (device attributes, cursor position) go back as a terminal sends them.
    this.#terminal.onData((data) => {
      if (!this.#exited) this.#pty.write(data);
    });
    this.#pty.onExit(() => {
      this.#exited = true;
    });
  }

  get pid(): number {
    return this.#pty.pid;
  }

  /** The visible rows as text, once everything received so far is parsed. */
  async screen(): Promise<string> {
    await new Promise<void>((resolve) => this.#terminal.write('', resolve));
    const buffer = this.#terminal.buffer.active;
    const lines: string[] = [];
    for (let row = 0; row < this.#terminal.rows; row++) {
      // Cut at the width: after a narrowing resize xterm.js keeps the cells past it, out of sight.
      lines.push(
        buffer.getLine(buffer.viewportY + row)?.translateToString(true, 0, this.#terminal.cols) ?? '',
      );
    }
    return `${lines.join('\n')}\n`;
  }

  /** As a terminal window does: the emulator takes the new size, then tells the program (SIGWINCH). */
  resize(columns: number, rows: number): void {
    this.#terminal.resize(columns, rows);
    this.#pty.resize(columns, rows);
  }

  press(keys: string): void {
    this.#pty.write(keys);
  }

  close(): void {
    if (!this.#exited) {
      try {
        this.#pty.kill('SIGKILL');
      } catch {
        // Already gone.
      }
    }
    this.#terminal.dispose();
  }
}
