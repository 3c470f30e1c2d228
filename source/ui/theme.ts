// Colours carry meaning (health, model, task state); with colour off the same meaning is in words and symbols.

import { createContext, useContext } from 'react';
import type { ModelName, TaskState } from '../engine/types.ts';
import type { Level } from './health.ts';

export type Theme = {
  /** Whether to paint colours; false for NO_COLOR / --no-color. @default true */
  color: boolean;
};

export const ThemeContext = createContext<Theme>({ color: true });

export function useTheme(): Theme {
  return useContext(ThemeContext);
}

/** Ink colour names the dashboard uses. */
export type ColorName = 'green' | 'yellow' | 'red' | 'magenta' | 'cyan' | 'blue' | 'gray' | 'white';

export const modelColor: Record<ModelName, ColorName> = { async: 'magenta', workers: 'cyan' };

export const levelColor: Record<Level, ColorName> = { healthy: 'green', strained: 'yellow', stalled: 'red' };

export const stateColor: Record<TaskState, ColorName> = {
  queued: 'gray',
  running: 'blue',
  done: 'green',
  failed: 'red',
  cancelled: 'yellow',
};

/** The colour to pass to Ink's `<Text color>`, or undefined when colour is off. */
export function paint(theme: Theme, color: ColorName | undefined): ColorName | undefined {
  return theme.color ? color : undefined;
}
