import { describe, expect, test } from 'vitest';
import type { WorkloadSummary } from '../source/engine/engine-handle.ts';
import type { Snapshot } from '../source/engine/types.ts';
import { type BindingContext, type Command, commandsFor, keyNames } from '../source/ui/key-bindings.ts';
import { helpSectionCount } from '../source/ui/key-table.ts';
import { asyncRunningCpu } from './fixtures/snapshots.ts';

const workloads: WorkloadSummary[] = ['cpu', 'io-http', 'io-timer', 'blocking', 'mixed'].map((name) => ({
  name,
  kind: 'cpu',
  description: name,
}));
const context: BindingContext = { helpOpen: false, workloads, currentWorkload: 'cpu' };
const helpOpen: BindingContext = { ...context, helpOpen: true };
const noKey = {};

/** The commands that reach the engine, the help or quit, without the footer's echoes and expectations. */
function effects(commands: Command[]): Command[] {
  return commands.filter(
    (command) => command.kind !== 'view' || !['echo', 'expect'].includes(command.action.type),
  );
}

/** The footer echoes, as `key text`. */
function echoes(commands: Command[]): string[] {
  return commands.flatMap((command) =>
    command.kind === 'view' && command.action.type === 'echo'
      ? [`${command.action.echo.key} ${command.action.echo.text}`]
      : [],
  );
}

function withSettings(snapshot: Snapshot, fields: Partial<Snapshot> = {}): BindingContext {
  return { ...context, snapshot: { ...snapshot, ...fields } };
}

describe('engine keys', () => {
  test('a and w switch the model', () => {
    expect(effects(commandsFor('a', noKey, context))).toEqual([
      { kind: 'engine', action: { type: 'switchModel', model: 'async' } },
    ]);
    expect(effects(commandsFor('w', noKey, context))).toEqual([
      { kind: 'engine', action: { type: 'switchModel', model: 'workers' } },
    ]);
  });

  test('A and W (caps lock) act as a and w', () => {
    expect(commandsFor('A', { shift: true }, context)).toEqual(commandsFor('a', noKey, context));
    expect(commandsFor('W', { shift: true }, context)).toEqual(commandsFor('w', noKey, context));
    expect(commandsFor('Q', { shift: true }, context)).toEqual([{ kind: 'quit' }]);
  });

  test('+ and = raise concurrency, - lowers it', () => {
    const deltas = ['+', '=', '-'].map((input) => effects(commandsFor(input, noKey, context))[0]);
    expect(deltas).toEqual([
      { kind: 'engine', action: { type: 'changeConcurrency', delta: 1 } },
      { kind: 'engine', action: { type: 'changeConcurrency', delta: 1 } },
      { kind: 'engine', action: { type: 'changeConcurrency', delta: -1 } },
    ]);
  });

  test('[ and ] resize the pool', () => {
    expect(effects(commandsFor('[]', noKey, context))).toEqual([
      { kind: 'engine', action: { type: 'changeThreads', delta: -1 } },
      { kind: 'engine', action: { type: 'changeThreads', delta: 1 } },
    ]);
  });

  test('space pauses and r resets statistics', () => {
    expect(effects(commandsFor(' r', noKey, context))).toEqual([
      { kind: 'engine', action: { type: 'togglePause' } },
      { kind: 'engine', action: { type: 'resetStatistics' } },
    ]);
  });

  test('a digit picks the workload at that position', () => {
    expect(effects(commandsFor('2', noKey, context))).toEqual([
      { kind: 'engine', action: { type: 'setWorkload', workload: 'io-http' } },
    ]);
  });

  test('a digit beyond the list reaches nothing but says so', () => {
    const commands = commandsFor('7', noKey, context);
    expect(effects(commands)).toEqual([]);
    expect(echoes(commands)).toEqual(['7 not a key: ? lists them']);
  });
});

