// The one table of keys: what each key does, its footer chip, its help line and its group. The key bindings,
// the footer, the help overlay, `--help` and the README (checked by a test) all read it, so they cannot drift.

import type { EngineAction } from '../engine/actions.ts';
import { maxThreads } from '../engine/engine-options.ts';
import { anyPoolSizeText, modelDescriptors } from '../engine/models/model-descriptors.ts';
import type { ModelName } from '../engine/types.ts';
import {
  pickWorkload,
  scrollHelp,
  stepLoad,
  stepThreads,
  stepWorkload,
  switchModel,
  togglePause,
} from './action-labels.ts';
import type { Command, KeyName, KeyRow, KeyState, Press } from './key-types.ts';
import { loadStepsText } from './load-steps.ts';
import { openSourcePress } from './source-view/source-press.ts';
import { goBack, openDetail, selectOrScroll } from './task-detail/task-keys.ts';
import { gilKeyDoes, toggleGilPress } from './threading-words.ts';
import type { ViewAction } from './view-state.ts';

const engine = (action: EngineAction): Command => ({ kind: 'engine', action });
const view = (action: ViewAction): Command => ({ kind: 'view', action });

/** The help overlay's sections (keys first); scrolling moves one section at a time. */
export const helpSectionCount = 8;

/** One row per model of the descriptor table, in its order: its key switches to it. */
function modelRows(): KeyRow[] {
  return modelDescriptors().map((model, index) => ({
    id: model.name,
    group: 'model',
    keys: [model.key],
    // Models come first in the footer and go last (footer-hints.ts); among them, table order.
    footer: { chip: model.key, label: model.name, rank: index / 10 },
    does: `switch to ${model.name}: ${model.does}`,
    engine: true,
    press: switchModel(model.name as ModelName),
  }));
}

/** Every key of the dashboard, in the order the docs list them. */
export function keyTable(workloadCount: number): KeyRow[] {
  const digits = Array.from({ length: Math.min(9, workloadCount) }, (_, index) => String(index + 1));
  const rows: KeyRow[] = modelRows();
  if (workloadCount > 0) {
    rows.push({
      id: 'workload',
      group: 'load',
      keys: [...digits, 'tab', 'shift-tab'],
      footer: { chip: digits.length > 1 ? `1-${digits.length}` : '1', label: 'workload', rank: 4 },
      does: 'pick a workload: by number, or tab / shift-tab',
      engine: true,
      press: (key, state) =>
        key === 'tab'
          ? stepWorkload(state, 1)
          : key === 'shift-tab'
            ? stepWorkload(state, -1)
            : pickWorkload(state.workloads[Number(key) - 1]?.name, state, ''),
    });
  }
  rows.push(
    {
      id: 'load',
      group: 'load',
      keys: ['+', '=', '-'],
      footer: { chip: '+/-', label: 'concurrency', rank: 5 },
      does: `more / fewer tasks in flight (per second with --rate), by steps: ${loadStepsText()}`,
      engine: true,
      press: (key, state) => stepLoad(state, key === '-' ? -1 : 1),
    },
    {
      id: 'threads',
      group: 'load',
      keys: ['[', ']'],
      footer: { chip: '[/]', label: 'threads', rank: 7 },
      does: `fewer / more in each pool: 1 … ${anyPoolSizeText(maxThreads)}`,
      engine: true,
      press: (key, state) => stepThreads(state, key === '[' ? -1 : 1),
    },
    { id: 'gil', group: 'load', keys: ['g'], does: gilKeyDoes, engine: true, press: toggleGilPress },
    {
      id: 'pause',
      group: 'run',
      keys: ['space'],
      footer: { chip: 'space', label: 'pause', rank: 6 },
      does: 'pause / resume submitting tasks',
      engine: true,
      press: (_key, state) => togglePause(state),
    },
    {
      id: 'reset',
      group: 'run',
      // Recording shares reset's row (both act on the run's numbers), so every key stays in sight in the help at 80×24.
      keys: ['r', 's'],
      footer: { chip: 'r/s', label: 'reset/record', rank: 8 },
      does: 'r: reset the numbers; s: start / stop recording to a file',
      engine: true,
      press: (key) =>
        key === 's'
          ? // What it did (which file, or why not) is known once the source has acted: the dashboard echoes that.
            { commands: [{ kind: 'record' }], echo: { text: 'recording: start / stop' } }
          : {
              commands: [engine({ type: 'resetStatistics' })],
              echo: { text: 'reset: counters, charts and scoreboard start afresh' },
            },
    },
    {
      id: 'lanes',
      group: 'help',
      keys: ['t'],
      footer: { chip: 't', label: 'timeline', rank: 3 },
      does: 'show / hide the timeline: what each thread ran, and when',
      engine: false,
      press: toggleLanes,
    },
    {
      id: 'help',
      group: 'help',
      // PgUp/PgDn and `c` share the row, so every key stays in sight when the help opens at 80×24.
      keys: ['?', 'pageup', 'pagedown', 'c'],
      footer: { chip: '?', label: 'help', rank: 2 },
      does: "?: help, PgUp/PgDn scroll it; c: the running task's code",
      engine: false,
      press: (key, state) =>
        key === 'c'
          ? openSourcePress(key, state)
          : key === '?'
            ? {
                commands: [view({ type: 'toggleHelp' })],
                echo: { text: state.helpOpen ? 'help closed' : 'help: ↑/↓ scroll, esc closes' },
                state: { helpOpen: !state.helpOpen },
              }
            : scrollHelp(helpSectionCount)(key, state),
    },
    {
      id: 'select',
      group: 'tasks',
      keys: ['up', 'down', 'j', 'k'],
      // Only while the help is open: with it closed, the table's title says what the selection does.
      footer: { chip: '↑/↓', label: 'scroll', rank: 2.5, inHelp: true },
      does: 'select a task in the table; in the help, scroll it',
      engine: false,
      press: selectOrScroll(scrollHelp(helpSectionCount)),
    },
    {
      id: 'close',
      group: 'tasks',
      // One row for both, so the keys stay in sight when the help opens at 80×24.
      keys: ['enter', 'esc'],
      footer: { chip: 'esc', label: 'close', rank: 2.6, inHelp: true },
      does: 'open the selected task / go back, or close the help',
      // Enter closes an open help itself (task-keys.ts), so esc can close the help alone.
      engine: false,
      press: (key, state) => (key === 'enter' ? openDetail(key, state) : goBack(key, state)),
    },
    {
      id: 'quit',
      group: 'run',
      keys: ['q', 'ctrl-c'],
      // Its label goes last of all: however many models the footer lists, a new user sees how to leave.
      footer: { chip: 'q', label: 'quit', rank: -1 },
      does: 'quit (the terminal is restored, no thread is left behind)',
      engine: false,
      press: () => ({ commands: [{ kind: 'quit' }] }),
    },
  );
  return rows;
}

/** `t`: the lanes on or off; over the help it closes the help too, so the audience sees the lanes change. */
function toggleLanes(_key: KeyName, state: KeyState): Press {
  const open = !state.lanesOpen;
  return {
    commands: [...(state.helpOpen ? [view({ type: 'closeHelp' })] : []), view({ type: 'toggleLanes' })],
    echo: {
      text: open ? 'timeline lanes shown: one lane per thread, t hides them' : 'timeline lanes hidden',
    },
    state: { lanesOpen: open, helpOpen: false },
  };
}
