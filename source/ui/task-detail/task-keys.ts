// What the task keys do: ↑/↓ (j/k) select a task in the table, enter opens its detail, esc goes back. With the
// help open, ↑/↓ (j/k) scroll it instead and esc closes it first. Each press says what it did in the footer.
// The keys change the view only: the dashboard asks the engine to inspect whichever task is selected
// (dashboard.tsx), so a selection made by a key and one moved by the rows are inspected alike.

import type { Command, KeyName, KeyRow, KeyState, Press } from '../key-types.ts';
import type { ViewAction } from '../view-state.ts';
import { followRows, stepSelection } from './task-selection.ts';

const view = (action: ViewAction): Command => ({ kind: 'view', action });

/** Whether a key moves up the table (or the help): `↑` and `k`. */
function movesUp(key: KeyName): boolean {
  return key === 'up' || key === 'k';
}

/** `↑`/`↓`/`j`/`k`: scroll the open help (through `scroll`), else move the selection; an open detail follows it. */
export function selectOrScroll(scroll: KeyRow['press']): KeyRow['press'] {
  return (key, state) => {
    if (state.helpOpen) return scroll(movesUp(key) ? 'up' : 'down', state);
    const rows = state.taskRows ?? [];
    const id = stepSelection(rows, state.selectedTask, movesUp(key) ? -1 : 1);
    if (id === undefined) {
      return { commands: [], echo: { text: 'no task in the table to select yet', level: 'warning' } };
    }
    if (id === state.selectedTask) {
      return { commands: [], echo: { text: `task #${id}: ${movesUp(key) ? 'top' : 'bottom'} of the table` } };
    }
    const commands = [view({ type: 'selectTask', id })];
    const text = state.detailOpen ? `task #${id}` : `task #${id} selected · enter opens it`;
    return { commands, echo: { text }, state: { selectedTask: id } };
  };
}

/** `enter`: opens the selected task's detail, closing the help first if it is open (the detail is behind it). */
export function openDetail(_key: KeyName, state: KeyState): Press {
  const id = state.selectedTask;
  const closeHelp: Command[] = state.helpOpen ? [view({ type: 'closeHelp' })] : [];
  const closed = state.helpOpen ? { helpOpen: false } : {};
  if (id === undefined) {
    return {
      commands: closeHelp,
      echo: { text: 'select a task first: ↑/↓ or j/k', level: 'warning' },
      state: closed,
    };
  }
  if (state.detailOpen) return { commands: closeHelp, echo: { text: `task #${id} is open` }, state: closed };
  return {
    commands: [...closeHelp, view({ type: 'openDetail' })],
    echo: { text: `task #${id} · esc goes back` },
    state: { ...closed, detailOpen: true },
  };
}

/** `esc`: closes the help if open, else the task detail, else clears the selection. */
export function goBack(_key: KeyName, state: KeyState): Press {
  if (state.helpOpen) {
    return {
      commands: [view({ type: 'closeHelp' })],
      echo: { text: 'help closed' },
      state: { helpOpen: false },
    };
  }
  const rows = state.taskRows ?? [];
  if (state.detailOpen) {
    return {
      commands: [view({ type: 'closeDetail', rows })],
      echo: { text: 'task detail closed' },
      state: { detailOpen: false, selectedTask: followRows(rows, state.selectedTask) },
    };
  }
  if (state.selectedTask !== undefined) {
    return {
      commands: [view({ type: 'selectTask', id: undefined })],
      echo: { text: 'selection cleared' },
      state: { selectedTask: undefined },
    };
  }
  return {
    commands: [],
    echo: { text: 'closes the help or the task detail; neither is open', level: 'warning' },
  };
}
