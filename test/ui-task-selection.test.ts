import { describe, expect, test } from 'vitest';
import type { WorkloadSummary } from '../source/engine/engine-handle.ts';
import { type BindingContext, commandsFor, type KeyFlags, keyNames } from '../source/ui/key-bindings.ts';
import { followRows, stepSelection } from '../source/ui/task-detail/task-selection.ts';
import { initialViewState, type ViewState, viewReducer } from '../source/ui/view-state.ts';
import { seededRandom } from './helpers/seeded-random.ts';

const workloads: WorkloadSummary[] = [{ name: 'cpu', kind: 'cpu', description: 'cpu' }];

describe('moving the selection', () => {
  test('starts at the top row, moves one row a press and stops at the ends', () => {
    const rows = [30, 29, 28];
    expect(stepSelection(rows, undefined, 1)).toBe(30);
    expect(stepSelection(rows, undefined, -1)).toBe(30);
    expect(stepSelection(rows, 30, 1)).toBe(29);
    expect(stepSelection(rows, 29, -1)).toBe(30);
    expect(stepSelection(rows, 30, -1)).toBe(30);
    expect(stepSelection(rows, 28, 1)).toBe(28);
    expect(stepSelection([], undefined, 1)).toBeUndefined();
  });

  test('a selection whose task scrolled out moves to the bottom row, where it left', () => {
    expect(stepSelection([40, 39, 38], 12, -1)).toBe(38);
    expect(followRows([40, 39, 38], 12)).toBe(38);
    expect(followRows([40, 39, 38], 39)).toBe(39);
    expect(followRows([], 39)).toBeUndefined();
    expect(followRows([40], undefined)).toBeUndefined();
  });
});

type Event = { input: string; key: KeyFlags };

const events: Event[] = [
  { input: '', key: { upArrow: true } },
  { input: '', key: { downArrow: true } },
  { input: 'j', key: {} },
  { input: 'k', key: {} },
  { input: 'jj', key: {} },
  { input: 'j\r', key: {} },
  { input: '', key: { return: true } },
  { input: '', key: { escape: true } },
  { input: '?', key: {} },
  { input: '\u001Bk', key: {} },
  { input: '', key: { pageDown: true } },
  { input: '', key: { pageUp: true } },
];

describe('the selection over random keys while rows arrive and leave', () => {
  test.each(Array.from({ length: 25 }, (_, index) => index + 1))(
    'seed %i: the selection is a task in the table or none, and the detail is open only on it',
    (seed) => {
      const random = seededRandom(seed);
      let rows: number[] = [];
      let nextId = 1;
      let view: ViewState = initialViewState;
      /** The task the engine was last asked to inspect. */
      let inspected: number | undefined;
      for (let step = 0; step < 400; step++) {
        const where = `seed ${seed} step ${step}`;
        if (random() < 0.35) {
          // New tasks arrive at the top; the oldest leave the bottom (the table lists at most 6), or all leave.
          const arriving = Math.floor(random() * 4);
          for (let index = 0; index < arriving; index++) rows.unshift(nextId++);
          rows = random() < 0.03 ? [] : rows.slice(0, 6);
          view = viewReducer(view, { type: 'taskRows', rows: [...rows] });
        } else {
          const event = events[Math.floor(random() * events.length)] as Event;
          const before = view;
          const context: BindingContext = {
            helpOpen: view.helpOpen,
            workloads,
            currentWorkload: 'cpu',
            taskRows: rows,
            selectedTask: view.selectedTask,
            detailOpen: view.detailOpen,
          };
          for (const command of commandsFor(event.input, event.key, context)) {
            if (command.kind === 'view') view = viewReducer(view, command.action);
            if (command.kind === 'engine' && command.action.type === 'inspectTask')
              inspected = command.action.id;
          }
          const first = keyNames(event.input, event.key)[0];
          if (first === 'esc' && before.helpOpen) {
            // Esc with the help open closes the help first: the detail and the selection stay.
            expect(view.helpOpen, where).toBe(false);
            if (keyNames(event.input, event.key).length === 1) {
              expect(view.detailOpen ?? false, where).toBe(before.detailOpen ?? false);
              expect(view.selectedTask, where).toBe(before.selectedTask);
            }
          }
        }
        if (view.detailOpen) {
          expect(view.selectedTask, where).toBeDefined();
        } else if (view.selectedTask !== undefined) {
          expect(rows, where).toContain(view.selectedTask);
        }
        // The engine inspects the task the detail shows, and none when it is closed.
        expect(inspected, where).toBe(view.detailOpen ? view.selectedTask : undefined);
      }
    },
  );

  test('several task keys in one string act in order: down, down, open', () => {
    const context: BindingContext = {
      helpOpen: false,
      workloads,
      currentWorkload: 'cpu',
      taskRows: [5, 4, 3],
    };
    const commands = commandsFor('jj\r', {}, context).filter(
      (command) => command.kind !== 'view' || !['echo', 'expect'].includes(command.action.type),
    );
    expect(commands).toEqual([
      { kind: 'view', action: { type: 'selectTask', id: 5 } },
      { kind: 'view', action: { type: 'selectTask', id: 4 } },
      { kind: 'view', action: { type: 'openDetail' } },
      { kind: 'engine', action: { type: 'inspectTask', id: 4 } },
    ]);
  });

  test('esc closes the detail, then clears the selection, then says nothing is open', () => {
    const open: ViewState = { ...initialViewState, selectedTask: 4, detailOpen: true };
    const context = (view: ViewState): BindingContext => ({
      helpOpen: view.helpOpen,
      workloads,
      currentWorkload: 'cpu',
      taskRows: [5, 4],
      selectedTask: view.selectedTask,
      detailOpen: view.detailOpen,
    });
    let view = open;
    const echoes: string[] = [];
    for (let press = 0; press < 3; press++) {
      for (const command of commandsFor('', { escape: true }, context(view))) {
        if (command.kind !== 'view') continue;
        if (command.action.type === 'echo') echoes.push(command.action.echo.text);
        view = viewReducer(view, command.action);
      }
    }
    expect(echoes).toEqual([
      'task detail closed',
      'selection cleared',
      'closes the help or the task detail; neither is open',
    ]);
    expect(view).toMatchObject({ selectedTask: undefined, detailOpen: false });
  });

  test('a snapshot whose rows did not move the selection leaves the view state as it was', () => {
    const view: ViewState = { ...initialViewState, selectedTask: 4 };
    expect(viewReducer(view, { type: 'taskRows', rows: [6, 5, 4] })).toBe(view);
    expect(viewReducer(initialViewState, { type: 'taskRows', rows: [6, 5, 4] })).toBe(initialViewState);
  });
});
