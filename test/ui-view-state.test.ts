import { expect, test } from 'vitest';
import { initialViewState, viewReducer } from '../source/ui/view-state.ts';

test('the help starts closed', () => {
  expect(initialViewState.helpOpen).toBe(false);
});

test('toggling the help opens it, and toggling again closes it', () => {
  const open = viewReducer(initialViewState, { type: 'toggleHelp' });
  expect(open.helpOpen).toBe(true);
  expect(viewReducer(open, { type: 'toggleHelp' }).helpOpen).toBe(false);
});

test('closing the help closes it and leaves a closed help unchanged', () => {
  expect(viewReducer({ helpOpen: true }, { type: 'closeHelp' })).toEqual({ helpOpen: false });
  expect(viewReducer(initialViewState, { type: 'closeHelp' })).toBe(initialViewState);
});

test('the last engine action is remembered for the footer', () => {
  const state = viewReducer(initialViewState, {
    type: 'noteEngineAction',
    action: { type: 'switchModel', model: 'workers' },
  });
  expect(state).toEqual({ helpOpen: false, lastAction: { type: 'switchModel', model: 'workers' } });
});
