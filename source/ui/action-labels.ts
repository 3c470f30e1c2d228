// What each key does, as commands and in plain words for the footer's echo, so the audience sees what was
// pressed and what it changed. The key table (key-table.ts) says which key does which.

import type { EngineAction } from '../engine/actions.ts';
import { clampThreads, maxThreads, stepConcurrency } from '../engine/engine-options.ts';
import { schedulerLimits } from '../engine/scheduler.ts';
import type { ModelName } from '../engine/types.ts';
import { formatCount, formatRate } from './format.ts';
import type { Command, KeyRow, KeyState, Press } from './key-types.ts';
import type { ViewAction } from './view-state.ts';

const engine = (action: EngineAction): Command => ({ kind: 'engine', action });
const view = (action: ViewAction): Command => ({ kind: 'view', action });

/** An engine action in words, for an echo without a key (a driver that dispatches directly). */
export function describeAction(action: EngineAction): string {
  switch (action.type) {
    case 'switchModel':
      return `switch to ${action.model}`;
    case 'setWorkload':
      return `workload ${action.workload}`;
    case 'reloadWorkload':
      return 'reload the workload file';
    case 'changeConcurrency':
      return `concurrency ${action.delta > 0 ? '+' : ''}${action.delta}`;
    case 'setConcurrency':
      return `concurrency ${action.concurrency}`;
    case 'setRate':
      return `rate ${action.rate}/s`;
    case 'changeThreads':
      return `threads ${action.delta > 0 ? '+' : ''}${action.delta}`;
    case 'toggleGil':
      return 'GIL on / off';
    case 'togglePause':
      return 'pause / resume';
    case 'resetStatistics':
      return 'reset statistics';
    case 'inspectTask':
      return action.id === undefined ? 'close the task detail' : `open task #${action.id}`;
    case 'suspendMeasuring':
      return 'suspend';
    case 'resumeMeasuring':
      return 'resume after suspend';
  }
}

export function switchModel(model: ModelName): KeyRow['press'] {
  return (_key, state) =>
    state.model === model
      ? { commands: [engine({ type: 'switchModel', model })], echo: { text: `already ${model}` } }
      : {
          commands: [engine({ type: 'switchModel', model })],
          echo: { text: `switch to ${model}` },
          state: { model },
        };
}

export function pickWorkload(name: string | undefined, state: KeyState, how: string): Press {
  if (!name) {
    const count = state.workloads.length;
    return {
      commands: [],
      echo: { text: count ? `no such workload: 1…${count}` : 'no workloads to pick', level: 'warning' },
    };
  }
  const index = state.workloads.findIndex((workload) => workload.name === name);
  const text =
    name === state.workload ? `already ${name}` : `workload ${index + 1}: ${name}${how ? ` (${how})` : ''}`;
  return {
    commands: [engine({ type: 'setWorkload', workload: name })],
    echo: { text },
    state: { workload: name },
  };
}

export function stepWorkload(state: KeyState, step: 1 | -1): Press {
  const count = state.workloads.length;
  if (count === 0) return pickWorkload(undefined, state, '');
  const current = state.workloads.findIndex((workload) => workload.name === state.workload);
  // With no current workload, tab starts at the first and shift-tab at the last.
  const from = current >= 0 ? current : step === 1 ? -1 : 0;
  const next = state.workloads[(((from + step) % count) + count) % count];
  return pickWorkload(next?.name, state, step === 1 ? 'next' : 'previous');
}

export function stepLoad(state: KeyState, delta: 1 | -1): Press {
  const commands = [engine({ type: 'changeConcurrency', delta })];
  const scheduler = state.scheduler;
  if (!scheduler) return { commands, echo: { text: `load ${delta > 0 ? 'one step up' : 'one step down'}` } };
  const open = scheduler.mode === 'open';
  const from = open ? scheduler.rate : scheduler.concurrency;
  const to = stepConcurrency(from, delta, open ? schedulerLimits.rate : schedulerLimits.concurrency);
  const name = open ? 'rate' : 'concurrency';
  const show = open ? formatRate : formatCount;
  if (to === from) {
    const limit = delta > 0 ? 'the highest step' : 'the lowest step';
    return { commands, echo: { text: `${name} stays ${show(from)}: ${limit}`, level: 'warning' } };
  }
  const next = open ? { ...scheduler, rate: to } : { ...scheduler, concurrency: to };
  return { commands, echo: { text: `${name} ${show(from)} → ${show(to)}` }, state: { scheduler: next } };
}

export function stepThreads(state: KeyState, delta: 1 | -1): Press {
  const commands = [engine({ type: 'changeThreads', delta })];
  if (state.threads === undefined) return { commands, echo: { text: `threads ${delta > 0 ? '+1' : '-1'}` } };
  const to = clampThreads(state.threads + delta);
  if (to === state.threads) {
    const limit = delta > 0 ? `the most, ${maxThreads}` : 'the fewest, 1';
    return { commands, echo: { text: `threads stay ${to}: ${limit}`, level: 'warning' } };
  }
  return { commands, echo: { text: `threads ${state.threads} → ${to}` }, state: { threads: to } };
}

export function togglePause(state: KeyState): Press {
  const commands = [engine({ type: 'togglePause' })];
  if (!state.scheduler) return { commands, echo: { text: 'pause / resume' } };
  const paused = !state.scheduler.paused;
  return {
    commands,
    echo: { text: paused ? 'paused: no new tasks' : 'resumed' },
    state: { scheduler: { ...state.scheduler, paused } },
  };
}

/** `↑`/`↓` and PgUp/PgDn: a section (two with PgUp/PgDn) of a help of `sections` sections. */
export function scrollHelp(sections: number): KeyRow['press'] {
  return (key, state) => {
    if (!state.helpOpen) {
      return { commands: [], echo: { text: 'scrolls the help: press ? to open it', level: 'warning' } };
    }
    const by = key === 'up' || key === 'pageup' ? -1 : 1;
    const steps = key === 'pageup' || key === 'pagedown' ? 2 : 1;
    return {
      commands: [view({ type: 'scrollHelp', by: by * steps, sections })],
      echo: { text: by < 0 ? 'help: up' : 'help: down' },
    };
  };
}