describe('the echo says what each key did', () => {
  test('+ names the concurrency before and after', () => {
    expect(echoes(commandsFor('+', noKey, withSettings(asyncRunningCpu)))).toEqual(['+ concurrency 8 → 16']);
  });

  test('+ at the highest step says it stays there', () => {
    const top = withSettings(asyncRunningCpu, {
      scheduler: { ...asyncRunningCpu.scheduler, concurrency: 200_000 },
    });
    expect(echoes(commandsFor('+', noKey, top))).toEqual(['+ concurrency stays 200,000: the highest step']);
  });

  test('several presses of + in one string each step from the last', () => {
    const near = withSettings(asyncRunningCpu, {
      scheduler: { ...asyncRunningCpu.scheduler, concurrency: 256 },
    });
    expect(echoes(commandsFor('+++', noKey, near))).toEqual([
      '+ concurrency 256 → 512',
      '+ concurrency 512 → 1,000',
      '+ concurrency 1,000 → 2,000',
    ]);
  });

  test('an open loop steps its rate', () => {
    const open = withSettings(asyncRunningCpu, {
      scheduler: { ...asyncRunningCpu.scheduler, mode: 'open', rate: 100 },
    });
    expect(echoes(commandsFor('-', noKey, open))).toEqual(['- rate 100/s → 64/s']);
  });

  test('] at 64 threads says the pool takes no more', () => {
    expect(echoes(commandsFor(']', noKey, withSettings(asyncRunningCpu, { poolThreads: 64 })))).toEqual([
      '] threads stay 64: the most, 64',
    ]);
    expect(echoes(commandsFor('[', noKey, withSettings(asyncRunningCpu, { poolThreads: 4 })))).toEqual([
      '[ threads 4 → 3',
    ]);
  });

  test('a key pressed before the next snapshot starts from what the keys before it asked for', () => {
    const first = commandsFor('+', noKey, withSettings(asyncRunningCpu));
    const pending = first.flatMap((command) =>
      command.kind === 'view' && command.action.type === 'expect' ? [command.action.expected] : [],
    );
    expect(pending).toHaveLength(1);
    const next = { ...withSettings(asyncRunningCpu), expected: pending[0] };
    expect(echoes(commandsFor('+', noKey, next))).toEqual(['+ concurrency 16 → 32']);
    // A newer snapshot shows the settings itself.
    const newer = { ...next, snapshot: { ...asyncRunningCpu, at: asyncRunningCpu.at + 250 } };
    expect(echoes(commandsFor('+', noKey, newer))).toEqual(['+ concurrency 8 → 16']);
  });

  test('a switch to the model already running says so', () => {
    expect(echoes(commandsFor('aw', noKey, withSettings(asyncRunningCpu)))).toEqual([
      'a already async',
      'w switch to workers',
    ]);
  });

  test('space says whether it paused or resumed', () => {
    expect(echoes(commandsFor('  ', noKey, withSettings(asyncRunningCpu)))).toEqual([
      'space paused: no new tasks',
      'space resumed',
    ]);
  });

  test('a key with no binding says it is not a key', () => {
    const commands = commandsFor('x', noKey, context);
    expect(effects(commands)).toEqual([]);
    expect(echoes(commands)).toEqual(['x not a key: ? lists them']);
  });

  test('arrows with the help closed select a task, and say so when the table is empty', () => {
    expect(echoes(commandsFor('', { upArrow: true }, context))).toEqual([
      '↑ no task in the table to select yet',
    ]);
    expect(effects(commandsFor('', { downArrow: true }, { ...context, taskRows: [9, 8, 7] }))).toEqual([
      { kind: 'view', action: { type: 'selectTask', id: 9 } },
    ]);
  });
});

describe('tab', () => {
  test('tab picks the next workload', () => {
    expect(effects(commandsFor('', { tab: true }, context))).toEqual([
      { kind: 'engine', action: { type: 'setWorkload', workload: 'io-http' } },
    ]);
  });

  test('tab wraps around after the last workload', () => {
    expect(effects(commandsFor('', { tab: true }, { ...context, currentWorkload: 'mixed' }))).toEqual([
      { kind: 'engine', action: { type: 'setWorkload', workload: 'cpu' } },
    ]);
  });

  test('shift-tab picks the previous workload', () => {
    expect(effects(commandsFor('', { tab: true, shift: true }, context))).toEqual([
      { kind: 'engine', action: { type: 'setWorkload', workload: 'mixed' } },
    ]);
  });

  test('two tabs in one string step twice', () => {
    expect(effects(commandsFor('\t\t', noKey, context))).toEqual([
      { kind: 'engine', action: { type: 'setWorkload', workload: 'io-http' } },
      { kind: 'engine', action: { type: 'setWorkload', workload: 'io-timer' } },
    ]);
  });
});

describe('several keys in one string', () => {
  test('each key counts, in order', () => {
    expect(effects(commandsFor('w+a', noKey, context))).toEqual([
      { kind: 'engine', action: { type: 'switchModel', model: 'workers' } },
      { kind: 'engine', action: { type: 'changeConcurrency', delta: 1 } },
      { kind: 'engine', action: { type: 'switchModel', model: 'async' } },
    ]);
  });

  test('nothing after a quit is sent', () => {
    expect(effects(commandsFor('wqa', noKey, context))).toEqual([
      { kind: 'engine', action: { type: 'switchModel', model: 'workers' } },
      { kind: 'quit' },
    ]);
  });

  test('a key after ? acts and closes the help again', () => {
    expect(effects(commandsFor('?w', noKey, context))).toEqual([
      { kind: 'view', action: { type: 'toggleHelp' } },
      { kind: 'view', action: { type: 'closeHelp' } },
      { kind: 'engine', action: { type: 'switchModel', model: 'workers' } },
    ]);
  });

  test('unbound keys are echoed and the bound ones still act', () => {
    const commands = commandsFor('xw', noKey, context);
    expect(effects(commands)).toEqual([
      { kind: 'engine', action: { type: 'switchModel', model: 'workers' } },
    ]);
    expect(echoes(commands)).toEqual(['x not a key: ? lists them', 'w switch to workers']);
  });
});

