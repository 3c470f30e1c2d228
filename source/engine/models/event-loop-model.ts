import { now } from '../clock.ts';
import { attachYield } from '../cooperative-yield.ts';
import { messageOf } from '../error-message.ts';
import { answerPayload, makePayload } from '../payload.ts';
import { runFirstSlice } from '../slices/slice-recorder.ts';
import { shortTaskMs, shortTaskSampling, threadCpuMs } from '../task-cpu-clock.ts';
import type { PoolSample, TaskInput, Workload } from '../types.ts';
import { within } from '../within.ts';
import type { EventLoopModelOptions } from './event-loop-options.ts';
import type {
  ExecutionModel,
  RunOptions,
  TaskCallbacks,
  TaskOutcome,
  WaitingTask,
} from './execution-model.ts';
import { AwaitingSlots } from './loop-awaiting.ts';
import { isThenable } from './loop-task-results.ts';
import { LoopTimeouts } from './loop-timeouts.ts';
import { cancelAllWaiting, withdrawAllWaiting } from './loop-waiting.ts';
import { LoopWorkloads } from './loop-workloads.ts';
import { PendingQueue } from './pending-queue.ts';
import { isTaskTimeout } from './task-timeout.ts';

/**
 * Runs every task on the main thread. Tasks start from a macrotask (setImmediate), never from a microtask
 * chain, and one turn starts tasks only until its budget is spent: then timers, I/O and the dashboard get
 * the loop before the next task starts. (Node runs every immediate queued before a check phase in one go, so
 * one setImmediate per task would still run eight 20 ms tasks back to back and hide the loop's real lag.)
 */
class EventLoopExecutionModel implements ExecutionModel {
  readonly name = 'async';
  readonly #closeTimeoutMs: number;
  readonly #payloadKb: number;
  readonly #turnBudgetMs: number;
  /** With a task timeout: the awaiting tasks it times. */
  readonly #timeouts: LoopTimeouts | undefined;
  // Three queues in step rather than one object per waiting task: with 100,000 tasks in flight every object a
  // task keeps alive is copied by each young-generation GC, and those pauses are the very lag we measure.
  // A task waits under its workload's specifier, so `withdrawWaiting` can hand it to another model as it came.
  readonly #readySpecifiers = new PendingQueue<string>();
  readonly #readyInputs = new PendingQueue<TaskInput>();
  readonly #readyCallbacks = new PendingQueue<TaskCallbacks>();
  /** While a workload file is being imported no turn runs, so tasks keep their order. */
  readonly #workloads: LoopWorkloads;
  #turnScheduled = false;
  /** The last context given the yield helper: contexts are few and shared by tasks, so most tasks skip it. */
  #yieldContext: object | undefined;
  #inFlight = 0;
  /** Tasks to start before the next one is measured (task-cpu-clock.ts: short tasks are sampled). */
  #cpuSkip = 0;
  #closed = false;
  #closing: Promise<void> | undefined;
  #onIdle: (() => void) | undefined;
  /** The task `runStarting` runs: fields, not a closure, so starting a task allocates nothing. */
  #startingWorkload: Workload | undefined;
  #startingInput: TaskInput | undefined;
  /** Without a task timeout: tasks whose promise is pending, by the slot their handlers are bound to. */
  readonly #awaiting = new AwaitingSlots<TaskCallbacks>();
  /** The handlers of every awaiting task's promise, bound to its slot (loop-awaiting.ts says why). */
  readonly #fulfilled: (this: number, value: unknown) => void;
  readonly #rejected: (this: number, error: unknown) => void;

