// The keys of the code overlay as plain values: `c` opens it in a live run, a replay and a presentation; with it
// open, its own keys scroll and close it, and every other key reaches the bindings underneath.
import { describe, expect, test } from 'vitest';
import type { WorkloadSummary } from '../source/engine/engine-handle.ts';
import { type BindingContext, type Command, commandsFor, type KeyFlags } from '../source/ui/key-bindings.ts';
import { presenterCommandsFor } from '../source/ui/presenter-keys.ts';
import { replayCommandsFor } from '../source/ui/replay-keys.ts';
import { type SourceScroll, sourceCommandsFor } from '../source/ui/source-view/source-keys.ts';
import { sourceWindow } from '../source/ui/source-view/source-lines.ts';
import { initialViewState, type ViewAction, type ViewState, viewReducer } from '../source/ui/view-state.ts';
import { asyncRunningCpu } from './fixtures/snapshots.ts';

const workloads: WorkloadSummary[] = ['cpu', 'io-http', 'io-timer', 'blocking', 'mixed'].map((name) => ({
  name,
  kind: 'cpu',
  description: name,
}));

const context = (overrides: Partial<BindingContext> = {}): BindingContext => ({
  helpOpen: false,
  workloads,
  currentWorkload: 'cpu',
  snapshot: asyncRunningCpu,
  ...overrides,
});

function viewActions(commands: readonly { kind: string }[]): ViewAction[] {
  return commands.flatMap((command) =>
    command.kind === 'view' ? [(command as Extract<Command, { kind: 'view' }>).action] : [],
  );
}

const lines = Array.from({ length: 100 }, (_, index) => (index === 40 ? '  run(input) {' : `line ${index}`));
const scroll: SourceScroll = { workload: 'cpu', window: sourceWindow(lines, 21) };

function apply(view: ViewState, commands: readonly { kind: string }[]): ViewState {
  return viewActions(commands).reduce(viewReducer, view);
}

describe('c opens the code', () => {
  test.each([
    ['a live run', commandsFor],
    [
      'a replay',
      (input: string, key: KeyFlags, context: BindingContext) =>
        replayCommandsFor(input, key, context, ['timeline']),
    ],
    ['a presentation', presenterCommandsFor],
  ])('in %s, closing the help if it is open', (_where, bindings) => {
    const view = apply(
      { ...initialViewState, helpOpen: true },
      bindings('c', {}, context({ helpOpen: true })) as Command[],
    );
    expect(view).toMatchObject({ sourceOpen: true, helpOpen: false, sourceScroll: undefined });
  });
});

describe('with the code open', () => {
  const open: ViewState = { ...initialViewState, sourceOpen: true };
  const press = (
    input: string,
    key: KeyFlags = {},
    others: (i: string, k: KeyFlags) => { kind: string }[] = (i, k) => commandsFor(i, k, context()),
  ) => sourceCommandsFor(input, key, { workloadCount: workloads.length, scroll }, others);

  test('c and esc close it', () => {
    expect(apply(open, press('c')).sourceOpen).toBe(false);
    expect(apply(open, press('', { escape: true })).sourceOpen).toBe(false);
  });

  test('↓, PgDn, end and ↑ scroll within the file, and say which lines are in view', () => {
    expect(scroll?.window.top).toBe(40);
    const down = press('', { downArrow: true });
    expect(apply(open, down).sourceScroll).toEqual({ workload: 'cpu', top: 41 });
    expect(viewActions(down).find((action) => action.type === 'echo')).toMatchObject({
      echo: { text: 'lines 42–61 of 100' },
    });
    expect(apply(open, press('', { pageDown: true })).sourceScroll?.top).toBe(59);
    expect(apply(open, press('', { end: true })).sourceScroll?.top).toBe(80);
    expect(apply(open, press('kk')).sourceScroll?.top).toBe(38);
  });

  test('a model or workload key acts on the engine and leaves the code open', () => {
    const commands = press('w3');
    expect(commands.filter((command) => command.kind === 'engine')).toHaveLength(2);
    expect(apply(open, commands).sourceOpen).toBe(true);
  });

  test('the help, the timeline and the task detail close it first, so their effect is seen', () => {
    expect(apply(open, press('?'))).toMatchObject({ sourceOpen: false, helpOpen: true });
    expect(apply(open, press('t'))).toMatchObject({ sourceOpen: false, lanesOpen: true });
  });

  test('in a replay, the transport keys still drive the replay', () => {
    const commands = press(' ', {}, (input, key) => replayCommandsFor(input, key, context(), ['timeline']));
    expect(commands).toContainEqual({ kind: 'replay', control: 'togglePause', key: 'space' });
    expect(apply(open, commands).sourceOpen).toBe(true);
  });

  test('q quits', () => {
    expect(press('q')).toContainEqual({ kind: 'quit' });
  });

  test('with no code to scroll (being read, or unreadable), a scroll key says so', () => {
    const commands = sourceCommandsFor(
      '',
      { downArrow: true },
      { workloadCount: 5, scroll: undefined },
      () => [],
    );
    expect(viewActions(commands)).toEqual([
      { type: 'echo', echo: { key: '↓', text: 'no code to scroll', level: 'warning' } },
    ]);
  });

  test('c closes then opens again within one paste', () => {
    expect(apply(open, press('cc')).sourceOpen).toBe(true);
  });
});
