import { describe, expect, it } from 'vitest';
import { talkScript } from '../source/present/talk-script.ts';
import { built, closingSessions, requireTerminalInCi } from './helpers/terminal-tests.ts';
import { hasTmux, TerminalSession } from './helpers/tmux.ts';

requireTerminalInCi();

const sessions = closingSessions();

/** The caption's first words, as the band's first line shows them at 120 columns. */
const opening = (caption: string) =>
  new RegExp(
    caption
      .split(' ')
      .slice(0, 4)
      .join(' ')
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
  );

describe.runIf(hasTmux && built)('presenting the built-in script in a real terminal', () => {
  it('shows every step with its caption, moving on with → and space, back with ←, and quits clean', async () => {
    const session = new TerminalSession(['present'], { columns: 120, rows: 40 });
    sessions.push(session);
    const steps = talkScript.steps;
    await session.waitForScreen(/STEP 1\/10/, 'the first step');
    await session.waitForScreen(opening(steps[0]?.caption ?? ''), 'the first caption');
    // The footer says what space does here: the next step, not pause.
    expect(await session.waitForScreen(/→\/space/, 'the presenter footer')).not.toMatch(/ space {2}pause/);
    for (let index = 1; index < steps.length; index++) {
      session.press(index % 2 === 0 ? 'Space' : 'Right');
      const screen = await session.waitForScreen(new RegExp(`STEP ${index + 1}/10`), `step ${index + 1}`);
      expect(screen).toMatch(opening(steps[index]?.caption ?? ''));
      // The dashboard below keeps running the step's settings.
      const model = steps[index]?.model;
      if (model)
        await session.waitForScreen(new RegExp(`▶ ${model.toUpperCase()}`), `the ${model} row running`);
    }
    session.press('Right');
    await session.waitForScreen(/this is the last step/, 'the last step said');
    session.press('Left');
    await session.waitForScreen(/STEP 9\/10/, 'back one step');
    session.press('q');
    expect(await session.waitForExit()).toBe(0);
  }, 90_000);
});
