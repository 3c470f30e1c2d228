// Pure key handling: what Ink hands `useInput` becomes a list of commands.
// A fast typist or a paste can deliver several keys in one string, so every character counts.

import type { EngineAction } from '../engine/actions.ts';
import type { WorkloadSummary } from '../engine/engine-handle.ts';
import type { ViewAction } from './view-state.ts';

export type Command =
  | { kind: 'engine'; action: EngineAction }
  | { kind: 'view'; action: ViewAction }
  | { kind: 'quit' };

/** The parts of Ink's `Key` the bindings look at. */
export type KeyFlags = {
  ctrl?: boolean;
  meta?: boolean;
  shift?: boolean;
  escape?: boolean;
  tab?: boolean;
};

export type BindingContext = {
  helpOpen: boolean;
  /** In key order: `1` picks the first. */
  workloads: readonly WorkloadSummary[];
  /** The workload running now, for `tab` to cycle from. */
  currentWorkload: string | undefined;
};

const ctrlC = '\u0003';

const engine = (action: EngineAction): Command => ({ kind: 'engine', action });

const plainKeys: Record<string, Command> = {
  a: engine({ type: 'switchModel', model: 'async' }),
  w: engine({ type: 'switchModel', model: 'workers' }),
  '+': engine({ type: 'changeConcurrency', delta: 1 }),
  '=': engine({ type: 'changeConcurrency', delta: 1 }),
  '-': engine({ type: 'changeConcurrency', delta: -1 }),
  '[': engine({ type: 'changeThreads', delta: -1 }),
  ']': engine({ type: 'changeThreads', delta: 1 }),
  ' ': engine({ type: 'togglePause' }),
  r: engine({ type: 'resetStatistics' }),
  q: { kind: 'quit' },
  [ctrlC]: { kind: 'quit' },
};

/** The commands for one `useInput` call: `input` may hold several keys, handled in order. */
export function commandsFor(input: string, key: KeyFlags, context: BindingContext): Command[] {
  if (key.ctrl) return input === 'c' ? [{ kind: 'quit' }] : [];
  if (key.meta) return [];
  if (key.escape) return context.helpOpen ? [{ kind: 'view', action: { type: 'closeHelp' } }] : [];
  if (key.tab) return workloadStep(context, key.shift ? -1 : 1);

  const commands: Command[] = [];
  let { helpOpen, currentWorkload } = context;
  for (const character of input) {
    const command = commandForCharacter(character, { ...context, helpOpen, currentWorkload });
    if (!command) continue;
    commands.push(command);
    if (command.kind === 'quit') break;
    if (command.kind === 'view' && command.action.type === 'toggleHelp') helpOpen = !helpOpen;
    if (command.kind === 'engine' && command.action.type === 'setWorkload') {
      currentWorkload = command.action.workload;
    }
  }
  return commands;
}

function commandForCharacter(character: string, context: BindingContext): Command | undefined {
  if (character === '?') return { kind: 'view', action: { type: 'toggleHelp' } };
  const plain = plainKeys[character];
  if (plain?.kind === 'quit') return plain;
  // The help overlay is modal: only closing it and quitting work while it is open.
  if (context.helpOpen) return undefined;
  if (plain) return plain;
  if (character === '\t') return workloadStep(context, 1)[0];
  if (/^[1-9]$/.test(character)) {
    const workload = context.workloads[Number(character) - 1];
    return workload ? engine({ type: 'setWorkload', workload: workload.name }) : undefined;
  }
  return undefined;
}

function workloadStep(context: BindingContext, step: 1 | -1): Command[] {
  if (context.helpOpen || context.workloads.length === 0) return [];
  const current = context.workloads.findIndex((workload) => workload.name === context.currentWorkload);
  const count = context.workloads.length;
  // With no current workload, tab starts at the first and shift-tab at the last.
  const from = current >= 0 ? current : step === 1 ? -1 : 0;
  const next = context.workloads[(((from + step) % count) + count) % count];
  return next ? [engine({ type: 'setWorkload', workload: next.name })] : [];
}
