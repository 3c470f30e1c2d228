import type { TaskCallbacks, TaskOutcome, TaskStart } from './models/execution-model.ts';
import type { Knobs, ModelName, TaskContext, TaskInput, TaskRecord, TaskState } from './types.ts';

/** Where a task reports its transitions: the engine, seen from one task. */
export type TaskSink = {
  readonly signal: AbortSignal;
  /** The knobs and context new tasks run with. */
  readonly knobs: Knobs;
  readonly context: TaskContext;
  started(task: LiveTask, start: TaskStart): void;
  settled(task: LiveTask, outcome: TaskOutcome, workload: string): void;
};

/**
 * A task in flight: its record, its input and its callbacks in one object, because with 100,000 tasks in flight every
 * object a task keeps alive is copied by each young-generation GC, and those pauses are event-loop lag.
 * The sink and workload are private fields, so `{ ...task }` copies only the record.
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
  readonly #knobs: Knobs;
  readonly #context: TaskContext;
  readonly #sink: TaskSink;
  readonly #workload: string;

  constructor(sink: TaskSink, model: ModelName, workload: string, submittedAt: number) {
    this.#sink = sink;
    this.model = model;
    this.#workload = workload;
    this.submittedAt = submittedAt;
    this.#knobs = sink.knobs;
    this.#context = sink.context;
  }

  get knobs(): Knobs {
    return this.#knobs;
  }

  get context(): TaskContext {
    return this.#context;
  }

  get signal(): AbortSignal {
    return this.#sink.signal;
  }

  onStart(start: TaskStart): void {
    this.#sink.started(this, start);
  }

  onSettled(outcome: TaskOutcome): void {
    this.#sink.settled(this, outcome, this.#workload);
  }
}
