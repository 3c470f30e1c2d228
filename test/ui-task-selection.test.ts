import { describe, expect, test } from 'vitest';
import type { WorkloadSummary } from '../source/engine/engine-handle.ts';
import type { InspectedTask, TaskRecord } from '../source/engine/types.ts';
import { type BindingContext, commandsFor, type KeyFlags, keyNames } from '../source/ui/key-bindings.ts';
import { followRows, rowIds, stepSelection } from '../source/ui/task-detail/task-selection.ts';
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
      /** The engine's newest tasks (`recent`: at most 6 here), and the oldest id its records still hold. */
      let recent: number[] = [];
      let nextId = 1;
      let oldestHeld = 1;
      let view: ViewState = initialViewState;
      const record = (id: number): TaskRecord => ({ id, state: 'running', model: 'async', submittedAt: 0 });
      /** What the engine publishes for the selected task: the dashboard has it inspect the selection. */
      const inspected = (): InspectedTask | undefined => {
        const id = view.selectedTask;
        return id === undefined || id < oldestHeld ? undefined : { record: record(id), slices: [] };
      };
      const tableRows = () => rowIds(recent.map(record), inspected());
      /** Steps that reached the states the invariants are about, so the sequence is known to test them. */
      const reached = { open: 0, held: 0 };
      for (let step = 0; step < 400; step++) {
        const where = `seed ${seed} step ${step}`;
        if (random() < 0.35) {
          // New tasks arrive at the top and the oldest leave (or all leave); the engine forgets the oldest records.
          const arriving = Math.floor(random() * 4);
          for (let index = 0; index < arriving; index++) recent.unshift(nextId++);
          recent = random() < 0.03 ? [] : recent.slice(0, 6);
          oldestHeld = Math.max(oldestHeld, nextId - 12 - Math.floor(random() * 8));
          view = viewReducer(view, { type: 'taskRows', rows: tableRows() });
        } else {
          const event = events[Math.floor(random() * events.length)] as Event;
          const before = view;
          const context: BindingContext = {
            helpOpen: view.helpOpen,
            workloads,
            currentWorkload: 'cpu',
            taskRows: tableRows(),
            selectedTask: view.selectedTask,
            detailOpen: view.detailOpen,
          };
          for (const command of commandsFor(event.input, event.key, context)) {
            // The task keys change the view only; the dashboard has the engine inspect the selection.
            expect(command.kind, where).not.toBe('engine');
            if (command.kind === 'view') view = viewReducer(view, command.action);
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
          // Among the newest, or held on the table's last line from the engine's record of it.
          expect(tableRows(), where).toContain(view.selectedTask);
          if (!recent.includes(view.selectedTask)) reached.held++;
        }
        if (view.detailOpen) reached.open++;
      }
      expect(reached.open).toBeGreaterThan(0);
      expect(reached.held).toBeGreaterThan(0);
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

describe('the rows the selection moves over', () => {
  const record = (id: number) => ({ id, state: 'done' as const, model: 'async' as const, submittedAt: 0 });

  test('are the newest tasks, then the inspected task once it left them', () => {
    expect(rowIds([3, 2].map(record))).toEqual([3, 2]);
    expect(rowIds([3, 2].map(record), { record: record(2), slices: [] })).toEqual([3, 2]);
    expect(rowIds([3, 2].map(record), { record: record(1), slices: [] })).toEqual([3, 2, 1]);
  });
});
