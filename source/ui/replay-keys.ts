// The keys of a replay: the transport keys (space, ←/→, </>, n) drive the replay; keys that would change the run
// say that a replay changes nothing; looking keys (help, task table, quit) work as in a live run.

import type { SnapshotPart } from '../engine/engine-handle.ts';
import type { ReplayControls } from '../record/source-controls.ts';
import {
  type BindingContext,
  type Command,
  commandsFor,
  inputOfName,
  type KeyFlags,
  keyNames,
} from './key-bindings.ts';
import { keyLabel } from './key-labels.ts';
import { keyTable } from './key-table.ts';
import { markerWords } from './replay-lines.ts';
import type { KeyEcho } from './view-state.ts';

/** What a transport key asks of the replay. */
export type ReplayControl = 'togglePause' | 'seekBack' | 'seekForward' | 'slower' | 'faster' | 'nextMarker';

export type ReplayCommand = Command | { kind: 'replay'; control: ReplayControl; key: string };

/** How far `←`/`→` seek, ms. */
export const seekStepMs = 5000;

const transport: Record<string, ReplayControl> = {
  space: 'togglePause',
  left: 'seekBack',
  right: 'seekForward',
  '<': 'slower',
  ',': 'slower',
  '>': 'faster',
  '.': 'faster',
  n: 'nextMarker',
};

/** What one key, by name, does in a live run: for sources that take some keys and leave the rest as they are. */
export function liveCommandsForName(name: string, context: BindingContext): Command[] {
  const [single, flags] = inputOfName(name);
  return commandsFor(single, flags, context);
}

const warn = (key: string, text: string): Command => ({
  kind: 'view',
  action: { type: 'echo', echo: { key: keyLabel(key), text, level: 'warning' } },
});

/**
 * The commands for one `useInput` call during a replay. `lacks`: the parts of a snapshot the replayed file does
 * not hold (`EngineHandle.lacks`); a key that would show one says it was not recorded.
 */
export function replayCommandsFor(
  input: string,
  key: KeyFlags,
  context: BindingContext,
  lacks: readonly SnapshotPart[],
): ReplayCommand[] {
  const rows = keyTable(context.workloads.length);
  const commands: ReplayCommand[] = [];
  for (const name of keyNames(input, key)) {
    const control = transport[name];
    if (control) {
      commands.push({ kind: 'replay', control, key: keyLabel(name) });
      continue;
    }
    const row = rows.find((candidate) => candidate.keys.includes(name));
    if (row?.id === 'lanes' && lacks.includes('timeline')) {
      commands.push(warn(name, 'the timeline lanes were not recorded in this file'));
    } else if (row?.engine) {
      commands.push(warn(name, 'a replay changes nothing: this key acts in a live run'));
    } else {
      const live = liveCommandsForName(name, context);
      commands.push(...live);
      if (live.some((command) => command.kind === 'quit')) break;
    }
  }
  return commands;
}

/** Applies a transport key to the replay and says what it did, for the footer's echo. */
export function applyReplayControl(replay: ReplayControls, control: ReplayControl, key: string): KeyEcho {
  switch (control) {
    case 'togglePause': {
      replay.togglePause();
      const state = replay.state();
      return { key, text: state.paused ? 'replay paused' : 'replay playing' };
    }
    case 'seekBack':
    case 'seekForward': {
      replay.seek(control === 'seekBack' ? -seekStepMs : seekStepMs);
      return { key, text: `${control === 'seekBack' ? 'back' : 'on'} 5 s` };
    }
    case 'slower':
    case 'faster': {
      const before = replay.state().speed;
      replay.stepSpeed(control === 'slower' ? -1 : 1);
      const speed = replay.state().speed;
      return speed === before
        ? {
            key,
            text: `speed ${speed}× is the ${control === 'slower' ? 'slowest' : 'fastest'}`,
            level: 'warning',
          }
        : { key, text: `speed ${speed}×` };
    }
    case 'nextMarker': {
      const marker = replay.nextMarker();
      const state = replay.state();
      return marker
        ? { key, text: `marker: ${markerWords(marker, state.start)}` }
        : { key, text: 'no marker after this point', level: 'warning' };
    }
  }
}
