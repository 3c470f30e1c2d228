import type { Worker as ClusterWorkerHandle } from 'node:cluster';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { FixedClusterPool } from 'poolifier';
import { now } from '../clock.ts';
import type { LoopbackContext } from '../loopback/loopback-context.ts';
import type { TaskInput } from '../types.ts';
import {
  isProcessReport,
  type ProcessPayload,
  type ProcessReport,
  type ProcessResult,
} from './process-messages.ts';
import { UsageReadings } from './process-usage.ts';

// Source runs as .ts (tests, type stripping); the bundle in dist/ holds process-entry.js beside this code.
const entryFile = fileURLToPath(
  new URL(`./process-entry.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url),
);

/** How long a process may take to exit when asked before it is killed, ms. */
const killAfterMs = 500;

export type ProcessSlotState = 'starting' | 'ready' | 'retiring' | 'gone';

/** What a slot tells the pool that owns it. */
export type ProcessSlotEvents<Task> = {
  /** The process answered its warm-up: it takes tasks. */
  ready(slot: ProcessSlot<Task>): void;
  /** The process reported that the task out on it started. */
  started(slot: ProcessSlot<Task>, task: Task, startedAt: number): void;
  /** The task out on the process came back. */
  result(slot: ProcessSlot<Task>, task: Task, result: ProcessResult): void;
  /** The process died: `task` (the one it ran, if any) failed with `reason`. */
  died(slot: ProcessSlot<Task>, task: Task | undefined, reason: string, wasReady: boolean): void;
};

/** The options every process pool of concur-tui uses, and a benchmark comparing with bare poolifier. */
export function poolifierOptions() {
  return {
    enableEvents: false,
    // A process's error is the slot's business. (On exit poolifier forks a replacement all the same; the slot
    // fails the task the dead one had and takes the replacement on: see #exited.)
    restartWorkerOnError: false,
    // Structured clone, so buffers (the payload) and the same values as worker threads cross. No pipes for
    // output: nothing would read them, and a task that prints would block once a pipe filled; nor would a
    // process's output be welcome over the dashboard.
    settings: { serialization: 'advanced' as const, stdio: ['ignore', 'ignore', 'ignore', 'ipc'] },
  };
}

export { entryFile as processEntryFile };

/**
 * One pool process: a poolifier pool of one cluster worker, which this slot hands at most one task at a
 * time. Owning one pool per process lets the pool grow and shrink by one process without a rebuild (poolifier
 * cannot resize a fixed pool), and keeps every task the model has not sent in the model's own queue, where
 * it can be withdrawn exactly. When the process dies, poolifier forks its replacement in the same pool; the
 * slot fails the task it had and warms the replacement up.
 */
export class ProcessSlot<Task> {
  state: ProcessSlotState = 'starting';
  /** The process's pid once it answered; 0 while it starts. */
  pid = 0;
  /** How long the process took from fork to its first answer, ms. */
  startMs: number | undefined;
  /** The task out on the process, if any, with its id and when it was sent. */
  task: Task | undefined;
  taskId: number | undefined;
  sentAt = 0;
  /** When the process said the task out on it started (from a report), if it did. */
  taskStartedAt: number | undefined;
  /** Readings of the process now in the slot; a replacement starts its counters from zero. */
  usage = new UsageReadings();
  readonly #events: ProcessSlotEvents<Task>;
  readonly #pool: FixedClusterPool<ProcessPayload, ProcessResult>;
  #worker: ClusterWorkerHandle | undefined;
  #forkedAt = 0;
  #closing: Promise<void> | undefined;
  #onResult: (result: ProcessResult) => void = () => {};
  #onError: (error: unknown) => void = () => {};

  constructor(events: ProcessSlotEvents<Task>) {
    this.#events = events;
    this.#forkedAt = now();
    this.#pool = new FixedClusterPool<ProcessPayload, ProcessResult>(1, entryFile, poolifierOptions());
    this.#watch();
  }

  /** Sends `task` to the process; it must be ready and hold no task. */
  run(task: Task, workload: string, input: TaskInput, payload: Uint8Array | undefined): void {
    this.task = task;
    this.taskId = input.id;
    this.taskStartedAt = undefined;
    this.sentAt = now();
    const message: ProcessPayload = { workload, input: crossable(input) };
    if (payload) message.payload = payload;
    this.#pool.execute(message).then(this.#onResult, this.#onError);
  }

  /** Ends the process (and with it any task it runs). */
  destroy(): Promise<void> {
    this.state = 'gone';
    this.#closing ??= this.#end();
    return this.#closing;
  }

  /**
   * Asks poolifier to end the process, and kills it if it has not exited within `killAfterMs`: a process
   * computing a task that never yields cannot answer poolifier's kill message, and poolifier's destroy would
   * wait for it forever. Resolves once the process has exited.
   */
  async #end(): Promise<void> {
    const child = this.#worker?.process;
    const running = child !== undefined && child.exitCode === null && child.signalCode === null;
    const exited = running ? once(child, 'exit') : undefined;
    this.#pool.destroy().catch(() => {});
    if (!exited) return;
    const kill = setTimeout(() => child?.kill('SIGKILL'), killAfterMs);
    await exited;
    clearTimeout(kill);
  }

  #noUsage() {
    return { pid: this.pid, at: now(), busyMs: 0, cpuMs: 0, rssBytes: 0 };
  }

  /** Listens to the pool's (new) process and warms it up. */
  #watch(): void {
    const worker = this.#pool.workerNodes[0]?.worker as ClusterWorkerHandle | undefined;
    this.#worker = worker;
    if (!worker) return;
    // One pair per process, not per task; bound to the process, so an answer about a dead one is dropped.
    this.#onResult = (result) => this.#answered(worker, result);
    this.#onError = (error) => {
      // poolifier rejects when the task function threw, which runTask never does, when the pool is destroyed
      // under it, or at once when the task cannot be sent. The failure lands in a macrotask of its own: a
      // closed loop refills on every failure, and failures settled as microtasks would never let the loop
      // (the dashboard, the q key) run again. A death is reported by the exit handler.
      setImmediate(() => {
        if (this.#worker !== worker || this.task === undefined) return;
        const message = error instanceof Error ? error.message : String(error);
        this.#answered(worker, { status: 'failed', error: message, endedAt: now(), usage: this.#noUsage() });
      });
    };
    worker.on('message', (message: unknown) => {
      if (this.#worker !== worker || typeof message !== 'object' || message === null) return;
      // poolifier's own handler, registered first, has already marked the process ready to take tasks.
      if ((message as { ready?: unknown }).ready === true) this.#up(worker);
      else if (isProcessReport(message)) this.#report(message.processReport);
    });
    worker.once('exit', (code: number | null, signal: string | null) => this.#exited(worker, code, signal));
  }

  /** The process loaded the entry and the workload catalogue and answered poolifier's handshake. */
  #up(worker: ClusterWorkerHandle): void {
    if (this.state === 'gone') return;
    this.pid = worker.process.pid ?? 0;
    this.startMs = now() - this.#forkedAt;
    if (this.state === 'starting') this.state = 'ready';
    this.#events.ready(this);
  }

  #report(report: ProcessReport['processReport']): void {
    this.usage.add(report);
    const { running } = report;
    const task = this.task;
    if (running && task !== undefined && running.taskId === this.taskId && this.taskStartedAt === undefined) {
      this.taskStartedAt = running.startedAt;
      this.#events.started(this, task, running.startedAt);
    }
  }

  #answered(worker: ClusterWorkerHandle | undefined, result: ProcessResult): void {
    if (this.#worker !== worker || this.state === 'gone') return;
    if (result.usage.pid !== 0) this.usage.add(result.usage);
    const task = this.task as Task;
    this.task = undefined;
    this.taskId = undefined;
    this.#events.result(this, task, result);
  }

  #exited(worker: ClusterWorkerHandle, code: number | null, signal: string | null): void {
    if (this.#worker !== worker || this.state === 'gone') return;
    const pid = worker.process.pid ?? this.pid;
    const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    const reason = `process ${pid} ${how} while running this task`;
    const task = this.task;
    const wasReady = this.state !== 'starting';
    this.task = undefined;
    this.taskId = undefined;
    this.pid = 0;
    this.startMs = undefined;
    this.usage = new UsageReadings();
    if (this.state === 'ready') this.state = 'starting';
    // poolifier forked the replacement in its own exit handler, which ran before this one.
    this.#forkedAt = now();
    this.#watch();
    this.#events.died(this, task, reason, wasReady);
  }
}

/**
 * The task's input as it can cross to a process: memory cannot be shared with another process, so the
 * loopback client's shared counters stay behind and the process counts on its own (process-entry.ts).
 */
function crossable(input: TaskInput): TaskInput {
  const loopback = input.context.loopback;
  if (!loopback) return input;
  const { counters: _shared, ...rest } = loopback;
  return { ...input, context: { ...input.context, loopback: rest as LoopbackContext } };
}
