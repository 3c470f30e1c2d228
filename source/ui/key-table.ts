// The one table of keys: what each key does, its footer chip, its help line and its group. The key bindings,
// the footer, the help overlay, `--help` and the README (checked by a test) all read it, so they cannot drift.

import type { EngineAction } from '../engine/actions.ts';
import type { WorkloadSummary } from '../engine/engine-handle.ts';
import { maxThreads, stepConcurrency } from '../engine/engine-options.ts';
import { anyPoolSizeText, modelDescriptors } from '../engine/models/model-descriptors.ts';
import { schedulerLimits } from '../engine/scheduler.ts';
import type { ModelName, SchedulerSettings } from '../engine/types.ts';
import {
  pickWorkload,
  scrollHelp,
  stepLoad,
  stepThreads,
  stepWorkload,
  switchModel,
  togglePause,
} from './action-labels.ts';
import { formatCount } from './format.ts';
import { openSourcePress } from './source-view/source-press.ts';
import { goBack, openDetail, selectOrScroll } from './task-detail/task-keys.ts';
import { gilKeyDoes, toggleGilPress } from './threading-words.ts';
import type { KeyEcho, ViewAction } from './view-state.ts';

export type Command =
  | { kind: 'engine'; action: EngineAction }
  | { kind: 'view'; action: ViewAction }
  /** Start or stop recording the run (the snapshot source's `controls.recording`). */
  | { kind: 'record' }
  | { kind: 'quit' };

/**
 * A key by name: a printable character as typed (letters lower case), or one of the named keys. The names are
 * what the docs write, through `keyLabel`.
 */
export type KeyName = string;

/** What a key can see of the running dashboard; everything but `helpOpen` and `workloads` may be unknown. */
export type KeyState = {
  helpOpen: boolean;
  /** In key order: `1` picks the first. */
  workloads: readonly WorkloadSummary[];
  workload?: string | undefined;
  model?: ModelName | undefined;
  scheduler?: SchedulerSettings | undefined;
  /** Pool size setting. */
  threads?: number | undefined;
  /** Whether the worker threads take turns under one lock (`g`). */
  gil?: boolean | undefined;
  /** Whether the timeline lanes are shown (`t`); unknown reads as hidden. */
  lanesOpen?: boolean | undefined;
  /** The task table's task ids, newest first (`Snapshot.tasks.recent`): what `↑`/`↓` move over. */
  taskRows?: readonly number[] | undefined;
  /** The task selected in the table (`ViewState.selectedTask`). */
  selectedTask?: number | undefined;
  /** Whether the task detail is open (`ViewState.detailOpen`). */
  detailOpen?: boolean | undefined;
};

/** What one key press does: its effect, the echo for the footer, and the state it leaves for the next key. */
export type Press = { commands: Command[]; echo?: Omit<KeyEcho, 'key'>; state?: Partial<KeyState> };

export type KeyGroup = 'model' | 'load' | 'run' | 'help' | 'tasks';

export type KeyRow = {
  id: string;
  group: KeyGroup;
  /** The keys of this row, in the order the docs list them. */
  keys: readonly KeyName[];
  /** Footer chip and its label; `rank` orders what survives a narrow footer (0 first); `inHelp` only while help is open. */
  footer?: { chip: string; label: string; rank: number; inHelp?: boolean };
  /** One line for the help, `--help` and the README. */
  does: string;
  /** Whether the row acts on the engine: such a key pressed while the help is open acts and closes the help. */
  engine: boolean;
  press(key: KeyName, state: KeyState): Press;
};

/** How the docs write a key name. */
const labels: Record<string, string> = {
  space: 'space',
  tab: 'tab',
  'shift-tab': 'shift-tab',
  esc: 'esc',
  'ctrl-c': 'Ctrl-C',
  up: '↑',
  down: '↓',
  pageup: 'PgUp',
  pagedown: 'PgDn',
  enter: 'enter',
};

export function keyLabel(key: KeyName): string {
  return labels[key] ?? key;
}

/** The key names, in order, of the docs' spelling of keys (`keyLabel`'s inverse). */
export function keyNameOfLabel(label: string): KeyName | undefined {
  const entry = Object.entries(labels).find(([, written]) => written === label);
  return entry ? entry[0] : label.length === 1 ? label.toLowerCase() : undefined;
}

const engine = (action: EngineAction): Command => ({ kind: 'engine', action });
const view = (action: ViewAction): Command => ({ kind: 'view', action });

/** The concurrency (or rate) steps `+`/`-` move along, lowest first. */
export function loadSteps(): number[] {
  const steps = [stepConcurrency(0, 1)];
  for (;;) {
    const next = stepConcurrency(steps.at(-1) as number, 1, schedulerLimits.concurrency);
    if (next === steps.at(-1)) return steps;
    steps.push(next);
  }
}

/** `1, 2, 4, 8 … 512, 1,000, 2,000 … 200,000`: the steps as the docs write them. */
export function loadStepsText(): string {
  const steps = loadSteps().map(formatCount);
  const thousand = steps.indexOf('1,000');
  if (steps.length <= 8 || thousand < 5) return steps.join(', ');
  return `${steps.slice(0, 4).join(', ')} … ${steps.slice(thousand - 1, thousand + 3).join(', ')} … ${steps.at(-1)}`;
}

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

/** The keys of a row as the docs write them: `1`…`5` for a run of digits, the others one by one. */
export function rowKeyLabels(row: KeyRow): string[] {
  const digits = row.keys.filter((key) => /^[1-9]$/.test(key));
  const others = row.keys.filter((key) => !/^[1-9]$/.test(key)).map(keyLabel);
  if (digits.length === 0) return others;
  const range = digits.length === 1 ? digits[0] : `${digits[0]}…${digits.at(-1)}`;
  return [range as string, ...others];
}

/** A key as the README writes it: in backticks, a run of digits as `1`…`5`. */
function markdownKey(label: string): string {
  return label
    .split('…')
    .map((part) => `\`${part}\``)
    .join('…');
}

/** The README's table of keys, one line per row of the key table, columns padded to line up. */
export function keysMarkdown(workloadCount: number): string {
  const rows = keyTable(workloadCount).map((row) => [
    rowKeyLabels(row).map(markdownKey).join(', '),
    row.does,
  ]);
  const table = [['key', 'does'], ...rows];
  const widths = [0, 1].map((column) => Math.max(...table.map((cells) => (cells[column] ?? '').length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  const [head, ...body] = table as [string[], ...string[][]];
  return [line(head), line(widths.map((width) => '-'.repeat(width))), ...body.map(line)].join('\n');
}
