// Presenting a script that names panes, in a real terminal at the sizes a large font leaves (80×24, then 100×30):
// no hint to enlarge, the step's title in block letters, only the panes the step names, and the whole dashboard
// for a step that names none.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stageLetters } from '../source/ui/stage-letters.ts';
import { built, closingSessions, requireTerminalInCi } from './helpers/terminal-tests.ts';
import { hasTmux, TerminalSession } from './helpers/tmux.ts';

requireTerminalInCi();

const folder = mkdtempSync(path.join(tmpdir(), 'concur-tui-stage-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const sessions = closingSessions();

const script = {
  title: 'stage',
  steps: [
    {
      caption: 'The loop alone: its lag under cpu work',
      title: 'LOOP',
      workload: 'cpu',
      model: 'async',
      concurrency: 4,
      advance: 'key',
      panes: ['scoreboard', 'eventLoop'],
    },
    { caption: 'Every pane, as the dashboard has them', model: 'workers', advance: 'key' },
    {
      caption: 'The lanes and the cores, nothing else',
      title: 'LANES',
      advance: 'key',
      panes: ['lanes', 'cpu'],
    },
  ],
};

/** A pane's title: an inverse chip in colour, between rules without (the header, which could say "CPU", is left out). */
const title = (name: string) => new RegExp(`(^|\\s)${name}\\s`, 'm');
const titles = {
  scoreboard: title('SCOREBOARD'),
  eventLoop: title('EVENT LOOP'),
  tasks: title('TASKS'),
  cpu: title('CPU'),
  lanes: title('TIMELINE'),
};

/** The screen holds the frame strictly above its last row, and no hint to enlarge. */
function expectFits(screen: string, rows: number): void {
  const lines = screen.split('\n').slice(0, rows);
  expect(lines.at(-1)?.trim(), screen).toBe('');
  expect(screen).not.toMatch(/enlarge/);
}

describe.runIf(hasTmux && built)('presenting a script that names panes, in a real terminal', () => {
  it('shows at 80×24 and 100×30 only the named panes, under the title in block letters', async () => {
    const file = path.join(folder, 'stage.json');
    writeFileSync(file, JSON.stringify(script));
    const session = new TerminalSession(['present', file], { columns: 80, rows: 24 });
    sessions.push(session);

    let screen = await session.waitForScreen(/STEP 1\/3[\s\S]*▶ ASYNC[\s\S]*EVENT LOOP /, 'step 1');
    screen = await session.waitForScreen(/▶ ASYNC .*\d\/s/, 'the async row counting');
    expectFits(screen, 24);
    expect(screen).toMatch(titles.scoreboard);
    expect(screen).not.toMatch(titles.tasks);
    expect(screen).not.toMatch(titles.cpu);
    expect(screen).toContain(stageLetters('LOOP', 1)?.[0]);
    expect(screen).toContain('The loop alone: its lag');

    session.press('Right');
    screen = await session.waitForScreen(/STEP 2\/3[\s\S]* TASKS [\s\S]* CPU /, 'step 2, every pane');
    expectFits(screen, 24);
    expect(screen).toMatch(titles.scoreboard);
    expect(screen).toMatch(titles.eventLoop);

    session.resize(100, 30);
    screen = await session.waitForScreen(/STEP 2\/3[\s\S]*╔═/, 'the framed scoreboard at 100×30');
    expectFits(screen, 30);

    session.press('Right');
    screen = await session.waitForScreen(/STEP 3\/3[\s\S]* CPU [\s\S]* TIMELINE /, 'step 3, lanes and cores');
    expectFits(screen, 30);
    expect(screen).not.toMatch(titles.scoreboard);
    expect(screen).not.toMatch(titles.eventLoop);
    expect(screen).toContain(stageLetters('LANES', 1)?.[0]);
    session.press('q');
    expect(await session.waitForExit()).toBe(0);
  }, 60_000);
});
