// Colours carry meaning (health, model, task state); with colour off the same meaning is in words and symbols.

import { findModel, type ModelColour } from '../engine/models/model-descriptors.ts';
import type { ModelName, TaskState } from '../engine/types.ts';
import type { Level } from './health.ts';

export type Theme = {
  /** Whether to paint colours; false for NO_COLOR / --no-color. @default true */
  color: boolean;
};

/** Ink colour names the dashboard uses. */
export type ColorName =
  | 'green'
  | 'yellow'
  | 'red'
  | 'magenta'
  | 'cyan'
  | 'blue'
  | 'blueBright'
  | 'gray'
  | 'white';

/**
 * The colour of each model's token (`ModelDescriptor.colour`): none of the colours that mean health or a task
 * state, so a model never reads as "healthy" or "failed".
 */
export const modelPalette: Record<ModelColour, ColorName> = {
  loop: 'magenta',
  threads: 'cyan',
  processes: 'blueBright',
  spare: 'white',
};

/** A model's colour on every chart, row and header, from its descriptor's token. */
export function modelColor(model: ModelName): ColorName {
  return modelPalette[findModel(model)?.colour ?? 'spare'];
}

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

/**
 * A timeline lane's colour: its kind of thread in its model's colour token, `main` as the loop, `t1`… as worker
 * threads, `p1`… as child processes.
 */
export function laneColor(lane: string): ColorName {
  if (lane === 'main') return modelPalette.loop;
  if (lane.startsWith('t')) return modelPalette.threads;
  return lane.startsWith('p') ? modelPalette.processes : modelPalette.spare;
}
