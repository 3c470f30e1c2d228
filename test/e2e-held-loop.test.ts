import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRecording } from '../source/record/read-recording.ts';
import { firstFullFrame } from './helpers/settled-frame.ts';
import {
  built,
  closingSessions,
  expectTerminalGivenBack,
  requireTerminalInCi,
} from './helpers/terminal-tests.ts';
import { hasTmux, TerminalSession } from './helpers/tmux.ts';
import { waitFor } from './helpers/wait-for.ts';

// A workload file whose task never yields holds the event loop for good once it runs on it (async). Before the
// quit guard, q, Ctrl-C and SIGTERM all waited for the task, so forever, with the terminal in raw mode on the
// alternate screen; only SIGKILL from another terminal ended it, and left the terminal so.

requireTerminalInCi();

const sessions = closingSessions();
const spin = path.join(import.meta.dirname, 'fixtures/process-spin-workload.ts');

/** The dashboard running the spinning workload in a pool, then switched to async: the loop is held from then on. */
async function heldDashboard(model: 'workers' | 'processes', extra: string[] = []): Promise<TerminalSession> {
  const session = new TerminalSession(['--workload', spin, '--model', model, '--threads', '2', ...extra], {
    columns: 110,
    rows: 34,
  });
  sessions.push(session);
  await firstFullFrame(session, 'the first frame');
  // The pool's row measured, and a second more, so that the scoreboard made for a quit holds it.
  await session.waitForScreen(new RegExp(`▶ ${model.toUpperCase()}\\s+[\\d.]+/s`), 'the pool row measured');
  await new Promise((resolve) => setTimeout(resolve, 1200));
  session.press('a');
  // The frame stops changing: the clock in the header no longer moves once the loop is held.
  let last = '';
  let sameSince = performance.now();
  await waitFor(
    () => {
      const screen = session.screen();
      if (screen !== last) {
        last = screen;
        sameSince = performance.now();
      }
      return performance.now() - sameSince > 1500;
    },
    { timeoutMs: 15_000, everyMs: 100, what: 'the screen to stand still (the loop held)' },
  );
  return session;
}

/** A quit key pressed now: the terminal is the shell's again and no process is left, within a second. */
async function expectQuitWithinASecond(
  session: TerminalSession,
  key: string,
  model: 'workers' | 'processes',
): Promise<void> {
  const pressedAt = performance.now();
  session.press(key);
  await waitFor(() => session.processes().length === 0, { timeoutMs: 5000, everyMs: 20, what: 'the quit' });
  expect(performance.now() - pressedAt).toBeLessThan(1000);
  // Ended by its guard with SIGKILL (128 + 9): the shell restores nothing the program does not.
  await expectTerminalGivenBack(session, 137);
  expect(session.terminalModes()).toMatch(/(^|\s)isig(\s|$)/);
  expect(session.terminalModes()).toMatch(/(^|\s)icrnl(\s|$)/);
  // The final scoreboard as made before the hold, with the row of the model run before it, then why.
  const screen = session.screen();
  expect(screen).toMatch(/^model\s+done\/s\s+failed\/s/m);
  expect(screen).toMatch(new RegExp(`^${model} \\(2 `, 'm'));
  expect(screen).toMatch(
    /concur-tui: quit while a task held the event loop for \d+\.\d s; the scoreboard above is from before it/,
  );
}

describe.runIf(hasTmux && built)('quit while a task holds the event loop for good', () => {
  it('q, after resizes while held: the terminal is given back within a second, saying why; the recording reads', async () => {
    const recording = path.join(tmpdir(), `held-${process.pid}-${Date.now()}.ndjson`);
    const session = await heldDashboard('workers', ['--record', recording]);
    try {
      session.resize(90, 28);
      session.resize(120, 36);
      session.press('w');
      await new Promise((resolve) => setTimeout(resolve, 500));
      await expectQuitWithinASecond(session, 'q', 'workers');
      // Cut where the loop was held, not closed: it reads (a cut last line is said), up to the switch to async.
      const read = await readRecording(recording);
      expect(read.frames.length).toBeGreaterThan(0);
      expect(read.frames.some((frame) => frame.model === 'workers')).toBe(true);
    } finally {
      rmSync(recording, { force: true });
    }
  });

  it('Ctrl-C with the processes model left behind: the pool processes end with the dashboard', async () => {
    const session = await heldDashboard('processes');
    await expectQuitWithinASecond(session, 'C-c', 'processes');
  });

  it('the terminal closed while held (a hang-up no handler can run for): nothing is left running', async () => {
    // Before the guard, the dashboard went on computing with no terminal, for good.
    const session = await heldDashboard('processes');
    const started = session.processes();
    expect(started.length).toBeGreaterThan(0);
    session.close();
    await waitFor(() => session.processes().length === 0, {
      timeoutMs: 2000,
      what: 'no process left after the hang-up',
    });
  });
});
