// The first frame is drawn before Ink loads (source/ui/first-frame.ts), so for a moment the terminal is the
// command's but no one reads the keyboard. Keys pressed then must wait for the dashboard, and a quit signal at
// any moment of the start must leave the terminal as it was.
import { describe, expect, it } from 'vitest';
import {
  built,
  closingSessions,
  expectTerminalGivenBack,
  laidOutWithin,
  openIn,
  processState,
  requireTerminalInCi,
  typeAtPrompt,
} from './helpers/terminal-tests.ts';
import { atShellPrompt, hasTmux, type TerminalSession } from './helpers/tmux.ts';
import { waitFor } from './helpers/wait-for.ts';

requireTerminalInCi();

const sessions = closingSessions();
const help = /HELP — press \? or esc to close/;
const firstFrame = /SCOREBOARD/;

/** The command's own process: the one started with the session's marker whose parent is not one of them. */
async function commandPid(session: TerminalSession): Promise<number> {
  let pid: number | undefined;
  await waitFor(
    () => {
      pid = session.programPid();
      return pid !== undefined;
    },
    { timeoutMs: 5000, everyMs: 2, what: 'the command to start' },
  );
  return pid as number;
}

describe.runIf(hasTmux && built)('the start, before the dashboard reads keys', () => {
  it('answers a key pressed as the first frame appears, and one pressed before anything was drawn', async () => {
    const early = openIn(sessions, [], { columns: 100, rows: 30 });
    // Before node has even started: the key waits in the terminal.
    early.press('?');
    await early.waitForScreen(help, 'the help, opened by a key pressed before the start');
    early.press('q');
    await expectTerminalGivenBack(early, 0);

    const atFrame = openIn(sessions, [], { columns: 100, rows: 30 });
    await atFrame.waitForScreen(firstFrame, 'the first frame');
    atFrame.press('?');
    const screen = await atFrame.waitForScreen(help, 'the help, opened by a key pressed at the first frame');
    expect(screen).not.toMatch(/\^\[|\?\?/);
    atFrame.press('q');
    await expectTerminalGivenBack(atFrame, 0);
  }, 30_000);

  it('never shows the screen blank between the first frame and Ink’s', async () => {
    // Ink entered the alternate screen again as it took over, which clears it (tmux, xterm): the screen stood blank
    // for some 50–75 ms until Ink's rows came, in 11 of 12 starts.
    for (let start = 0; start < 3; start++) {
      const session = openIn(sessions, ['--workload', 'io-timer'], { columns: 100, rows: 30 });
      let drawn = false;
      // Ink takes over some 150–250 ms after the first frame; 2 s covers a slow start.
      const deadline = performance.now() + 2000;
      while (performance.now() < deadline) {
        const screen = session.screen();
        if (firstFrame.test(screen)) drawn = true;
        else if (drawn) expect.fail(`start ${start}: blank after the first frame:\n${screen}`);
      }
      expect(drawn).toBe(true);
      session.press('q');
      await expectTerminalGivenBack(session, 0);
    }
  }, 30_000);

  it('leaves the cursor where Ink starts drawing, so later frames land on the same rows', async () => {
    const session = openIn(sessions, ['--workload', 'io-timer'], { columns: 120, rows: 40 });
    const first = await session.waitForScreen(firstFrame, 'the first frame');
    // Ink draws over the first frame from the cursor: left at the frame's end, its rows came out shifted.
    const later = await session.waitForScreen(/⏱ 0:0[2-9]/, 'frames drawn by Ink two seconds on');
    const header = (screen: string) => screen.split('\n').slice(0, 3);
    expect(header(later).map((row) => row.indexOf('▶ running'))).toEqual(
      header(first).map((row) => row.indexOf('▶ running')),
    );
    expect(header(later)[0]?.startsWith(header(first)[0]?.slice(0, 20) ?? '?')).toBe(true);
    session.press('q');
    await expectTerminalGivenBack(session, 0);
  }, 30_000);

  it('gives the terminal back after a quit signal at any moment of the start', async () => {
    // From before the first frame to after Ink drew its own: the start takes about 100-300 ms here.
    for (const delayMs of [0, 40, 80, 120, 160, 200, 260, 400]) {
      const session = openIn(sessions, [], { columns: 100, rows: 30 });
      const pid = await commandPid(session);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      process.kill(pid, 'SIGTERM');
      // 128 + 15, whether the signal met node's default action or the command's own handler.
      await expectTerminalGivenBack(session, 143);
      session.closeAll();
    }
  }, 60_000);

  it('is laid out for the new size after a resize at any moment of the start', async () => {
    // Ink draws its rows over what is on the screen and erases none it did not draw: over a first frame the
    // terminal had cut to a narrower size, the old rows' tails and blank rows stayed for good.
    const afterASecond = /ASYNC .*\s0:0[1-9]/;
    const reference = openIn(sessions, ['--workload', 'io-timer'], { columns: 80, rows: 24 });
    const expected = (await reference.waitForScreen(afterASecond, 'a start at 80×24')).split('\n');
    const blankRows = expected.flatMap((row, index) => (row.trim() === '' && index < 24 ? [index] : []));
    expect(blankRows).toContain(23);
    reference.closeAll();
    for (const delayMs of [0, 60, 120, 180, 240, 320, 450]) {
      const session = openIn(sessions, ['--workload', 'io-timer'], { columns: 120, rows: 40 });
      await commandPid(session);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      session.resize(80, 24);
      let screen = '';
      await waitFor(
        () => {
          screen = session.screen();
          const rows = screen.split('\n');
          return (
            afterASecond.test(screen) &&
            laidOutWithin(screen, 80, 24) &&
            blankRows.every((index) => (rows[index] ?? '').trim() === '')
          );
        },
        {
          timeoutMs: 8000,
          everyMs: 50,
          what: `a frame laid out for 80×24 after a resize ${delayMs} ms in`,
          lastSeen: () => screen,
        },
      );
      session.press('q');
      await expectTerminalGivenBack(session, 0);
      session.closeAll();
    }
  }, 90_000);

  it('hands the terminal back on a stop at any moment of the start, and comes back whole on fg', async () => {
    for (const delayMs of [60, 100, 140, 180, 240, 320]) {
      // Typed into a shell with job control, as a user starts it: a stop then goes to the command's own job.
      const session = openIn(sessions, [], { columns: 100, rows: 30, shell: true });
      const pid = await commandPid(session);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      process.kill(pid, 'SIGTSTP');
      await waitFor(() => processState(pid) === 'T', { timeoutMs: 5000, what: `a stop ${delayMs} ms in` });
      await session.waitForScreen(atShellPrompt, `the shell's prompt after a stop ${delayMs} ms in`);
      expect(session.paneFlag('alternate_on'), `stopped ${delayMs} ms in`).toBe('0');
      expect(session.paneFlag('cursor_flag'), `stopped ${delayMs} ms in`).toBe('1');
      await typeAtPrompt(session, 'clear; fg');
      await session.waitForScreen(firstFrame, `the dashboard after a stop ${delayMs} ms in`);
      session.press('w');
      await session.waitForScreen(
        /running parallel|WORKERS\s+▶ running/,
        `keys after a stop ${delayMs} ms in`,
      );
      session.press('q');
      await session.waitForScreen(atShellPrompt, `the shell's prompt after quitting (${delayMs} ms)`);
      expect(session.paneFlag('alternate_on')).toBe('0');
      expect(session.paneFlag('cursor_flag')).toBe('1');
      session.closeAll();
    }
  }, 90_000);

  it('runs on when a continue follows a stop at once at the start, as the kernel cancels the stop', async () => {
    // While Ink loads, both signals wait in libuv's pipe: the stop used to be taken before the continue was read,
    // and the dashboard stayed stopped for good (6 of 8 starts, gaps of 0–10 ms). A continue that comes just
    // before the process stops itself, after the pipe was last read, still finds it stopping: that window is one
    // turn of the loop, so the gaps here keep the continue within the start's busy time.
    for (const gapMs of [0, 0, 0, 2, 2, 2]) {
      const session = openIn(sessions, [], { columns: 100, rows: 30 });
      const pid = await commandPid(session);
      await waitFor(() => firstFrame.test(session.screen()), {
        timeoutMs: 5000,
        everyMs: 2,
        what: 'the first frame',
      });
      process.kill(pid, 'SIGTSTP');
      if (gapMs > 0) await new Promise((resolve) => setTimeout(resolve, gapMs));
      process.kill(pid, 'SIGCONT');
      session.press('w');
      await session.waitForScreen(
        /running parallel|WORKERS\s+▶ running/,
        `keys after a continue ${gapMs} ms after the stop`,
      );
      expect(processState(pid)).not.toBe('T');
      expect(session.paneFlag('alternate_on')).toBe('1');
      session.press('q');
      await expectTerminalGivenBack(session, 0);
      session.closeAll();
    }
  }, 60_000);
});