describe('help and quitting', () => {
  test('? toggles the help', () => {
    expect(effects(commandsFor('?', noKey, context))).toEqual([
      { kind: 'view', action: { type: 'toggleHelp' } },
    ]);
  });

  test('esc closes the help when it is open', () => {
    expect(effects(commandsFor('', { escape: true }, helpOpen))).toEqual([
      { kind: 'view', action: { type: 'closeHelp' } },
    ]);
  });

  test('↑/↓ and PgUp/PgDn scroll the open help', () => {
    const scrolls = [{ upArrow: true }, { downArrow: true }, { pageUp: true }, { pageDown: true }].map(
      (flags) => effects(commandsFor('', flags, helpOpen)),
    );
    expect(
      scrolls.map((commands) => (commands[0]?.kind === 'view' ? commands[0].action : undefined)),
    ).toEqual([
      { type: 'scrollHelp', by: -1, sections: helpSectionCount },
      { type: 'scrollHelp', by: 1, sections: helpSectionCount },
      { type: 'scrollHelp', by: -2, sections: helpSectionCount },
      { type: 'scrollHelp', by: 2, sections: helpSectionCount },
    ]);
  });

  test('an engine key pressed while the help is open acts and closes the help', () => {
    expect(effects(commandsFor('w', noKey, helpOpen))).toEqual([
      { kind: 'view', action: { type: 'closeHelp' } },
      { kind: 'engine', action: { type: 'switchModel', model: 'workers' } },
    ]);
  });

  test('an unbound key pressed while the help is open closes it', () => {
    const commands = commandsFor('x', noKey, helpOpen);
    expect(effects(commands)).toEqual([{ kind: 'view', action: { type: 'closeHelp' } }]);
    expect(echoes(commands)).toEqual(['x help closed · not a key: ? lists them']);
  });

  test('q quits, even with the help open', () => {
    expect(commandsFor('q', noKey, helpOpen)).toEqual([{ kind: 'quit' }]);
  });

  test('Ctrl-C quits', () => {
    expect(commandsFor('c', { ctrl: true }, context)).toEqual([{ kind: 'quit' }]);
    expect(commandsFor('\u0003', noKey, context)).toEqual([{ kind: 'quit' }]);
  });

  test('other control and meta keys reach nothing and say so', () => {
    expect(effects(commandsFor('w', { ctrl: true }, context))).toEqual([]);
    expect(echoes(commandsFor('w', { meta: true }, context))).toEqual(['alt-w not a key: ? lists them']);
  });
});

describe('key names', () => {
  test('letters are lower-cased, named keys named', () => {
    expect(keyNames('A \t', {})).toEqual(['a', 'space', 'tab']);
    expect(keyNames('', { pageDown: true })).toEqual(['pagedown']);
    expect(keyNames('', {})).toEqual(['unknown']);
  });
});

describe('the GIL key', () => {
  test('g says which way it switched, also for several presses before the engine shows the first', () => {
    const off = withSettings(asyncRunningCpu, { threading: { gil: false, tasksPerWorker: 1 } });
    expect(echoes(commandsFor('ggg', noKey, off))).toEqual([
      'g GIL on: worker threads take turns under one lock, like Python threads',
      'g GIL off: worker threads run in parallel',
      'g GIL on: worker threads take turns under one lock, like Python threads',
    ]);
    const on = withSettings(asyncRunningCpu, { threading: { gil: true, tasksPerWorker: 1 } });
    expect(echoes(commandsFor('g', noKey, on))).toEqual(['g GIL off: worker threads run in parallel']);
    // A key pressed after g, before a snapshot shows it, starts from what g asked for.
    const [expect_] = commandsFor('g', noKey, off).filter(
      (command) => command.kind === 'view' && command.action.type === 'expect',
    );
    const expected =
      expect_?.kind === 'view' && expect_.action.type === 'expect' ? expect_.action.expected : undefined;
    expect(echoes(commandsFor('g', noKey, { ...off, expected }))).toEqual([
      'g GIL off: worker threads run in parallel',
    ]);
  });
});
