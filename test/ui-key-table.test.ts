import { describe, expect, test } from 'vitest';
import type { WorkloadSummary } from '../source/engine/engine-handle.ts';
import { helpSections } from '../source/ui/help-overlay.tsx';
import {
  type BindingContext,
  type Command,
  commandsFor,
  type KeyFlags,
  keyNames,
} from '../source/ui/key-bindings.ts';
import { keyLabel, keyNameOfLabel } from '../source/ui/key-labels.ts';
import { helpSectionCount, keyTable } from '../source/ui/key-table.ts';
import { loadSteps } from '../source/ui/load-steps.ts';
import { initialViewState, type ViewState, viewReducer } from '../source/ui/view-state.ts';
import { asyncRunningCpu } from './fixtures/snapshots.ts';

const workloads: WorkloadSummary[] = ['cpu', 'io-http', 'io-timer', 'blocking', 'mixed'].map((name) => ({
  name,
  kind: 'cpu',
  description: name,
}));

/** A small seeded generator (mulberry32), so a failing sequence can be replayed from its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Event = { input: string; key: KeyFlags };

/** Characters a user or a paste may send: every bound key in both cases, and some that are bound to nothing. */
const characters = [...'awAWrRqQ123456789+=-[] ?\t\u0003\u001Bxz!éZ\r'];
const flagEvents: KeyFlags[] = [
  { upArrow: true },
  { downArrow: true },
  { pageUp: true },
  { pageDown: true },
  { escape: true },
  { tab: true },
  { tab: true, shift: true },
  { leftArrow: true },
  { ctrl: true },
  { meta: true },
  {},
];

function randomEvent(next: () => number): Event {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  if (next() < 0.3) {
    const key = pick(flagEvents);
    return { input: key.ctrl || key.meta ? pick(['c', 'x', 'w']) : '', key };
  }
  // Quit is rarer than the other keys, so sequences run long enough to reach every state.
  const length = 1 + Math.floor(next() * 4);
  let input = '';
  while (input.length < length) {
    const character = pick(characters);
    if ('qQ\u0003'.includes(character) && next() < 0.8) continue;
    input += character;
  }
  return { input, key: next() < 0.1 ? { shift: true } : {} };
}

function isEcho(command: Command): boolean {
  return command.kind === 'view' && command.action.type === 'echo';
}

describe('every key press over random sequences', () => {
  test.each(Array.from({ length: 20 }, (_, index) => index + 1))(
    'seed %i: no key vanishes silently, quit always quits, engine keys close the help',
    (seed) => {
      const next = random(seed);
      let view: ViewState = initialViewState;
      for (let step = 0; step < 300; step++) {
        const event = randomEvent(next);
        const context: BindingContext = {
          helpOpen: view.helpOpen,
          workloads,
          currentWorkload: 'cpu',
          snapshot: next() < 0.5 ? asyncRunningCpu : undefined,
          expected: view.expected,
        };
        const names = keyNames(event.input, event.key);
        const commands = commandsFor(event.input, event.key, context);
        const where = `seed ${seed} step ${step}: ${JSON.stringify(event)}`;
        const quitAt = names.findIndex((name) => name === 'q' || name === 'ctrl-c');
        if (quitAt >= 0) {
          // Quit always quits, and nothing after it is sent.
          expect(commands.at(-1), where).toEqual({ kind: 'quit' });
          expect(
            commands.filter((command) => command.kind === 'quit'),
            where,
          ).toHaveLength(1);
        } else {
          expect(
            commands.some((command) => command.kind === 'quit'),
            where,
          ).toBe(false);
        }
        // Every key before a quit leaves exactly one echo in the footer.
        const pressed = quitAt >= 0 ? quitAt : names.length;
        expect(commands.filter(isEcho), where).toHaveLength(pressed);
        for (const command of commands) {
          if (command.kind === 'view') view = viewReducer(view, command.action);
          // An engine key never acts behind the help: the help is closed by the time it acts.
          if (command.kind === 'engine') expect(view.helpOpen, where).toBe(false);
        }
        expect(view.helpScroll, where).toBeGreaterThanOrEqual(0);
        expect(view.helpScroll, where).toBeLessThan(helpSectionCount);
        if (quitAt >= 0) view = initialViewState;
      }
    },
  );

  test.each(Array.from({ length: 10 }, (_, index) => index + 100))(
    'seed %i: a string of letters does the same in upper and lower case',
    (seed) => {
      const next = random(seed);
      for (let step = 0; step < 200; step++) {
        const input = Array.from({ length: 1 + Math.floor(next() * 5) }, () =>
          'awrqxz'.charAt(Math.floor(next() * 6)),
        ).join('');
        const context: BindingContext = { helpOpen: next() < 0.5, workloads, currentWorkload: 'cpu' };
        expect(commandsFor(input.toUpperCase(), {}, context), input).toEqual(commandsFor(input, {}, context));
      }
    },
  );
});

describe('the key table', () => {
  test('no key is bound twice', () => {
    const keys = keyTable(9).flatMap((row) => row.keys);
    expect(new Set(keys).size).toBe(keys.length);
  });

  test('every key in the table reaches its row through the bindings', () => {
    for (const row of keyTable(5)) {
      for (const name of row.keys) {
        const event: Event =
          name === 'tab' || name === 'shift-tab'
            ? { input: '', key: { tab: true, shift: name === 'shift-tab' } }
            : name === 'esc'
              ? { input: '', key: { escape: true } }
              : name === 'enter'
                ? { input: '', key: { return: true } }
                : name === 'ctrl-c'
                  ? { input: 'c', key: { ctrl: true } }
                  : name === 'up' || name === 'down'
                    ? { input: '', key: { [`${name}Arrow`]: true } }
                    : name === 'pageup'
                      ? { input: '', key: { pageUp: true } }
                      : name === 'pagedown'
                        ? { input: '', key: { pageDown: true } }
                        : { input: name === 'space' ? ' ' : name, key: {} };
        expect(keyNames(event.input, event.key), name).toEqual([name]);
        const echo = commandsFor(event.input, event.key, {
          helpOpen: true,
          workloads,
          currentWorkload: 'cpu',
        });
        expect(JSON.stringify(echo), name).not.toContain('not a key');
      }
    }
  });

  test('a key label reads back as its key', () => {
    for (const row of keyTable(5))
      for (const name of row.keys) expect(keyNameOfLabel(keyLabel(name))).toBe(name);
  });

  test('the workload keys follow the number of workloads', () => {
    expect(keyTable(3).find((row) => row.id === 'workload')?.keys).toEqual([
      '1',
      '2',
      '3',
      'tab',
      'shift-tab',
    ]);
    expect(keyTable(0).find((row) => row.id === 'workload')).toBeUndefined();
  });

  test('the + steps are the engine ladder, and the docs list the steps around 1,000', () => {
    const steps = loadSteps();
    expect(steps[0]).toBe(1);
    expect(steps).toContain(512);
    expect(steps).toContain(1000);
    const does = keyTable(5).find((row) => row.id === 'load')?.does ?? '';
    expect(does).toContain(`512, 1,000`);
  });

  test('scrolling knows how many help sections there are', () => {
    expect(helpSections(5)).toHaveLength(helpSectionCount);
  });
});
