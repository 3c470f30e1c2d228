import { describe, expect, it } from 'vitest';
import { firstFullFrame } from './helpers/settled-frame.ts';
import {
  built,
  closingSessions,
  processState,
  requireTerminalInCi,
  typeAtPrompt,
} from './helpers/terminal-tests.ts';
import { atShellPrompt, hasTmux, shellPrompt, TerminalSession } from './helpers/tmux.ts';
import { waitFor } from './helpers/wait-for.ts';

// Suspend (SIGTSTP, Ctrl-Z) hands the terminal back to the shell: normal screen, cursor shown, line
// discipline cooked. Resume (SIGCONT, `fg`) takes it back: alternate screen, raw mode, a whole frame.
// It used to leave the prompt on the alternate screen with the cursor hidden, and keys needed Enter after `fg`.

requireTerminalInCi();

const sessions = closingSessions();

/** The dashboard typed into an interactive shell with job control, as a user starts it. */
async function dashboardInShell(): Promise<TerminalSession> {
  const session = new TerminalSession(['--workload', 'io-timer'], { columns: 100, rows: 30, shell: true });
  sessions.push(session);
  await firstFullFrame(session, 'the first frame');
  return session;
}

function dashboardPid(session: TerminalSession): number {
  const pid = session.programPid();
  if (pid === undefined) throw new Error('the dashboard is not running');
  return pid;
}

/** While stopped: the shell's prompt on the normal screen, the cursor shown, canonical mode for the shell. */
async function expectTerminalHandedBack(session: TerminalSession, pid: number): Promise<void> {
  await waitFor(() => processState(pid) === 'T', { timeoutMs: 5000, what: 'the dashboard to stop' });
  const stoppedAt = performance.now();
  await session.waitForScreen(atShellPrompt, 'the shell prompt');
  expect(session.paneFlag('alternate_on')).toBe('0');
  expect(session.paneFlag('cursor_flag')).toBe('1');
  await typeAtPrompt(session, 'stty -a');
  const screen = await session.waitForScreen(/\bicanon\b/, 'stty -a in the pane');
  expect(screen).toMatch(/(^|\s)icanon(\s|$)/m);
  expect(screen).toMatch(/(^|\s)echo(\s|$)/m);
  // Stays stopped a while, as a speaker's Ctrl-Z does: longer than the 250 ms that reads as a freeze.
  await waitFor(() => performance.now() - stoppedAt > 1000, { timeoutMs: 5000, what: 'a second stopped' });
}

/** After `fg`: a whole frame on the alternate screen, and a key acts without Enter. */
async function expectDashboardBack(session: TerminalSession): Promise<void> {
  await typeAtPrompt(session, 'clear; fg');
  await waitFor(() => session.paneFlag('alternate_on') === '1', {
    timeoutMs: 5000,
    what: 'the alternate screen',
  });
  const frame = await firstFullFrame(session, 'a whole frame after fg');
  expect(frame).not.toContain(shellPrompt);
  expect(session.paneFlag('cursor_flag')).toBe('0');
  session.press('w');
  const after = await session.waitForScreen(
    /running parallel|WORKERS\s+▶ running/,
    'w to switch to workers without Enter',
  );
  // Drawn from a snapshot taken after the resume: the time spent stopped is no freeze of the loop.
  expect(after).not.toMatch(/froze/);
}

describe.runIf(hasTmux && built)('suspend and resume in a shell with job control', () => {
  it('kill -TSTP hands the terminal back, and fg brings the dashboard back with keys working', async () => {
    const session = await dashboardInShell();
    const pid = dashboardPid(session);
    process.kill(pid, 'SIGTSTP');
    await expectTerminalHandedBack(session, pid);
    await expectDashboardBack(session);
    session.press('q');
    await session.waitForScreen(atShellPrompt, 'the shell prompt after quitting');
    expect(session.paneFlag('alternate_on')).toBe('0');
  }, 40_000);

  it('Ctrl-Z suspends like SIGTSTP, and fg resumes', async () => {
    const session = await dashboardInShell();
    const pid = dashboardPid(session);
    session.press('C-z');
    await expectTerminalHandedBack(session, pid);
    await expectDashboardBack(session);
  }, 40_000);

  it('a SIGCONT that comes before the stop while a task holds the loop cancels it, as the kernel does', async () => {
    // The blocking workload holds the loop for whole tasks: both signals wait in libuv's pipe, and the stop used to
    // be taken before the continue was read, leaving the process stopped for good (reproduced at 10–20 ms).
    const session = new TerminalSession(['--workload', 'blocking'], { columns: 100, rows: 30 });
    sessions.push(session);
    await firstFullFrame(session, 'the first frame');
    const pid = dashboardPid(session);
    for (const gapMs of [0, 5, 10, 10, 15, 20, 20, 30, 50]) {
      process.kill(pid, 'SIGTSTP');
      if (gapMs > 0) await new Promise((resolve) => setTimeout(resolve, gapMs));
      process.kill(pid, 'SIGCONT');
      await waitFor(() => processState(pid) !== 'T' && session.paneFlag('alternate_on') === '1', {
        timeoutMs: 3000,
        what: `the dashboard running on its screen after a continue ${gapMs} ms after the stop`,
      });
      await firstFullFrame(session, `a whole frame after the continue ${gapMs} ms after the stop`);
    }
    session.press('q');
    expect(await session.waitForExit()).toBe(0);
  }, 60_000);
});
