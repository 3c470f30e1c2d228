// Each synchronous stretch of a task (from its start or a resume to its next await or its end) is a slice.
// The first slice is timed around the call that starts the task; the later ones are the promise reactions the
// task's own code queued. A promise made while a task's slice runs is tagged with the task (a `init` hook), so
// the reaction that resumes it (`before`/`after`) knows whose slice it is. This costs a property on each such
// promise and three hook calls, and nothing at all while recording is off: V8 skips its hooks when none is set.
// AsyncLocalStorage would find the task too, but entering a context per task cost twice as much at 10,000
// tasks in flight (BENCHMARKS.md).

import { performance } from 'node:perf_hooks';
import { promiseHooks } from 'node:v8';

/** Whatever the engine calls a task: the recorder hands it back with each of its slices. */
export type SliceOwner = object;

/** Where slices go: the owner, when the slice began (engine clock) and its length, ms. */
export type SliceSink = (owner: SliceOwner, start: number, lengthMs: number) => void;

const ownerKey = Symbol('concur-tui.slice-owner');

type Tagged = { [ownerKey]?: SliceOwner };

let sink: SliceSink | undefined;
let current: SliceOwner | undefined;
let currentStart = 0;
let stopHooks: (() => void) | undefined;
// The engine clock (clock.ts) is `timeOrigin + performance.now()`; `timeOrigin` is a getter, so it is read once.
const origin = performance.timeOrigin;

function onInit(promise: Promise<unknown>): void {
  if (current !== undefined) (promise as Tagged)[ownerKey] = current;
}

function onBefore(promise: Promise<unknown>): void {
  const owner = (promise as Tagged)[ownerKey];
  if (owner === undefined) return;
  current = owner;
  currentStart = performance.now();
}

function onAfter(): void {
  if (current === undefined) return;
  const owner = current;
  current = undefined;
  sink?.(owner, origin + currentStart, performance.now() - currentStart);
}

/** Starts recording this thread's slices into `to` (one recorder per thread: promise hooks are per thread). */
export function startSliceRecording(to: SliceSink): void {
  sink = to;
  stopHooks ??= promiseHooks.createHook({ init: onInit, before: onBefore, after: onAfter }) as () => void;
}

/** Stops recording; slices in progress are dropped. */
export function stopSliceRecording(): void {
  stopHooks?.();
  stopHooks = undefined;
  sink = undefined;
  current = undefined;
}

/** Whether this thread records slices now. */
export function recordingSlices(): boolean {
  return sink !== undefined;
}

/**
 * When the last first slice `runFirstSlice` recorded ended (engine clock): a caller that starts the next task at
 * once reads it instead of the clock. A typed array, so keeping it allocates nothing.
 */
const firstSliceEnd = new Float64Array(1);

/** When the last first slice `runFirstSlice` recorded ended (engine clock); NaN while recording is off. */
export function lastFirstSliceEnd(): number {
  return firstSliceEnd[0] as number;
}

/**
 * Runs `run(argument)` as `owner`'s first slice and returns what it returns (or throws what it throws). Promises
 * it makes are tagged, so the slices after its awaits are recorded too. While recording is off: just the call.
 */
export function runFirstSlice<Argument, Result>(
  owner: SliceOwner,
  run: (argument: Argument) => Result,
  argument: Argument,
): Result {
  if (sink === undefined) {
    firstSliceEnd[0] = Number.NaN;
    return run(argument);
  }
  const outer = current;
  const outerStart = currentStart;
  current = owner;
  const start = performance.now();
  try {
    return run(argument);
  } finally {
    current = outer;
    currentStart = outerStart;
    const end = performance.now();
    firstSliceEnd[0] = origin + end;
    sink?.(owner, origin + start, end - start);
  }
}
