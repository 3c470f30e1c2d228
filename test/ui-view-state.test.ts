import { expect, test } from 'vitest';
import { initialViewState, viewReducer } from '../source/ui/view-state.ts';

test('the help starts closed, at its top', () => {
  expect(initialViewState).toEqual({ helpOpen: false, helpScroll: 0 });
});

test('toggling the help opens it, and toggling again closes it', () => {
  const open = viewReducer(initialViewState, { type: 'toggleHelp' });
  expect(open.helpOpen).toBe(true);
  expect(viewReducer(open, { type: 'toggleHelp' }).helpOpen).toBe(false);
});

test('closing the help closes it and leaves a closed help unchanged', () => {
  expect(viewReducer({ helpOpen: true, helpScroll: 0 }, { type: 'closeHelp' })).toEqual({
    helpOpen: false,
    helpScroll: 0,
  });
  expect(viewReducer(initialViewState, { type: 'closeHelp' })).toBe(initialViewState);
});

test('scrolling the help stays within its sections', () => {
  let state = viewReducer(initialViewState, { type: 'toggleHelp' });
  state = viewReducer(state, { type: 'scrollHelp', by: -1, sections: 7 });
  expect(state.helpScroll).toBe(0);
  for (let press = 0; press < 20; press++)
    state = viewReducer(state, { type: 'scrollHelp', by: 2, sections: 7 });
  expect(state.helpScroll).toBe(6);
  expect(viewReducer(state, { type: 'scrollHelp', by: -1, sections: 7 }).helpScroll).toBe(5);
});

test('the help opens at its top again after it was scrolled and closed', () => {
  const scrolled = viewReducer({ helpOpen: true, helpScroll: 4 }, { type: 'toggleHelp' });
  expect(viewReducer(scrolled, { type: 'toggleHelp' })).toMatchObject({ helpOpen: true, helpScroll: 0 });
});

test('the last engine action is remembered and echoed in words', () => {
  const state = viewReducer(initialViewState, {
    type: 'noteEngineAction',
    action: { type: 'switchModel', model: 'workers' },
  });
  expect(state.lastAction).toEqual({ type: 'switchModel', model: 'workers' });
  expect(state.echo?.text).toBe('switch to workers');
});

test("a key's echo replaces the previous one", () => {
  const state = viewReducer(initialViewState, {
    type: 'echo',
    echo: { key: '+', text: 'concurrency 8 → 16' },
  });
  expect(state.echo).toEqual({ key: '+', text: 'concurrency 8 → 16' });
});
