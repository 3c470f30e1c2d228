// The keys while presenting a script: `→` and `space` move to the next step, `←` back to the one before; every
// other key does what it does in a live run (the speaker may press `w` on stage), `space` no longer pausing.

import type { PresenterControls } from '../present/presenter.ts';
import type { HintReplacements } from './footer-hints.ts';
import { type BindingContext, type Command, type KeyFlags, keyNames } from './key-bindings.ts';
import { keyLabel } from './key-labels.ts';
import { liveCommandsForName } from './replay-keys.ts';
import type { KeyEcho } from './view-state.ts';

export type PresenterMove = 'next' | 'previous';
export type PresenterCommand = Command | { kind: 'present'; move: PresenterMove; key: string };

/** The footer while presenting: `space` moves to the next step (`←` goes back, as the band says). */
export const presenterHints: HintReplacements = new Map([
  ['space', { keys: '→/space', label: 'next step', rank: 0 }],
]);

const moves: Record<string, PresenterMove> = { right: 'next', space: 'next', left: 'previous' };

/** The commands for one `useInput` call while presenting. */
export function presenterCommandsFor(
  input: string,
  key: KeyFlags,
  context: BindingContext,
): PresenterCommand[] {
  const commands: PresenterCommand[] = [];
  for (const name of keyNames(input, key)) {
    const move = moves[name];
    if (move && !context.helpOpen) {
      commands.push({ kind: 'present', move, key: keyLabel(name) });
      continue;
    }
    const live = liveCommandsForName(name, context);
    commands.push(...live);
    if (live.some((command) => command.kind === 'quit')) break;
  }
  return commands;
}

/** Moves the presentation and says where it is now, for the footer's echo. */
export function applyPresenterMove(presenter: PresenterControls, move: PresenterMove, key: string): KeyEcho {
  const before = presenter.state().index;
  presenter[move]();
  const { index, steps } = presenter.state();
  if (index === before) {
    return {
      key,
      text: move === 'next' ? 'this is the last step' : 'this is the first step',
      level: 'warning',
    };
  }
  return { key, text: `step ${index + 1} of ${steps}` };
}
