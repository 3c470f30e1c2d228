// What the execution-model tests hand a model for one task: its input, and run options that record its start.
import type {
  RunOptions,
  TaskCallbacks,
  TaskOutcome,
  TaskStart,
} from '../../source/engine/models/execution-model.ts';
import type { TaskInput } from '../../source/engine/types.ts';

/** A file URL of a workload fixture in test/fixtures/. */
export const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).href;

export function input(id: number, knobs: Record<string, number> = {}): TaskInput {
  return { id, knobs, context: {} };
}

/** Run options whose `starts` lists every start the model reported. */
export function options(signal = new AbortController().signal): RunOptions & { starts: TaskStart[] } {
  const starts: TaskStart[] = [];
  return { signal, starts, onStart: (start) => starts.push(start) };
}

/** Callbacks that record what a model reported for one task: every start, and its outcome. */
export function recordingCallbacks(): TaskCallbacks & { starts: TaskStart[]; outcomes: TaskOutcome[] } {
  const starts: TaskStart[] = [];
  const outcomes: TaskOutcome[] = [];
  return {
    signal: new AbortController().signal,
    starts,
    outcomes,
    onStart: (start) => starts.push(start),
    onSettled: (outcome) => outcomes.push(outcome),
  };
}
