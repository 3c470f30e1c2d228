// Pure key handling: what Ink hands `useInput` becomes a list of commands, looked up in the key table.
// A fast typist or a paste can deliver several keys in one string, so every character counts, and every key
// leaves an echo for the footer: none vanishes silently.

import type { WorkloadSummary } from '../engine/engine-handle.ts';
import type { ModelName, SchedulerSettings } from '../engine/types.ts';
import { keyLabel } from './key-labels.ts';
import { keyTable } from './key-table.ts';
import type { Command, KeyName, KeyState } from './key-types.ts';
import type { ExpectedSettings } from './view-state.ts';

export type { Command } from './key-types.ts';

/** The parts of Ink's `Key` the bindings look at. */
export type KeyFlags = {
  ctrl?: boolean;
  meta?: boolean;
  shift?: boolean;
  escape?: boolean;
  tab?: boolean;
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  home?: boolean;
  end?: boolean;
  return?: boolean;
  backspace?: boolean;
  delete?: boolean;
};

export type BindingContext = {
  helpOpen: boolean;
  /** In key order: `1` picks the first. */
  workloads: readonly WorkloadSummary[];
  /** The workload running now, for `tab` to cycle from. */
  currentWorkload: string | undefined;
  /**
   * The settings running now, so the echo can say what a key changed ("concurrency 512 → 1,000") or that it
   * hit a limit. Without them the echo names the key's action only. @default undefined
   */
  snapshot?:
    | {
        at: number;
        model: ModelName;
        scheduler: SchedulerSettings;
        poolThreads: number;
        threading?: { gil: boolean } | undefined;
      }
    | undefined;
  /** What earlier keys asked for that the snapshot does not show yet (`ViewState.expected`). @default undefined */
  expected?: ExpectedSettings | undefined;
  /** Whether the timeline lanes are shown (`ViewState.lanesOpen`). @default false */
  lanesOpen?: boolean | undefined;
  /** The task table's task ids, newest first, for `↑`/`↓` to select among. @default none */
  taskRows?: readonly number[] | undefined;
  /** The selected task and whether its detail is open (`ViewState`). @default none, closed */
  selectedTask?: number | undefined;
  detailOpen?: boolean | undefined;
};

/** Flags Ink sets for keys that type no character, in the order they are checked. */
const flagNames: [keyof KeyFlags, KeyName][] = [
  ['escape', 'esc'],
  ['upArrow', 'up'],
  ['downArrow', 'down'],
  ['pageUp', 'pageup'],
  ['pageDown', 'pagedown'],
  ['leftArrow', 'left'],
  ['rightArrow', 'right'],
  ['home', 'home'],
  ['end', 'end'],
  ['return', 'enter'],
  ['backspace', 'backspace'],
  ['delete', 'delete'],
];

const characterNames: Record<string, KeyName> = {
  ' ': 'space',
  '\t': 'tab',
  '\r': 'enter',
  '\n': 'enter',
  '\u0003': 'ctrl-c',
  '\u001B': 'esc',
};

/** The keys one `useInput` call carries, by name, in order. */
export function keyNames(input: string, key: KeyFlags): KeyName[] {
  if (key.ctrl) return [input === 'c' ? 'ctrl-c' : `ctrl-${input || '?'}`];
  if (key.tab) return [key.shift ? 'shift-tab' : 'tab'];
  for (const [flag, name] of flagNames) if (key[flag]) return [name];
  if (key.meta) return [`alt-${input}`];
  if (input === '') return ['unknown'];
  // Letters are case-insensitive: caps lock or shift must not make `A` or `W` silently do nothing.
  return Array.from(input, (character) => characterNames[character] ?? character.toLowerCase());
}

/** Ink's input and flags for each key `keyNames` names from flags rather than characters. */
const namedInputs: Record<string, [string, KeyFlags]> = {
  esc: ['', { escape: true }],
  up: ['', { upArrow: true }],
  down: ['', { downArrow: true }],
  left: ['', { leftArrow: true }],
  right: ['', { rightArrow: true }],
  pageup: ['', { pageUp: true }],
  pagedown: ['', { pageDown: true }],
  home: ['', { home: true }],
  end: ['', { end: true }],
  enter: ['', { return: true }],
  backspace: ['', { backspace: true }],
  delete: ['', { delete: true }],
  tab: ['', { tab: true }],
  'shift-tab': ['', { tab: true, shift: true }],
  space: [' ', {}],
  unknown: ['', {}],
};

/** Ink's input and flags for one key by name (`keyNames` backwards), to hand a single key to the bindings. */
export function inputOfName(name: KeyName): [string, KeyFlags] {
  const known = namedInputs[name];
  if (known) return known;
  if (name.startsWith('ctrl-')) return [name.slice(5), { ctrl: true }];
  if (name.startsWith('alt-')) return [name.slice(4), { meta: true }];
  return [name, {}];
}

/** The commands for one `useInput` call: `input` may hold several keys, handled in order. */
export function commandsFor(input: string, key: KeyFlags, context: BindingContext): Command[] {
  const rows = keyTable(context.workloads.length);
  const { snapshot } = context;
  // Keys pressed since this snapshot asked for settings it cannot show yet: start from those.
  const expected = snapshot && context.expected?.basis === snapshot.at ? context.expected : undefined;
  let state: KeyState = {
    helpOpen: context.helpOpen,
    workloads: context.workloads,
    workload: expected?.workload ?? context.currentWorkload,
    model: expected?.model ?? snapshot?.model,
    scheduler: expected?.scheduler ?? snapshot?.scheduler,
    threads: expected?.threads ?? snapshot?.poolThreads,
    gil: expected?.gil ?? snapshot?.threading?.gil,
    lanesOpen: context.lanesOpen,
    taskRows: context.taskRows,
    selectedTask: context.selectedTask,
    detailOpen: context.detailOpen,
  };
  const commands: Command[] = [];
  for (const name of keyNames(input, key)) {
    const row = rows.find((candidate) => candidate.keys.includes(name));
    const label = keyLabel(name);
    if (!row) {
      // A key with no binding closes the help if it is open, and says so: nothing vanishes silently.
      if (state.helpOpen) commands.push({ kind: 'view', action: { type: 'closeHelp' } });
      const text = `${state.helpOpen ? 'help closed · ' : ''}not a key: ? lists them`;
      commands.push({ kind: 'view', action: { type: 'echo', echo: { key: label, text, level: 'warning' } } });
      state = { ...state, helpOpen: false };
      continue;
    }
    const press = row.press(name, state);
    if (state.helpOpen && row.engine) {
      // A key that acts on the engine acts at once and closes the help, so the audience sees its effect.
      commands.push({ kind: 'view', action: { type: 'closeHelp' } });
      state = { ...state, helpOpen: false };
    }
    commands.push(...press.commands);
    if (press.commands.some((command) => command.kind === 'quit')) break;
    if (press.echo)
      commands.push({ kind: 'view', action: { type: 'echo', echo: { key: label, ...press.echo } } });
    state = { ...state, ...press.state };
  }
  const quits = commands.some((command) => command.kind === 'quit');
  if (snapshot && !quits && commands.some((command) => command.kind === 'engine')) {
    const { model, workload, scheduler, threads, gil } = state;
    commands.push({
      kind: 'view',
      action: { type: 'expect', expected: { basis: snapshot.at, model, workload, scheduler, threads, gil } },
    });
  }
  return commands;
}
