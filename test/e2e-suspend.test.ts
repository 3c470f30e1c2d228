import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { firstFullFrame } from './helpers/settled-frame.ts';
import {
  built,
  closingSessions,
  laidOutFor,
  processGroup,
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
async function dashboardInShell(args = ['--workload', 'io-timer']): Promise<TerminalSession> {
  const session = new TerminalSession(args, { columns: 100, rows: 30, shell: true });
  sessions.push(session);
  await firstFullFrame(session, 'the first frame');
  return session;
}

function dashboardPid(session: TerminalSession): number {
  const pid = session.programPid();
  if (pid === undefined) throw new Error('the dashboard is not running');
  return pid;
}

/** The line discipline as the shell wants it at its prompt, canonical and echoing, read with `line` (stty -a). */
async function expectShellModes(session: TerminalSession, line: string): Promise<void> {
  await typeAtPrompt(session, line);
  const screen = await session.waitForScreen(/\bicanon\b/, 'stty -a in the pane');
  expect(screen).toMatch(/(^|\s)icanon(\s|$)/m);
  expect(screen).toMatch(/(^|\s)echo(\s|$)/m);
}

/** While stopped: the shell's prompt on the normal screen, the cursor shown, canonical mode for the shell. */
async function expectTerminalHandedBack(session: TerminalSession, pid: number): Promise<void> {
  await waitFor(() => processState(pid) === 'T', { timeoutMs: 5000, what: 'the dashboard to stop' });
  const stoppedAt = performance.now();
  await session.waitForScreen(atShellPrompt, 'the shell prompt');
  expect(session.paneFlag('alternate_on')).toBe('0');
  expect(session.paneFlag('cursor_flag')).toBe('1');
  await expectShellModes(session, 'stty -a');
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

  it('a terminal resized while the dashboard is stopped gets a frame laid out for its new size on fg', async () => {
    // No SIGWINCH reaches a stopped job, and Node's stream kept the old size: the frame came back laid out for it,
    // wrapped and scattered by a narrower terminal, or a corner of a wider one (reproduced 3 of 3).
    const session = await dashboardInShell();
    const pid = dashboardPid(session);
    for (const [columns, rows] of [
      [130, 40],
      [80, 24],
    ] as const) {
      session.press('C-z');
      await waitFor(() => processState(pid) === 'T', { timeoutMs: 5000, what: 'the dashboard to stop' });
      await session.waitForScreen(atShellPrompt, 'the shell prompt');
      session.resize(columns, rows);
      await typeAtPrompt(session, 'clear; fg');
      await waitFor(() => session.paneFlag('alternate_on') === '1', {
        timeoutMs: 5000,
        what: 'the dashboard back',
      });
      // Laid out for the size, not for the old one: wrapped in a narrower terminal, a corner of a wider one. The
      // first frame back can still be the old layout for a moment; the old code kept it.
      await firstFullFrame(session, `a whole frame at ${columns}×${rows}`);
      let frame = '';
      await waitFor(
        () => {
          frame = session.screen();
          return laidOutFor(frame, columns, rows);
        },
        { timeoutMs: 3000, what: `a frame laid out for ${columns}×${rows}` },
      ).catch((error: Error) => {
        throw new Error(`${error.message}; the screen was:\n${frame}`);
      });
    }
  }, 40_000);

  it('kill %1 on the stopped dashboard (SIGTERM, then SIGCONT) ends it and its pool, the terminal left as the shell has it', async () => {
    // Node's exit sets the terminal's modes back without regard to being in the background: the kernel stopped
    // the job there with SIGTTOU, its quit done but the job still listed as stopped (reproduced 3 of 3).
    const session = await dashboardInShell(['--model', 'processes']);
    const pid = dashboardPid(session);
    session.press('C-z');
    await waitFor(() => processState(pid) === 'T', { timeoutMs: 5000, what: 'the dashboard to stop' });
    await session.waitForScreen(atShellPrompt, 'the shell prompt');
    expect(session.processes().length).toBeGreaterThan(1);
    // What bash's `kill %1` sends to a stopped job's process group (dash sends only the SIGTERM).
    process.kill(-processGroup(pid), 'SIGTERM');
    process.kill(-processGroup(pid), 'SIGCONT');
    await waitFor(() => session.processes().length === 0, {
      timeoutMs: 2000,
      what: 'the dashboard and its pool processes gone',
    });
    await expectShellModes(session, 'clear; stty -a');
    expect(session.paneFlag('alternate_on')).toBe('0');
    expect(session.paneFlag('cursor_flag')).toBe('1');
  }, 40_000);

  it('bg stops it again without touching the terminal, and fg then brings it back', async () => {
    const session = await dashboardInShell();
    const pid = dashboardPid(session);
    session.press('C-z');
    await expectTerminalHandedBack(session, pid);
    const switchesWhileStopped = contextSwitches(pid);
    await typeAtPrompt(session, 'clear; bg');
    // Continued, it finds the shell holding the terminal and stops as for tty output; the prompt stays usable.
    await waitFor(() => processState(pid) === 'T' && contextSwitches(pid) > switchesWhileStopped, {
      timeoutMs: 5000,
      what: 'the dashboard to continue, then stop again',
    });
    await session.waitForScreen(atShellPrompt, 'the shell prompt after bg');
    expect(session.paneFlag('alternate_on')).toBe('0');
    await typeAtPrompt(session, 'stty -a');
    expect(await session.waitForScreen(/\bicanon\b/, 'stty -a after bg')).toMatch(/(^|\s)echo(\s|$)/m);
    await expectDashboardBack(session);
    session.press('q');
    await session.waitForScreen(atShellPrompt, 'the shell prompt after quitting');
    expect(session.paneFlag('alternate_on')).toBe('0');
  }, 40_000);
  it('started in the background (&), it touches nothing until fg; kill %1 then ends it and its pool', async () => {
    // It used to stop on its first frame's raw mode (SIGTTOU), and a kill %1 left it stopped there for good.
    // A presentation starts the same way, without a first frame.
    const runs = [
      { args: ['--model', 'processes'], end: 'fg' },
      { args: ['--model', 'processes'], end: 'kill %1' },
      { args: ['present'], end: 'kill %1' },
    ] as const;
    for (const { args, end } of runs) {
      const session = new TerminalSession([...args], {
        columns: 100,
        rows: 30,
        shell: true,
        background: true,
      });
      sessions.push(session);
      await waitFor(() => processState(session.programPid() ?? process.pid) === 'T', {
        timeoutMs: 10_000,
        what: 'the dashboard started in the background, stopped',
      });
      const pid = dashboardPid(session);
      expect(session.paneFlag('alternate_on')).toBe('0');
      expect(session.screen()).not.toContain('SCOREBOARD');
      if (end === 'fg') {
        await expectDashboardBack(session);
        session.press('q');
        await session.waitForScreen(atShellPrompt, 'the shell prompt after quitting');
      } else {
        process.kill(-processGroup(pid), 'SIGTERM');
        process.kill(-processGroup(pid), 'SIGCONT');
      }
      await waitFor(() => session.processes().length === 0, {
        timeoutMs: 3000,
        what: `${args.join(' ')} and its pool gone after ${end}`,
      });
      expect(session.paneFlag('alternate_on')).toBe('0');
      expect(session.paneFlag('cursor_flag')).toBe('1');
    }
  }, 60_000);
});

/** How often the process's main thread has given up the CPU: it moves only while the process runs. */
function contextSwitches(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^voluntary_ctxt_switches:\s+(\d+)/m.exec(status)?.[1] ?? 0);
}
