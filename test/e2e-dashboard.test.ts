import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  built,
  closingSessions,
  expectTerminalGivenBack,
  laidOutWithin,
  openIn,
  requireTerminalInCi,
} from './helpers/terminal-tests.ts';
import { hasTmux, type TerminalSession } from './helpers/tmux.ts';
import { waitFor } from './helpers/wait-for.ts';

// In CI the terminal tests must run (.ci/run installs tmux); elsewhere they need tmux and a build.
requireTerminalInCi();

const sessions = closingSessions();

const open = (args: string[] = [], options?: ConstructorParameters<typeof TerminalSession>[1]) =>
  openIn(sessions, args, options);

/** The header names the model: in big letters with a line of explanation, or compact on small terminals. */
const asyncHeader = /running cooperative|ASYNC\s+▶ running/;
const workersHeader = /running parallel|WORKERS\s+▶ running/;
const firstFrame = asyncHeader;

async function expectCleanExit(session: TerminalSession, code: number, started: number): Promise<void> {
  await session.waitForExit();
  expect(performance.now() - started).toBeLessThan(1500);
  await expectTerminalGivenBack(session, code);
}

describe.runIf(hasTmux && built)('the dashboard in a real terminal', () => {
  it('switches to workers on w, brings the pool alive, and quits cleanly on q', async () => {
    const session = open([], { columns: 100, rows: 30 });
    await session.waitForScreen(firstFrame, 'the first frame');
    expect(session.paneFlag('alternate_on')).toBe('1');
    // Waited for, not read once: Ink's first frame goes over the first one drawn before it as an erase and then the
    // rows, separate writes inside one synchronized update, and tmux's capture can fall between them.
    await session.waitForScreen(/pool idle/, 'the pool pane, idle');

    session.press('w');
    await session.waitForScreen(workersHeader, 'the header to show workers');
    // The pool's threads start on the first switch, so it comes alive a frame or two later.
    const screen = await session.waitForScreen(/busy [12]\/2/, 'busy worker threads');
    expect(screen).not.toMatch(/pool idle/);

    const started = performance.now();
    session.press('q');
    await expectCleanExit(session, 0, started);
  });

  it('fits an 80×24 terminal and keeps its height below the rows', async () => {
    const session = open([], { columns: 80, rows: 24 });
    const screen = await session.waitForScreen(firstFrame, 'the first frame');
    const lines = screen.split('\n');
    expect(lines.every((line) => line.length <= 80)).toBe(true);
    // The last row stays free, or Ink would clear the whole screen every frame.
    expect(lines[23]?.trim() ?? '').toBe('');
    session.press('q');
    await session.waitForExit();
  });

  it('re-lays out when the terminal shrinks to 80×24', async () => {
    const session = open(['--workload', 'io-timer'], { columns: 120, rows: 40 });
    await session.waitForScreen(/running cooperative/, 'the big header at 120×40');
    session.resize(80, 24);
    let screen = '';
    await waitFor(
      () => {
        screen = session.screen();
        return /SCOREBOARD/.test(screen) && laidOutWithin(screen, 80, 24);
      },
      { timeoutMs: 5000, everyMs: 100, what: 'a frame laid out for 80×24', lastSeen: () => screen },
    );
    expect(screen.split('\n')[23]?.trim() ?? '').toBe('');
    // The model's name stays in block letters at 80×24: it is what the audience reads first.
    expect(screen).toMatch(/running cooperative/);
    session.press('q');
    expect(await session.waitForExit()).toBe(0);
  });

  it.each([
    ['Ctrl-C', (session: TerminalSession) => session.press('C-c'), 0],
    ['SIGTERM', (session: TerminalSession) => signal(session, 'SIGTERM'), 143],
    ['SIGHUP', (session: TerminalSession) => signal(session, 'SIGHUP'), 129],
  ])(
    'on %s stops the workload, restores the terminal and exits within a second',
    async (_name, quit, code) => {
      const session = open(['--model', 'workers', '--workload', 'io-http']);
      await session.waitForScreen(workersHeader, 'the first frame');
      const started = performance.now();
      quit(session);
      await expectCleanExit(session, code, started);
    },
  );

  it('refuses TERM=dumb with one line pointing to bench instead of garbling the terminal', async () => {
    const session = open([], { env: { TERM: 'dumb' } });
    expect(await session.waitForExit()).toBe(1);
    const screen = session.screen();
    expect(screen).toMatch(/TERM=dumb cannot draw the dashboard.*\n?.*concur-tui bench/s);
    expect(session.paneFlag('alternate_on')).toBe('0');
  });

  it('says the dashboard needs a terminal when stdout is piped, and exits non-zero', async () => {
    const { execFileSync } = await import('node:child_process');
    let failure: { status: number; stderr: string } | undefined;
    try {
      execFileSync(process.execPath, [path.resolve(import.meta.dirname, '../dist/cli.js')], {
        stdio: ['ignore', 'pipe', 'pipe'],
        encoding: 'utf8',
      });
    } catch (error) {
      failure = error as { status: number; stderr: string };
    }
    expect(failure?.status).toBe(1);
    expect(failure?.stderr).toMatch(/needs an interactive terminal.*concur-tui bench/);
  });
});

function signal(session: TerminalSession, name: NodeJS.Signals): void {
  const pid = session.programPid();
  if (pid === undefined) throw new Error('the program is not running');
  process.kill(pid, name);
}
