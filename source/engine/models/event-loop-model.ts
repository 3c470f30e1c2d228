import { now } from '../clock.ts';
import { attachYield } from '../cooperative-yield.ts';
import { messageOf } from '../error-message.ts';
import { answerPayload, makePayload } from '../payload.ts';
import { lastFirstSliceEnd, runFirstSlice } from '../slices/slice-recorder.ts';
import { shortTaskMs, shortTaskSampling, threadCpuMs } from '../task-cpu-clock.ts';
import type { PoolSample, TaskInput, Workload } from '../types.ts';
import { within } from '../within.ts';
import type { EventLoopModelOptions } from './event-loop-options.ts';
import type {
  ExecutionModel,
  RunOptions,
  TaskCallbacks,
  TaskOutcome,
  TaskStart,
  WaitingTask,
} from './execution-model.ts';
import { LoopPromises } from './loop-promises.ts';
import { isThenable } from './loop-task-results.ts';
import { cancelAllWaiting, withdrawAllWaiting } from './loop-waiting.ts';
import { LoopWorkloads } from './loop-workloads.ts';
import { PendingQueue } from './pending-queue.ts';

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
  /** The start and the outcome lent to each task's callbacks (execution-model.ts): one object each, not one per task. */
  readonly #lentStart: TaskStart = { startedAt: 0, threadId: 0 };
  readonly #lentDone: Extract<TaskOutcome, { status: 'done' }> = {
    status: 'done',
    result: undefined,
    startedAt: 0,
    endedAt: 0,
    threadId: 0,
    cpuMs: undefined,
  };
  /** The task `runStarting` runs: fields, not a closure, so starting a task allocates nothing. */
  #startingWorkload: Workload | undefined;
  #startingInput: TaskInput | undefined;
  /** Where tasks that returned a promise wait for it, timed when a task timeout is set (loop-promises.ts). */
  readonly #promises: LoopPromises;

  constructor(options: EventLoopModelOptions) {
    this.#closeTimeoutMs = options.closeTimeoutMs ?? 1000;
    this.#payloadKb = options.payloadKb ?? 0;
    this.#turnBudgetMs = options.turnBudgetMs ?? 1;
    this.#workloads = new LoopWorkloads(options.loadTimeoutMs, () => this.#scheduleTurn());
    this.#promises = new LoopPromises(this, options.taskTimeoutMs);
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  run(workload: string, input: TaskInput, options: RunOptions): Promise<TaskOutcome> {
    return new Promise((resolve) =>
      this.submit(workload, input, {
        signal: options.signal,
        onStart: (start) => options.onStart(start),
        // The outcome is lent: the promise keeps a copy.
        onSettled: (outcome) => resolve({ ...outcome }),
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
    // One clock read per task: the one that checks the budget after a task is when the next one starts. After
    // a task that awaits, that is the end of its first slice, which the slice recorder has just read.
    let at = turnStartedAt;
    while (this.#readyCallbacks.size > 0) {
      const sliceEnd = this.#start(
        this.#readySpecifiers.shift() as string,
        this.#readyInputs.shift() as TaskInput,
        this.#readyCallbacks.shift() as TaskCallbacks,
        at,
      );
      at = Number.isNaN(sliceEnd) ? now() : sliceEnd;
      if (at - turnStartedAt >= this.#turnBudgetMs) break;
    }
    // No task naming a failed file waits any more: the next submission may load it afresh.
    if (this.#readyCallbacks.size === 0) this.#workloads.forgetFailures();
    this.#scheduleTurn();
  }

  /**
   * Starts a task taken from the queue at `startedAt` (engine clock). Returns when the task's first slice ended
   * if it now awaits and its slices are recorded (nothing of the task runs after that here), else NaN.
   */
  #start(specifier: string, input: TaskInput, callbacks: TaskCallbacks, startedAt: number): number {
    if (this.#closed || callbacks.signal.aborted) {
      this.settle(callbacks, { status: 'cancelled', endedAt: now() });
      return Number.NaN;
    }
    const workload = this.#workloads.get(specifier);
    if (!workload) {
      const error = this.#workloads.failureOf(specifier);
      this.settle(callbacks, { status: 'failed', error, endedAt: now() });
      return Number.NaN;
    }
    const context = input.context;
    if (context !== this.#yieldContext) {
      attachYield(context);
      this.#yieldContext = context;
    }
    const start = this.#lentStart;
    start.startedAt = startedAt;
    callbacks.onStart(start);
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
      return Number.NaN;
    } finally {
      this.#startingWorkload = undefined;
      this.#startingInput = undefined;
    }
    if (isThenable(result)) {
      // Measured or not, a task that awaits gets no CPU time here: sample its successors sparingly.
      this.#cpuSkip = shortTaskSampling - 1;
      this.#promises.wait(callbacks, startedAt, result);
      return lastFirstSliceEnd();
    }
    let cpuMs: number | undefined;
    if (!Number.isNaN(cpuBegun)) {
      cpuMs = Math.max(0, threadCpuMs() - cpuBegun);
      if (now() - startedAt < shortTaskMs) this.#cpuSkip = shortTaskSampling - 1;
    }
    this.succeed(callbacks, startedAt, result, cpuMs);
    return Number.NaN;
  }

  /** Runs the task `#start` is starting: its workload's `run`, called as a method. */
  runStarting(): unknown {
    return (this.#startingWorkload as Workload).run(this.#startingInput as TaskInput);
  }

  succeed(callbacks: TaskCallbacks, startedAt: number, result: unknown, cpuMs?: number): void {
    const outcome = this.#lentDone;
    outcome.result = result;
    outcome.startedAt = startedAt;
    outcome.endedAt = now();
    outcome.cpuMs = cpuMs;
    this.settle(callbacks, outcome);
    // Not kept alive by the lent object until the next task settles.
    outcome.result = undefined;
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
