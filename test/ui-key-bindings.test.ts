import { describe, expect, test } from 'vitest';
import type { WorkloadSummary } from '../source/engine/engine-handle.ts';
import { type BindingContext, commandsFor } from '../source/ui/key-bindings.ts';

const workloads: WorkloadSummary[] = ['cpu', 'io-timer', 'io-http', 'blocking', 'mixed'].map((name) => ({
  name,
  kind: 'cpu',
  description: name,
}));
const context: BindingContext = { helpOpen: false, workloads, currentWorkload: 'cpu' };
const noKey = {};

describe('engine keys', () => {
  test('a and w switch the model', () => {
    expect(commandsFor('a', noKey, context)).toEqual([
      { kind: 'engine', action: { type: 'switchModel', model: 'async' } },
    ]);
    expect(commandsFor('w', noKey, context)).toEqual([
      { kind: 'engine', action: { type: 'switchModel', model: 'workers' } },
    ]);
  });

  test('+ and = raise concurrency, - lowers it', () => {
    const deltas = ['+', '=', '-'].map((input) => commandsFor(input, noKey, context)[0]);
    expect(deltas).toEqual([
      { kind: 'engine', action: { type: 'changeConcurrency', delta: 1 } },
      { kind: 'engine', action: { type: 'changeConcurrency', delta: 1 } },
      { kind: 'engine', action: { type: 'changeConcurrency', delta: -1 } },
    ]);
  });

  test('[ and ] resize the pool', () => {
    expect(commandsFor('[]', noKey, context)).toEqual([
      { kind: 'engine', action: { type: 'changeThreads', delta: -1 } },
      { kind: 'engine', action: { type: 'changeThreads', delta: 1 } },
    ]);
  });

  test('space pauses and r resets statistics', () => {
    expect(commandsFor(' r', noKey, context)).toEqual([
      { kind: 'engine', action: { type: 'togglePause' } },
      { kind: 'engine', action: { type: 'resetStatistics' } },
    ]);
  });

  test('a digit picks the workload at that position', () => {
    expect(commandsFor('2', noKey, context)).toEqual([
      { kind: 'engine', action: { type: 'setWorkload', workload: 'io-timer' } },
    ]);
  });

  test('a digit beyond the list does nothing', () => {
    expect(commandsFor('7', noKey, context)).toEqual([]);
  });
});

describe('tab', () => {
  test('tab picks the next workload', () => {
    expect(commandsFor('', { tab: true }, context)).toEqual([
      { kind: 'engine', action: { type: 'setWorkload', workload: 'io-timer' } },
    ]);
  });

  test('tab wraps around after the last workload', () => {
    expect(commandsFor('', { tab: true }, { ...context, currentWorkload: 'mixed' })).toEqual([
      { kind: 'engine', action: { type: 'setWorkload', workload: 'cpu' } },
    ]);
  });

  test('shift-tab picks the previous workload', () => {
    expect(commandsFor('', { tab: true, shift: true }, context)).toEqual([
      { kind: 'engine', action: { type: 'setWorkload', workload: 'mixed' } },
    ]);
  });

  test('two tabs in one string step twice', () => {
    expect(commandsFor('\t\t', noKey, context)).toEqual([
      { kind: 'engine', action: { type: 'setWorkload', workload: 'io-timer' } },
      { kind: 'engine', action: { type: 'setWorkload', workload: 'io-http' } },
    ]);
  });
});

describe('several keys in one string', () => {
  test('each key counts, in order', () => {
    expect(commandsFor('w+a', noKey, context)).toEqual([
      { kind: 'engine', action: { type: 'switchModel', model: 'workers' } },
      { kind: 'engine', action: { type: 'changeConcurrency', delta: 1 } },
      { kind: 'engine', action: { type: 'switchModel', model: 'async' } },
    ]);
  });

  test('nothing after a quit is sent', () => {
    expect(commandsFor('wqa', noKey, context)).toEqual([
      { kind: 'engine', action: { type: 'switchModel', model: 'workers' } },
      { kind: 'quit' },
    ]);
  });

  test('keys after ? are ignored because the help is then open', () => {
    expect(commandsFor('?w', noKey, context)).toEqual([{ kind: 'view', action: { type: 'toggleHelp' } }]);
  });

  test('unbound keys are skipped', () => {
    expect(commandsFor('xyzw', noKey, context)).toEqual([
      { kind: 'engine', action: { type: 'switchModel', model: 'workers' } },
    ]);
  });
});

describe('help and quitting', () => {
  test('? toggles the help', () => {
    expect(commandsFor('?', noKey, context)).toEqual([{ kind: 'view', action: { type: 'toggleHelp' } }]);
  });

  test('esc closes the help when it is open', () => {
    expect(commandsFor('', { escape: true }, { ...context, helpOpen: true })).toEqual([
      { kind: 'view', action: { type: 'closeHelp' } },
    ]);
  });

  test('while the help is open, engine keys do nothing', () => {
    expect(commandsFor('aw+2 ', noKey, { ...context, helpOpen: true })).toEqual([]);
  });

  test('q quits, even with the help open', () => {
    expect(commandsFor('q', noKey, { ...context, helpOpen: true })).toEqual([{ kind: 'quit' }]);
  });

  test('Ctrl-C quits', () => {
    expect(commandsFor('c', { ctrl: true }, context)).toEqual([{ kind: 'quit' }]);
    expect(commandsFor('\u0003', noKey, context)).toEqual([{ kind: 'quit' }]);
  });

  test('other control and meta keys do nothing', () => {
    expect(commandsFor('w', { ctrl: true }, context)).toEqual([]);
    expect(commandsFor('w', { meta: true }, context)).toEqual([]);
  });
});
