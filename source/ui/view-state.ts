// The little state the dashboard keeps itself; everything else comes from the engine's snapshot.

import type { EngineAction } from '../engine/actions.ts';
import type { ModelName, SchedulerSettings } from '../engine/types.ts';
import { describeAction } from './action-labels.ts';
import { followRows } from './task-detail/task-selection.ts';

/** What the footer echoes after a key: the key as the docs write it and what it did, in words. */
export type KeyEcho = {
  /** The key as written in the footer and the help, e.g. `+`, `space`, `↑`. Empty when not known. */
  key: string;
  text: string;
  /** `warning` when the key could not do what it usually does (a limit, an unbound key). @default 'info' */
  level?: 'info' | 'warning';
};

/**
 * The settings the keys pressed since the last snapshot have asked for, so the next key's echo starts from them
 * rather than from a snapshot that does not show them yet (two `+` within 250 ms read 8 → 16, 16 → 32).
 */
export type ExpectedSettings = {
  /** The `at` of the snapshot these settings build on: a later snapshot shows them itself. */
  basis: number;
  model?: ModelName | undefined;
  workload?: string | undefined;
  scheduler?: SchedulerSettings | undefined;
  threads?: number | undefined;
  gil?: boolean | undefined;
};

export type ViewState = {
  /** Whether the help overlay covers the panes. */
  helpOpen: boolean;
  /** The help section shown first, 0 for the top; ↑/↓ and PgUp/PgDn move it. */
  helpScroll: number;
  /** The last thing a key asked of the engine. */
  lastAction?: EngineAction;
  /** The last key and what it did, echoed in the footer so the audience sees what was pressed. */
  echo?: KeyEcho;
  /** What the keys since the last snapshot asked for. */
  expected?: ExpectedSettings;
  /** Whether the timeline lanes are shown (`t`). @default false */
  lanesOpen?: boolean;
  /** The task selected in the task table, by id so it stays on its task as rows move; none when undefined. */
  selectedTask?: number | undefined;
  /** Whether the task detail covers the panes, open on `selectedTask`. @default false */
  detailOpen?: boolean;
  /** Whether the running workload's code covers the panes (`c`). @default false */
  sourceOpen?: boolean;
  /** The first line of code shown, for the workload (its `workloadKey`) it was scrolled on; unset: its `run`. */
  sourceScroll?: { workload: string; top: number } | undefined;
};

export type ViewAction =
  | { type: 'toggleHelp' }
  | { type: 'closeHelp' }
  | { type: 'scrollHelp'; by: number; sections: number }
  | { type: 'noteEngineAction'; action: EngineAction }
  | { type: 'echo'; echo: KeyEcho }
  | { type: 'expect'; expected: ExpectedSettings }
  | { type: 'toggleLanes' }
  /** Selects a task of the table (undefined: none, which also closes the detail). */
  | { type: 'selectTask'; id: number | undefined }
  | { type: 'openDetail' }
  /** Closes the detail; `rows` are the table's task ids now, for a selection whose task scrolled out meanwhile. */
  | { type: 'closeDetail'; rows: readonly number[] }
  /** The table's task ids in a new snapshot, newest first: the selection follows its task (task-selection.ts). */
  | { type: 'taskRows'; rows: readonly number[] }
  /** Shows the running workload's code, at its `run` function. */
  | { type: 'openSource' }
  | { type: 'closeSource' }
  /** Shows the code of `workload` (its `workloadKey`) from line `top` (0 for the first). */
  | { type: 'scrollSource'; workload: string; top: number }
  /** The code shown is now `workload`'s (its `workloadKey`): a scroll made on another's is forgotten. */
  | { type: 'sourceShown'; workload: string };

export const initialViewState: ViewState = { helpOpen: false, helpScroll: 0 };

export function viewReducer(state: ViewState, action: ViewAction): ViewState {
  switch (action.type) {
    case 'toggleHelp':
      // The help opens at its top, where the keys are.
      return { ...state, helpOpen: !state.helpOpen, helpScroll: 0 };
    case 'closeHelp':
      return state.helpOpen ? { ...state, helpOpen: false } : state;
    case 'scrollHelp': {
      const last = Math.max(0, action.sections - 1);
      const helpScroll = Math.min(last, Math.max(0, state.helpScroll + action.by));
      return helpScroll === state.helpScroll ? state : { ...state, helpScroll };
    }
    case 'noteEngineAction':
      // The key table's own echo follows; this one stands for drivers that dispatch actions without a key.
      return { ...state, lastAction: action.action, echo: { key: '', text: describeAction(action.action) } };
    case 'echo':
      return { ...state, echo: action.echo };
    case 'expect':
      return { ...state, expected: action.expected };
    case 'toggleLanes':
      return { ...state, lanesOpen: !state.lanesOpen };
    case 'selectTask':
      if (action.id === undefined) return { ...state, selectedTask: undefined, detailOpen: false };
      return action.id === state.selectedTask ? state : { ...state, selectedTask: action.id };
    case 'openDetail':
      return state.selectedTask === undefined || state.detailOpen ? state : { ...state, detailOpen: true };
    case 'closeDetail':
      return state.detailOpen
        ? { ...state, detailOpen: false, selectedTask: followRows(action.rows, state.selectedTask) }
        : state;
    case 'openSource':
      return state.sourceOpen ? state : { ...state, sourceOpen: true, sourceScroll: undefined };
    case 'closeSource':
      return state.sourceOpen ? { ...state, sourceOpen: false } : state;
    case 'scrollSource':
      return { ...state, sourceScroll: { workload: action.workload, top: action.top } };
    case 'sourceShown':
      return state.sourceScroll && state.sourceScroll.workload !== action.workload
        ? { ...state, sourceScroll: undefined }
        : state;
    case 'taskRows': {
      // The open detail holds its task wherever the rows go; the engine still finds it in its records.
      if (state.detailOpen) return state;
      const selectedTask = followRows(action.rows, state.selectedTask);
      // The same state when nothing moved, so a snapshot does not render the screen twice.
      return selectedTask === state.selectedTask ? state : { ...state, selectedTask };
    }
  }
}