  constructor(options: EventLoopModelOptions) {
    this.#closeTimeoutMs = options.closeTimeoutMs ?? 1000;
    this.#payloadKb = options.payloadKb ?? 0;
    this.#turnBudgetMs = options.turnBudgetMs ?? 1;
    this.#workloads = new LoopWorkloads(options.loadTimeoutMs, () => this.#scheduleTurn());
    if (isTaskTimeout(options.taskTimeoutMs)) {
      this.#timeouts = new LoopTimeouts(options.taskTimeoutMs, (callbacks, outcome) =>
        this.settle(callbacks, outcome),
      );
    }
    const model = this;
    this.#fulfilled = function (this: number, value: unknown): void {
      model.awaited(this, value);
    };
    this.#rejected = function (this: number, error: unknown): void {
      model.awaitFailed(this, error);
    };
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  run(workload: string, input: TaskInput, options: RunOptions): Promise<TaskOutcome> {
    return new Promise((resolve) =>
      this.submit(workload, input, {
        signal: options.signal,
        onStart: (start) => options.onStart(start),
        onSettled: resolve,
      }),
    );
  }

  submit(workload: string, input: TaskInput, callbacks: TaskCallbacks): void {
    if (this.#closed || callbacks.signal.aborted) {
      callbacks.onSettled({ status: 'cancelled', endedAt: now() });
      return;
    }
    this.#inFlight++;
    this.#readySpecifiers.push(workload);
    this.#readyInputs.push(input);
    this.#readyCallbacks.push(callbacks);
    this.#workloads.want(workload);
    this.#scheduleTurn();
  }

  #scheduleTurn(): void {
    if (this.#turnScheduled || this.#workloads.loading || this.#readyCallbacks.size === 0) return;
    this.#turnScheduled = true;
    setImmediate(runTurn, this);
  }

  /**
   * Always an inactive, threadless pool. The main thread's busy share is its event-loop utilization, which
   * the engine measures itself; summing task intervals here would count every await of an I/O task as busy.
   * `queueSize` counts tasks still waiting for their macrotask (or for their workload file to load).
   */
  sampleThreads(_windowMs: number): Omit<PoolSample, 'runTime' | 'waitTime'> {
    return {
      active: false,
      threads: 0,
      busyThreads: 0,
      utilization: 0,
      queueSize: this.#readyCallbacks.size,
      perThread: [],
    };
  }

  withdrawWaiting(): WaitingTask[] {
    const withdrawn = withdrawAllWaiting(this.#readySpecifiers, this.#readyInputs, this.#readyCallbacks);
    this.#inFlight -= withdrawn.length;
    this.#workloads.forgetFailures();
    if (this.#inFlight === 0 && this.#onIdle) {
      this.#onIdle();
      this.#onIdle = undefined;
    }
    return withdrawn;
  }

  setThreads(_threads: number): void {
    // The event loop is one thread.
  }

  close(): Promise<void> {
    this.#closing ??= this.#shutDown();
    return this.#closing;
  }

  async #shutDown(): Promise<void> {
    // Tasks still waiting for their turn see `closed` and settle as cancelled.
    this.#closed = true;
    // Waiting tasks are cancelled all at once (loop-waiting.ts says why).
    cancelAllWaiting(this.#readySpecifiers, this.#readyInputs, this.#readyCallbacks, this);
    if (this.#inFlight === 0) return;
    const idle = new Promise<void>((resolve) => {
      this.#onIdle = resolve;
    });
    // Nothing can stop a running async task; past the bound its outcome still arrives, just after close().
    await within(idle, this.#closeTimeoutMs);
  }

  /** One macrotask: starts ready tasks until the budget is spent, then yields the loop. */
  turn(): void {
    this.#turnScheduled = false;
    if (this.#workloads.loading) return;
    const turnStartedAt = now();
    while (this.#readyCallbacks.size > 0) {
      this.#start(
        this.#readySpecifiers.shift() as string,
        this.#readyInputs.shift() as TaskInput,
        this.#readyCallbacks.shift() as TaskCallbacks,
      );
      if (now() - turnStartedAt >= this.#turnBudgetMs) break;
    }
    // No task naming a failed file waits any more: the next submission may load it afresh.
    if (this.#readyCallbacks.size === 0) this.#workloads.forgetFailures();
    this.#scheduleTurn();
  }

  #start(specifier: string, input: TaskInput, callbacks: TaskCallbacks): void {
    if (this.#closed || callbacks.signal.aborted) {
      this.settle(callbacks, { status: 'cancelled', endedAt: now() });
      return;
    }
    const workload = this.#workloads.get(specifier);
    if (!workload) {
      const error = this.#workloads.failureOf(specifier);
      this.settle(callbacks, { status: 'failed', error, endedAt: now() });
      return;
    }
    const context = input.context;
    if (context !== this.#yieldContext) {
      attachYield(context);
      this.#yieldContext = context;
    }
    const startedAt = now();
    callbacks.onStart({ startedAt, threadId: 0 });
    if (this.#payloadKb > 0) answerPayload(makePayload(this.#payloadKb));
    let result: unknown;
    // Only a task that finishes inside this call is measured: one that returns a promise runs later slices
    // between other tasks' on the same thread, which this clock cannot tell apart, so it gets no CPU time.
    let cpuBegun = Number.NaN;
    if (this.#cpuSkip === 0) cpuBegun = threadCpuMs();
    else this.#cpuSkip--;
    // Its first slice, and the slices after each of its awaits, are recorded as the task's (the callbacks
    // object is the engine's task); `settleWhenDone` below runs outside it, so its reaction is no slice of it.
    this.#startingWorkload = workload;
    this.#startingInput = input;
    try {
      result = runFirstSlice(callbacks, runStarting, this);
    } catch (error) {
      this.fail(callbacks, startedAt, error);
      return;
    } finally {
      this.#startingWorkload = undefined;
      this.#startingInput = undefined;
    }
    if (isThenable(result)) {
      // Measured or not, a task that awaits gets no CPU time here: sample its successors sparingly.
      this.#cpuSkip = shortTaskSampling - 1;
      if (this.#timeouts === undefined) {
        const slot = this.#awaiting.add(callbacks, startedAt);
        promiseThen.call(Promise.resolve(result), this.#fulfilled.bind(slot), this.#rejected.bind(slot));
      } else {
        settleWhenDone(this, callbacks, startedAt, result, this.#timeouts.track(callbacks, startedAt));
      }
    } else {
      let cpuMs: number | undefined;
      if (!Number.isNaN(cpuBegun)) {
        cpuMs = Math.max(0, threadCpuMs() - cpuBegun);
        if (now() - startedAt < shortTaskMs) this.#cpuSkip = shortTaskSampling - 1;
      }
      this.succeed(callbacks, startedAt, result, cpuMs);
    }
  }

  /** Runs the task `#start` is starting: its workload's `run`, called as a method. */
  runStarting(): unknown {
    return (this.#startingWorkload as Workload).run(this.#startingInput as TaskInput);
  }

  /** Whether awaiting task `sequence` may still settle: false once it timed out (its late outcome is dropped). */
  claim(sequence: number): boolean {
    return this.#timeouts === undefined || this.#timeouts.claim(sequence);
  }

  /** The promise of the awaiting task in `slot` fulfilled with `value`. */
  awaited(slot: number, value: unknown): void {
    const startedAt = this.#awaiting.startedAt(slot);
    this.succeed(this.#awaiting.take(slot) as TaskCallbacks, startedAt, value);
  }

  /** The promise of the awaiting task in `slot` rejected with `error`. */
  awaitFailed(slot: number, error: unknown): void {
    const startedAt = this.#awaiting.startedAt(slot);
    this.fail(this.#awaiting.take(slot) as TaskCallbacks, startedAt, error);
  }

  succeed(callbacks: TaskCallbacks, startedAt: number, result: unknown, cpuMs?: number): void {
    this.settle(callbacks, { status: 'done', result, startedAt, endedAt: now(), threadId: 0, cpuMs });
  }

  fail(callbacks: TaskCallbacks, startedAt: number, error: unknown): void {
    this.settle(callbacks, {
      status: 'failed',
      error: messageOf(error),
      startedAt,
      endedAt: now(),
      threadId: 0,
    });
  }

  settle(callbacks: TaskCallbacks, outcome: TaskOutcome): void {
    this.#inFlight--;
    callbacks.onSettled(outcome);
    if (this.#inFlight === 0 && this.#onIdle) {
      this.#onIdle();
      this.#onIdle = undefined;
    }
  }
}

// `.then` on the task's promise rather than `await` in an async function: a pending wait keeps about 255 bytes
// alive instead of 463 (the async function's generator, its registers, its own promise and the await's two
// closures), 511 while slices are recorded (V8 then makes a throwaway promise per `await` and calls the init
// hook for it). With 10,000 tasks in flight each young-generation GC copies every byte of it, and those pauses
// are lag. Without a task timeout the handlers are the model's two, bound to a slot (loop-awaiting.ts), which
// keeps 96 bytes less alive. `Promise.resolve` first, so a foreign thenable is adopted once, never called
// with our handlers.
const promiseThen = Promise.prototype.then;

/**
 * With a task timeout: handlers that close over the task, so a task whose promise never settles is collected
 * once it timed out (a slot would keep it).
 */
function settleWhenDone(
  model: EventLoopExecutionModel,
  callbacks: TaskCallbacks,
  startedAt: number,
  result: PromiseLike<unknown>,
  sequence: number,
): void {
  promiseThen.call(
    Promise.resolve(result),
    (value: unknown) => {
      if (model.claim(sequence)) model.succeed(callbacks, startedAt, value);
    },
    (error: unknown) => {
      if (model.claim(sequence)) model.fail(callbacks, startedAt, error);
    },
  );
}

function runStarting(model: EventLoopExecutionModel): unknown {
  return model.runStarting();
}

// A module-level function, so a turn costs one setImmediate and no closure.
function runTurn(model: EventLoopExecutionModel): void {
  model.turn();
}

/** Runs tasks cooperatively on the main thread's event loop. */
export function createEventLoopModel(options: EventLoopModelOptions = {}): ExecutionModel {
  return new EventLoopExecutionModel(options);
}
