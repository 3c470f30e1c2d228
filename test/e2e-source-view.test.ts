// `c` in a real terminal with the built binary (npm run build): the running workload's code over the panes, its
// `run` line marked, following a workload switch, and `esc` back to the dashboard; a workload file of one's own
// read from disk; and `c` while presenting. The built-ins' files come from the bundle, as a user's install has them.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { built, closingSessions, openIn, requireTerminalInCi } from './helpers/terminal-tests.ts';
import { hasTmux } from './helpers/tmux.ts';

requireTerminalInCi();

const sessions = closingSessions();
const open = (args: string[], columns: number, rows: number) => openIn(sessions, args, { columns, rows });

/** The overlay's marked line: `▶66 │   run(input: TaskInput)…`. */
const runLine = /▶\s*\d+ │\s+(async )?run\(input/;

function fits(screen: string, rows: number, columns: number): void {
  const lines = screen.replace(/\n+$/, '').split('\n');
  expect(lines.length).toBeLessThanOrEqual(rows);
  for (const line of lines) expect(line.length).toBeLessThanOrEqual(columns);
}

describe.runIf(hasTmux && built)('the code overlay in a real terminal', () => {
  it('at 80×24 shows the running workload’s run line, follows a switch to io-timer, and esc returns', async () => {
    const session = open(['--workload', 'cpu', '--concurrency', '4'], 80, 24);
    await session.waitForScreen(/SCOREBOARD/, 'the dashboard');
    session.press('c');
    let screen = await session.waitForScreen(runLine, 'the run line of cpu');
    expect(screen).toContain('CODE — cpu · workloads/cpu.ts');
    expect(screen).not.toContain('SCOREBOARD');
    fits(screen, 24, 80);
    session.press('3');
    screen = await session.waitForScreen(/CODE — io-timer/, 'the code of io-timer once it runs');
    screen = await session.waitForScreen(runLine, 'the run line of io-timer');
    expect(screen).toMatch(/setTimeout/);
    session.press('Escape');
    screen = await session.waitForScreen(/SCOREBOARD/, 'the dashboard again');
    expect(screen).not.toContain('CODE —');
    session.press('q');
    expect(await session.waitForExit(10_000)).toBe(0);
  });

  it('shows a workload file of one’s own, read from disk', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'concur-tui-code-'));
    const file = path.join(dir, 'my-task.js');
    writeFileSync(
      file,
      [
        '// Waits a little: a task of my own.',
        'export default {',
        "  name: 'my-task',",
        "  kind: 'io',",
        "  description: 'waits 5 ms',",
        '  knobs: [],',
        '  run() {',
        '    return new Promise((resolve) => setTimeout(resolve, 5, 1));',
        '  },',
        '};',
        '',
      ].join('\n'),
    );
    const session = open(['--workload', file], 100, 30);
    await session.waitForScreen(/SCOREBOARD/, 'the dashboard');
    session.press('c');
    const screen = await session.waitForScreen(/▶\s*7 │ {3}run\(\) \{/, 'the run line of the file');
    expect(screen).toContain('CODE — my-task');
    expect(screen).toContain(' 1 │ // Waits a little: a task of my own.');
    session.press('c');
    await session.waitForScreen(/SCOREBOARD/, 'the dashboard again');
    session.press('q');
    expect(await session.waitForExit(10_000)).toBe(0);
  });

  it('while presenting, c shows the code of the step’s workload and esc returns to the step', async () => {
    const session = open(['present'], 100, 30);
    await session.waitForScreen(/STEP 1\/10/, 'the first step');
    session.press('c');
    const screen = await session.waitForScreen(runLine, 'the run line of the step’s workload');
    expect(screen).toMatch(/CODE — [a-z-]+ · workloads\/[a-z-]+\.ts/);
    expect(screen).toContain('STEP 1/10');
    fits(screen, 30, 100);
    session.press('Escape');
    await session.waitForScreen(/SCOREBOARD/, 'the dashboard again');
    session.press('q');
    expect(await session.waitForExit(10_000)).toBe(0);
  });
});
