import type { Worker as ClusterWorkerHandle } from 'node:cluster';
import { fileURLToPath } from 'node:url';
import type { FixedClusterPool } from 'poolifier';
import { now } from '../clock.ts';
import type { TaskInput } from '../types.ts';
import { endProcess } from './process-end.ts';
import {
  isProcessReport,
  type ProcessCancel,
  type ProcessPayload,
  type ProcessReport,
  type ProcessResult,
  type SlicesCarried,
} from './process-messages.ts';
import {
  crossable,
  heldPerProcess,
  holdFromMs,
  isWaiting,
  type OutTask,
  splitOut,
} from './process-out-tasks.ts';
import { fixedClusterPool, poolifierOptions } from './process-pool-options.ts';
import type { ProcessSlotEvents, ProcessSlotState } from './process-slot-events.ts';
import { UsageReadings } from './process-usage.ts';

export type { OutTask } from './process-out-tasks.ts';
export { poolifierOptions } from './process-pool-options.ts';
export type { ProcessSlotEvents, ProcessSlotState } from './process-slot-events.ts';

// Source runs as .ts (tests, type stripping); the bundle in dist/ holds process-entry.js beside this code.
const entryFile = fileURLToPath(
  new URL(`./process-entry.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url),
);

/** How long a new process may take to answer before its place is given up, ms. */
const startTimeoutMs = 10_000;

export { entryFile as processEntryFile };

/**
 * One pool process: a poolifier pool of one cluster worker, which this slot hands up to `tasksPerProcess`
 * tasks to run at a time, and one more that the process holds at its gate and starts the moment a running one
 * ends (poolifier, with no tasks queue of its own, sends each at once, and the process runs them together on
 * its event loop). Owning one pool per process lets the pool grow and shrink by one process without a rebuild
 * (poolifier cannot resize a fixed pool). Every task not sent stays in the model's own queue, where it can be
 * withdrawn exactly; a held one is taken back by a cancel message, which loses to a start. When the process
 * dies, poolifier forks its replacement in the same pool; the slot fails the tasks it ran, gives back the one
 * it held, and warms the replacement up.
 */
export class ProcessSlot<Task> {
  state: ProcessSlotState = 'starting';
  /** The process's pid once it answered; 0 while it starts. */
  pid = 0;
  /** How long the process took from fork to its first answer, ms. */
  startMs: number | undefined;
  /** Tasks out on the process, by ticket, oldest first. */
  readonly out = new Map<number, OutTask<Task>>();
  /** Tasks the process runs at once. */
  readonly tasksPerProcess: number;

  /** Workloads the process in the slot has run a task of, so it has them loaded (a replacement starts empty). */
  loaded = new Set<string>();
  /** Readings of the process now in the slot; a replacement starts its counters from zero. */
  usage = new UsageReadings();
  readonly #events: ProcessSlotEvents<Task>;
  readonly #pool: FixedClusterPool<ProcessPayload, ProcessResult>;
  #worker: ClusterWorkerHandle | undefined;
  #forkedAt = 0;
  /** Fails the start of a process that has not answered in time. */
  #startDeadline: NodeJS.Timeout | undefined;
  /** Why the process in the slot is being ended before it started, when this slot ends it. */
  #startFailure: string | undefined;
  #closing: Promise<void> | undefined;
  #nextTicket = 0;
  /** How long the last task that ran in the slot ran, ms (its processes run the same workloads). */
  #lastRunMs = Number.POSITIVE_INFINITY;
  #onResult: (result: ProcessResult) => void = () => {};

  /** `recordSlices`: whether the process records its tasks' slices (sent along with its messages). */
  constructor(
    events: ProcessSlotEvents<Task>,
    tasksPerProcess = 1,
    loadTimeoutMs?: number,
    recordSlices = false,
  ) {
    this.#events = events;
    this.tasksPerProcess = tasksPerProcess;
    this.#forkedAt = now();
    this.#pool = new (fixedClusterPool())<ProcessPayload, ProcessResult>(
      1,
      entryFile,
      poolifierOptions(loadTimeoutMs, recordSlices, tasksPerProcess),
    );
    this.#watch();
  }

  /**
   * Tasks the process may have out at once: those it runs, and one it holds while its tasks take `holdFromMs`
   * or more (as the last one did; until one ran, it holds).
   */
  get capacity(): number {
    return this.tasksPerProcess + (this.#lastRunMs >= holdFromMs ? heldPerProcess : 0);
  }

  /** How many more tasks the process takes now: 0 unless it is ready. */
  get free(): number {
    return this.state === 'ready' ? this.capacity - this.out.size : 0;
  }

  /**
   * Sends `task` to the process; it must be ready with a free place (`free > 0`). Returns whether the process
   * holds it (it runs all it may at once): then its start comes in a report, else it starts as it arrives.
   */
  run(task: Task, workload: string, input: TaskInput, payload: Uint8Array | undefined): boolean {
    const ticket = this.#nextTicket++;
    const held = this.out.size >= this.tasksPerProcess;
    const sentAt = now();
    this.out.set(ticket, {
      task,
      workload,
      taskId: input.id,
      sentAt,
      startedAt: undefined,
      held,
      cancelling: undefined,
    });
    const message: ProcessPayload = { workload, input: crossable(input), ticket };
    if (payload) message.payload = payload;
    if (held) message.held = true;
    // Results name their ticket, so one handler per process serves them all; a rejection does not, and
    // needs its own.
    this.#pool.execute(message).then(this.#onResult, this.#rejected(ticket));
    return held;
  }

  /**
   * Asks the process to give back the task with `ticket` if it holds it without a start seen (`isWaiting`):
   * it answers `cancelled` if the cancel won, else it runs and answers as any task. A `soft` cancel loses also
   * to a place being handed to the task; a hard one may follow a soft one.
   */
  cancel(ticket: number, soft = false): void {
    const out = this.out.get(ticket);
    const worker = this.#worker;
    if (!out || !isWaiting(out) || !worker || this.state === 'gone') return;
    if (out.cancelling === 'hard' || (soft && out.cancelling === 'soft')) return;
    out.cancelling = soft ? 'soft' : 'hard';
    const cancel: ProcessCancel = { workerId: worker.id, cancelTicket: ticket };
    if (soft) cancel.soft = true;
    // A process that cannot be reached is going: its exit gives the held task back.
    if (worker.isConnected()) worker.send(cancel);
  }

  /** Takes the tasks the process holds without a start seen off the slot (before it is replaced). */
  takeHeld(): Task[] {
    const held: Task[] = [];
    for (const [ticket, out] of this.out) {
      if (!isWaiting(out)) continue;
      held.push(out.task);
      this.out.delete(ticket);
    }
    return held;
  }

  /** Ends the process (and with it any task it runs). */
  destroy(): Promise<void> {
    clearTimeout(this.#startDeadline);
    this.state = 'gone';
    this.#closing ??= endProcess(this.#pool, this.#worker?.process);
    return this.#closing;
  }

  #noUsage() {
    return { pid: this.pid, at: now(), busyMs: 0, cpuMs: 0, rssBytes: 0 };
  }

  /** What a rejection of the task with `ticket`, sent to the process now in the slot, does. */
  #rejected(ticket: number): (error: unknown) => void {
    const worker = this.#worker;
    // poolifier rejects when the task function threw, which runTask never does, when the pool is destroyed
    // under it, or at once when the task cannot be sent. The failure lands in a macrotask of its own: a
    // closed loop refills on every failure, and failures settled as microtasks would never let the loop
    // (the dashboard, the q key) run again. A death is reported by the exit handler.
    return (error) =>
      setImmediate(() => {
        if (this.#worker !== worker || !this.out.has(ticket)) return;
        const message = error instanceof Error ? error.message : String(error);
        const failed: ProcessResult = {
          status: 'failed',
          ticket,
          error: message,
          endedAt: now(),
          usage: this.#noUsage(),
        };
        this.#answered(worker, failed);
      });
  }

  /** Listens to the pool's (new) process and warms it up. */
  #watch(): void {
    const worker = this.#pool.workerNodes[0]?.worker as ClusterWorkerHandle | undefined;
    this.#worker = worker;
    if (!worker) return;
    // One per process, not per task; bound to the process, so an answer about a dead one is dropped.
    this.#onResult = (result) => this.#answered(worker, result);
    worker.on('message', (message: unknown) => {
      if (this.#worker !== worker || typeof message !== 'object' || message === null) return;
      // poolifier's own handler, registered first, has already marked the process ready to take tasks.
      if ((message as { ready?: unknown }).ready === true) this.#up(worker);
      else if (isProcessReport(message)) this.#report(message.processReport);
    });
    worker.once('exit', (code: number | null, signal: string | null) => this.#exited(worker, code, signal));
    // A fork that cannot happen (EAGAIN under a process limit) emits 'error' and never 'exit'; a process that
    // runs but never answers (no thread could start in it) emits neither. Either gives the place up, saying why.
    worker.once('error', (error: Error) => this.#couldNotStart(worker, `could not fork: ${error.message}`));
    clearTimeout(this.#startDeadline);
    this.#startDeadline = setTimeout(() => {
      this.#startFailure = `it did not start within ${startTimeoutMs / 1000} s`;
      worker.process.kill('SIGKILL');
    }, startTimeoutMs).unref();
  }

  /** A process that never ran: what it had out fails, and the slot gives its place up. */
  #couldNotStart(worker: ClusterWorkerHandle, reason: string): void {
    if (this.#worker !== worker || this.state !== 'starting') return;
    clearTimeout(this.#startDeadline);
    const { ran, heldBack } = splitOut(this.out.values());
    this.out.clear();
    this.#worker = undefined;
    this.#events.died(this, ran, heldBack, reason, false);
  }

  /** The process loaded the entry and the workload catalogue and answered poolifier's handshake. */
  #up(worker: ClusterWorkerHandle): void {
    clearTimeout(this.#startDeadline);
    if (this.state === 'gone') return;
    this.pid = worker.process.pid ?? 0;
    this.startMs = now() - this.#forkedAt;
    if (this.state === 'starting') this.state = 'ready';
    this.#events.ready(this);
  }

  #report(report: ProcessReport['processReport']): void {
    this.#carried(report);
    this.usage.add(report);
    for (const { ticket, startedAt } of report.running ?? []) {
      const out = this.out.get(ticket);
      if (out === undefined || out.startedAt !== undefined) continue;
      out.startedAt = startedAt;
      this.#events.started(this, out.task, startedAt);
    }
  }

  #answered(worker: ClusterWorkerHandle | undefined, result: ProcessResult): void {
    if (this.#worker !== worker) return;
    this.#carried(result);
    if (this.state === 'gone') return;
    const out = this.out.get(result.ticket);
    if (out === undefined) return;
    if (result.usage.pid !== 0) this.usage.add(result.usage);
    if (result.status !== 'cancelled' && result.startedAt !== undefined) {
      this.loaded.add(out.workload);
      this.#lastRunMs = result.endedAt - result.startedAt;
    }
    this.out.delete(result.ticket);
    this.#events.result(this, out.task, result);
  }

  #carried(carried: SlicesCarried): void {
    if (carried.slicesRecorded !== undefined || carried.slicesDropped !== undefined) {
      this.#events.slices(this, carried);
    }
  }

  #exited(worker: ClusterWorkerHandle, code: number | null, signal: string | null): void {
    if (this.#worker !== worker || this.state === 'gone') return;
    clearTimeout(this.#startDeadline);
    const pid = worker.process.pid ?? this.pid;
    const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    const reason = this.#startFailure ?? `process ${pid} ${how} while running this task`;
    this.#startFailure = undefined;
    const { ran, heldBack } = splitOut(this.out.values());
    const wasReady = this.state !== 'starting';
    this.out.clear();
    this.pid = 0;
    this.startMs = undefined;
    this.usage = new UsageReadings();
    this.loaded = new Set();
    if (this.state === 'ready') this.state = 'starting';
    // poolifier forked the replacement in its own exit handler, which ran before this one.
    this.#forkedAt = now();
    this.#watch();
    this.#events.died(this, ran, heldBack, reason, wasReady);
  }
}
