import type { TaskCallbacks, TaskOutcome, TaskStart } from './models/execution-model.ts';
import type { Knobs, ModelName, TaskContext, TaskInput, TaskRecord, TaskState } from './types.ts';

/** The engine's side of a loop task's slices (slices/slice-recording.ts). */
export type LoopSliceSink = {
  /** One slice of `task` ended. */
  sliced(task: LiveTask, start: number, lengthMs: number): void;
  /** `task` settles: its slice counts go into its record. */
  fill(task: LiveTask): void;
};

/**
 * What a task is submitted with: where it reports, its workload, and the knobs and context it runs with. One
 * object is shared by every task submitted with the same ones, so a task keeps one field for all four.
 */
export type TaskSetup = {
  readonly sink: TaskSink;
  /** How models load its workload: a built-in name or a `file:` URL. */
  readonly specifier: string;
  readonly knobs: Knobs;
  readonly context: TaskContext;
};

/** Where a task reports its transitions: the engine, seen from one task. */
export type TaskSink = {
  readonly signal: AbortSignal;
  /** The setup of a task submitted now with `specifier`: the same object until knobs, context or workload change. */
  setupFor(specifier: string): TaskSetup;
  started(task: LiveTask, start: TaskStart): void;
  settled(task: LiveTask, outcome: TaskOutcome): void;
  /** Where the task's slices on the event loop go; absent while slices are not recorded. */
  slices?: LoopSliceSink | undefined;
};

/**
 * A task in flight: its record, its input and its callbacks in one object, because with 100,000 tasks in flight every
 * object a task keeps alive is copied by each young-generation GC, and those pauses are event-loop lag. Its
 * setup is one private field (8 bytes where the four it holds took 32), so `{ ...task }` copies only the record
 * (and its generation).
 */
export class LiveTask implements TaskRecord, TaskInput, TaskCallbacks {
  id = 0;
  state: TaskState = 'queued';
  model: ModelName;
  submittedAt: number;
  threadId?: number;
  startedAt?: number;
  endedAt?: number;
  error?: string;
  cpuMs?: number;
  slices?: number;
  longestSliceMs?: number;
  sliceMs?: number;
  /** The measurement the task belongs to: set when it is submitted, and again if it moves to another model. */
  generation: number;
  /**
   * When the task's current measurement got it, if that was not its submit time: the moment it moved to another
   * model. The row's latency counts from here, so a task handed over at a switch does not bring the old model's
   * queueing into the new model's numbers (the record keeps the real submit time). Unset until then, since each
   * time a task holds is a 16-byte box for every young-generation GC to copy.
   */
  measuredFrom?: number;
  readonly #setup: TaskSetup;

  constructor(setup: TaskSetup, model: ModelName, submittedAt: number, generation: number) {
    this.#setup = setup;
    this.model = model;
    this.submittedAt = submittedAt;
    this.generation = generation;
  }

  /** How models load its workload: a built-in name or a `file:` URL. */
  get specifier(): string {
    return this.#setup.specifier;
  }

  get knobs(): Knobs {
    return this.#setup.knobs;
  }

  get context(): TaskContext {
    return this.#setup.context;
  }

  get signal(): AbortSignal {
    return this.#setup.sink.signal;
  }

  onStart(start: TaskStart): void {
    this.#setup.sink.started(this, start);
  }

  onSettled(outcome: TaskOutcome): void {
    const { sink } = this.#setup;
    sink.slices?.fill(this);
    sink.settled(this, outcome);
  }

  /** One of its slices on the event loop ended (slices/loop-recording.ts): its engine records it. */
  sliced(start: number, lengthMs: number): void {
    this.#setup.sink.slices?.sliced(this, start, lengthMs);
  }
}
