// The little state the dashboard keeps itself; everything else comes from the engine's snapshot.

import type { EngineAction } from '../engine/actions.ts';

export type ViewState = {
  /** Whether the help overlay covers the panes. */
  helpOpen: boolean;
  /** The last thing a key asked of the engine, echoed in the footer so the audience sees what was pressed. */
  lastAction?: EngineAction;
};

export type ViewAction =
  | { type: 'toggleHelp' }
  | { type: 'closeHelp' }
  | { type: 'noteEngineAction'; action: EngineAction };

export const initialViewState: ViewState = { helpOpen: false };

export function viewReducer(state: ViewState, action: ViewAction): ViewState {
  switch (action.type) {
    case 'toggleHelp':
      return { ...state, helpOpen: !state.helpOpen };
    case 'closeHelp':
      return state.helpOpen ? { ...state, helpOpen: false } : state;
    case 'noteEngineAction':
      return { ...state, lastAction: action.action };
  }
}
