// What every test of the built binary in a real terminal starts with: whether it can run here, a failure under CI
// when it cannot (a skipped terminal test would pass unseen), and the sessions it opens closed after each test.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, expect } from 'vitest';
import { atShellPrompt, hasTmux, TerminalSession } from './tmux.ts';
import { waitFor } from './wait-for.ts';

/** Whether the binary is built (`npm run build`): the terminal tests drive `dist/cli.js`. */
export const built = existsSync(path.resolve(import.meta.dirname, '../../dist/cli.js'));

/** Under CI the terminal tests must run: without tmux or a build the file fails instead of skipping. */
export function requireTerminalInCi(): void {
  if (process.env.CI && !(hasTmux && built))
    throw new Error('terminal tests need tmux and a build (npm run build)');
}

/** A file's open sessions: each is closed after its test, and any left at the end of the file. */
export function closingSessions(): TerminalSession[] {
  const sessions: TerminalSession[] = [];
  const closeAll = () => {
    for (const session of sessions.splice(0)) session.closeAll();
  };
  afterEach(closeAll);
  afterAll(closeAll);
  return sessions;
}

/** A terminal running `args`, added to `sessions` (from `closingSessions`) so it is closed with them. */
export function openIn(
  sessions: TerminalSession[],
  args: string[],
  options?: ConstructorParameters<typeof TerminalSession>[1],
): TerminalSession {
  const session = new TerminalSession(args, options);
  sessions.push(session);
  return session;
}

/**
 * Waits for the program to exit with `code`, then checks it gave the terminal back: raw mode off (the line
 * discipline echoes and is canonical), the normal screen, the cursor shown, and no process of it left.
 */
export async function expectTerminalGivenBack(session: TerminalSession, code: number): Promise<void> {
  expect(await session.waitForExit()).toBe(code);
  expect(session.terminalModes()).toMatch(/(^|\s)icanon(\s|$)/);
  expect(session.terminalModes()).toMatch(/(^|\s)echo(\s|$)/);
  expect(session.paneFlag('alternate_on')).toBe('0');
  expect(session.paneFlag('cursor_flag')).toBe('1');
  await waitFor(() => session.processes().length === 0, { timeoutMs: 2000, what: 'no process left behind' });
}

/** Whether a captured screen fits `columns` × `rows`: every row narrower than the terminal, no row past its last. */
export function laidOutWithin(screen: string, columns: number, rows: number): boolean {
  const lines = screen.split('\n');
  return lines.length <= rows + 1 && lines.every((line) => line.length < columns);
}

/**
 * Whether a captured dashboard fills `columns` × `rows`, not a corner of it: laid out within it, its footer (the
 * keys, ending in `q quit`) on one of the last three rows, and a row reaching within eight columns of the right
 * edge (rows end in `…` a few columns short of it). A frame laid out for a smaller terminal fits within a larger
 * one too.
 */
export function laidOutFor(screen: string, columns: number, rows: number): boolean {
  const lines = screen.split('\n');
  const footer = lines.findLastIndex((line) => /q\s+quit/.test(line));
  const widest = Math.max(...lines.map((line) => line.trimEnd().length));
  return laidOutWithin(screen, columns, rows) && footer >= rows - 3 && widest >= columns - 8;
}

/**
 * Types a line at the shell's prompt (a session opened with `shell: true`), again if the shell did not echo it:
 * in one CI run a line typed at a prompt just drawn after a stop was never echoed (the shell was still taking the
 * terminal back), and the test waited for a dashboard no one had asked for.
 */
export async function typeAtPrompt(session: TerminalSession, line: string): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    session.type(line);
    try {
      // Anything but the bare prompt: the line echoed, the screen cleared, or the dashboard back.
      await waitFor(() => !atShellPrompt.test(session.screen()), { timeoutMs: 1500, everyMs: 20 });
      return;
    } catch {
      // Not echoed: type it again.
    }
  }
}

/** The fields of /proc/<pid>/stat after the command: state, ppid, pgrp, session, tty_nr, tpgid, … */
function statFields(pid: number): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** A process's state letter from /proc: `T` while stopped. */
export function processState(pid: number): string {
  return statFields(pid)[0] ?? '';
}

/** The process group a process belongs to, from /proc: a shell's job. */
export function processGroup(pid: number): number {
  return Number(statFields(pid)[2]);
}
