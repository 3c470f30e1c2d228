// What the execution-model tests hand a model for one task: its input, and run options that record its start.
import type {
  RunOptions,
  TaskCallbacks,
  TaskOutcome,
  TaskStart,
} from '../../source/engine/models/execution-model.ts';
import type { WorkerPoolModel } from '../../source/engine/models/worker-pool-model.ts';
import type { TaskInput } from '../../source/engine/types.ts';

/** A file URL of a workload fixture in test/fixtures/. */
export const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).href;

export function input(id: number, knobs: Record<string, number> = {}): TaskInput {
  return { id, knobs, context: {} };
}

/** Run options whose `starts` lists every start the model reported (copies: a model lends its start). */
export function options(signal = new AbortController().signal): RunOptions & { starts: TaskStart[] } {
  const starts: TaskStart[] = [];
  return { signal, starts, onStart: (start) => starts.push({ ...start }) };
}

/** Callbacks that record what a model reported for one task: every start, and its outcome (copies of both). */
export function recordingCallbacks(): TaskCallbacks & { starts: TaskStart[]; outcomes: TaskOutcome[] } {
  const starts: TaskStart[] = [];
  const outcomes: TaskOutcome[] = [];
  return {
    signal: new AbortController().signal,
    starts,
    outcomes,
    onStart: (start) => starts.push({ ...start }),
    onSettled: (outcome) => outcomes.push({ ...outcome }),
  };
}

/** A finished task's outcome. */
export type Done = Extract<TaskOutcome, { status: 'done' }>;

/** The outcome of a task that must have finished: a failed or cancelled one fails the test, saying what it was. */
export function expectDone(outcome: TaskOutcome | undefined): Done {
  if (outcome?.status !== 'done') throw new Error(`expected done, got ${JSON.stringify(outcome)}`);
  return outcome;
}

/** Whether a pool thread runs a task now, as the thread board shows it (sampling also reports the start). */
export function runsATask(model: WorkerPoolModel): boolean {
  return model.sampleThreads(250).perThread.some((thread) => thread.taskId !== undefined);
}

/** Holds the main thread for `ms`, as a long frame would; returns when it began and ended (engine clock). */
export function holdMainThread(ms: number): { from: number; to: number } {
  const from = performance.timeOrigin + performance.now();
  while (performance.timeOrigin + performance.now() < from + ms) {}
  return { from, to: performance.timeOrigin + performance.now() };
}

/** How many of `outcomes` ran at most at once: counted at each one's start. */
export function mostAtOnce(outcomes: readonly { startedAt: number; endedAt: number }[]): number {
  let most = 0;
  for (const task of outcomes) {
    const running = outcomes.filter(
      (other) => other.startedAt <= task.startedAt && other.endedAt > task.startedAt,
    );
    most = Math.max(most, running.length);
  }
  return most;
}
