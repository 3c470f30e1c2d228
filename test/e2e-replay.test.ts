import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type BoardRow, parseDashboard } from './helpers/dashboard-screen.ts';
import { built, closingSessions, openIn, requireTerminalInCi } from './helpers/terminal-tests.ts';
import { hasTmux } from './helpers/tmux.ts';
import { waitFor } from './helpers/wait-for.ts';

// Record a short run of the built binary with a switch, then replay it at another terminal size: the same
// scoreboard row and the switch's marker. And a disk that fills (/dev/full) stops the recording, not the run.

requireTerminalInCi();

const sessions = closingSessions();
const open = (args: string[], columns: number, rows: number) => openIn(sessions, args, { columns, rows });

const rowOf = (screen: string, model: string): BoardRow | undefined =>
  parseDashboard(screen).scoreboard?.current.find((row) => row.model === model);

/** The numbers a row shows, as the user reads them. */
const numbersOf = (row: BoardRow | undefined) => ({
  throughput: row?.throughput,
  latencyP99: row?.latencyP99,
  lagP99: row?.lagP99,
  cores: row?.cores,
  ranMs: row?.ranMs,
});

describe.skipIf(!hasTmux || !built)('record and replay in a real terminal', () => {
  it('replays a recorded run with a switch at another size: the same scoreboard row, the marker found with n', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'concur-tui-replay-')), 'run.ndjson');
    const live = open(
      ['--workload', 'io-timer', '--concurrency', '50', '--threads', '1', '--record', file],
      100,
      30,
    );
    await live.waitForScreen(/recording|SCOREBOARD/, 'the first frame');
    await waitFor(() => rowOf(live.screen(), 'async')?.counting === true, {
      what: 'async counting',
      everyMs: 100,
    });
    live.press('w');
    await waitFor(() => (rowOf(live.screen(), 'workers')?.ranMs ?? 0) >= 2000, {
      what: 'workers counted for 2 s',
      everyMs: 100,
    });
    // Paused, the numbers stop moving: what the screen shows last is what the file holds last.
    live.press('Space');
    await live.waitForScreen(/PAUSED/, 'the pause');
    let shown = '';
    await waitFor(
      () => {
        const before = JSON.stringify(numbersOf(rowOf(shown, 'workers')));
        shown = live.screen();
        return before === JSON.stringify(numbersOf(rowOf(shown, 'workers')));
      },
      { what: 'the workers row to settle while paused', everyMs: 1200, timeoutMs: 15_000 },
    );
    const liveRow = numbersOf(rowOf(shown, 'workers'));
    live.press('q');
    expect(await live.waitForExit()).toBe(0);

    const replay = open(['replay', file], 120, 40);
    await replay.waitForScreen(/REPLAY/, 'the replay banner');
    expect(replay.screen()).toContain('run.ndjson');
    replay.press('>', '>', '>');
    const end = await replay.waitForScreen(/■ end/, 'the end of the replay', 20_000);
    expect(end.split('\n').every((line) => line.length < 120)).toBe(true);
    const replayedRow = numbersOf(rowOf(end, 'workers'));
    expect(liveRow.throughput).toBeGreaterThan(0);
    // Each number the live screen showed, the replay shows the same (a wider terminal may show more columns).
    for (const [column, value] of Object.entries(liveRow)) {
      if (value !== undefined) expect(replayedRow[column as keyof typeof replayedRow], column).toBe(value);
    }
    // The switch is a tick on the scrub bar, and n jumps to it from the start (paused at the end, ← seeks back).
    expect(end).toMatch(/▲/);
    replay.press(...Array.from({ length: 12 }, () => 'Left'));
    await replay.waitForScreen(/❚❚ paused 0:00/, 'back at the start');
    replay.press('n');
    await replay.waitForScreen(/marker: switch async → workers at \d+:\d\d/, 'the marker echoed');
    replay.press('q');
    expect(await replay.waitForExit()).toBe(0);
    expect(replay.paneFlag('alternate_on')).toBe('0');
  });

  it('refuses to record onto the terminal itself, in one line with exit code 2, before drawing', async () => {
    const live = open(['--record', '/dev/tty'], 100, 30);
    expect(await live.waitForExit()).toBe(2);
    expect(live.screen()).toContain(
      'concur-tui: cannot record to /dev/tty: it is a terminal, where the dashboard draws',
    );
    expect(live.paneFlag('alternate_on')).toBe('0');
  });

  it('keeps the dashboard running when the disk fills (/dev/full), with the notice on screen', async () => {
    if (!existsSync('/dev/full')) return;
    const live = open(['--workload', 'io-timer', '--record', '/dev/full'], 100, 30);
    const screen = await live.waitForScreen(/no space left/, 'the recording notice');
    const elapsed = /⏱ (\d+:\d\d)/.exec(screen)?.[1];
    await live.waitForScreen(new RegExp(`⏱ (?!${elapsed})\\d+:\\d\\d`), 'the run going on');
    live.press('q');
    expect(await live.waitForExit()).toBe(0);
  });
});
