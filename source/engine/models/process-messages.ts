// The shapes that cross between the main process and a pool process: what each task carries, what comes
// back, and the usage report a process sends now and then. Kept apart from process-entry.ts, which runs only
// inside a pool process.
import type { TaskInput } from '../types.ts';

/** What the main process sends for each task. */
export type ProcessPayload = {
  /** A built-in workload name, or the `file:` URL of a workload file. */
  workload: string;
  input: TaskInput;
  /** The slot's number for this task, echoed in its result and in reports: several tasks may be out at once. */
  ticket: number;
  /** The `--payload` buffer the task carries in (see payload.ts). */
  payload?: Uint8Array;
  /**
   * Sent past the tasks the process runs at once: it waits at the process's gate (process-gate.ts), and the
   * process reports its start the moment it starts, since the main process does not count it as started.
   */
  held?: true;
};

/**
 * Sent by the main process to take back a held task that has not started. It can lose the race: a task that
 * started meanwhile runs to its end. A task taken back answers `cancelled`. The `workerId` is poolifier's
 * (every message to a pool process must name it); poolifier ignores the rest.
 */
export type ProcessCancel = {
  workerId: number;
  cancelTicket: number;
  /** Loses also to a place already being handed to the task (a move to an idle process, not a withdrawal). */
  soft?: true;
};

export function isProcessCancel(message: unknown): message is ProcessCancel {
  return typeof message === 'object' && message !== null && 'cancelTicket' in message;
}

/**
 * What a process measured about itself, cumulative since it started, on its own clock (`now()`, comparable
 * with the main process's within the clock skew of `performance.timeOrigin`).
 */
export type ProcessUsage = {
  pid: number;
  /** When it measured this, ms. */
  at: number;
  /** Time spent with at least one task running so far, up to `at`, ms (counted once however many run). */
  busyMs: number;
  /** CPU time (user + system, every thread of the process) so far, ms. */
  cpuMs: number;
  rssBytes: number;
};

/** Slices a process recorded since its last message (process-slice-batch.ts), on any message it sends. */
export type SlicesCarried = {
  /** Packed: task id, start (engine clock), length (ms), slice number, for each slice. */
  slicesRecorded?: Float64Array;
  /** Slices the process recorded and could not keep for this message. */
  slicesDropped?: number;
};

/** One task's slice stats, while the pool records slices. */
export type TaskSliceStats = { slices?: number; longestSliceMs?: number; sliceMs?: number };

/** What a task sends back. A task that throws is a result too, so its timing survives. */
export type ProcessResult = SlicesCarried &
  TaskSliceStats &
  (
    | {
        status: 'done';
        ticket: number;
        result: unknown;
        startedAt: number;
        endedAt: number;
        /**
         * CPU time of the process's main thread while the task ran, ms; undefined when another task shared the
         * process meanwhile (task-cpu-clock.ts). Work the task handed to libuv's threads is not in it.
         */
        cpuMs: number | undefined;
        usage: ProcessUsage;
        payload?: Uint8Array;
      }
    | {
        status: 'failed';
        ticket: number;
        error: string;
        startedAt?: number;
        endedAt: number;
        usage: ProcessUsage;
      }
    | {
        /** A held task taken back before it started (`ProcessCancel`). */
        status: 'cancelled';
        ticket: number;
        usage: ProcessUsage;
      }
  );

/**
 * Sent by a process every `reportEveryMs` while its event loop turns, outside poolifier's task protocol
 * (which ignores a message that has only a `workerId`): the running task's start, and usage between results.
 */
export type ProcessReport = {
  workerId: number;
  processReport: ProcessUsage &
    SlicesCarried & {
      /** Ticket and start of each task running now, oldest first; absent when none runs. */
      running?: RunningTask[];
    };
};

/** A task running in a process: the ticket the slot gave it, and when the process started it. */
export type RunningTask = { ticket: number; startedAt: number };

export const reportEveryMs = 250;

/** The environment variable that carries the load bound (ms) to a pool process: its start data. */
export const loadTimeoutEnv = 'CONCUR_TUI_LOAD_TIMEOUT_MS';

/** The environment variable that carries the tasks a pool process runs at once; unset: no bound. */
export const tasksPerProcessEnv = 'CONCUR_TUI_TASKS_PER_PROCESS';

/** The tasks a pool process runs at once, from its environment; unbounded without one (a bare pool). */
export function tasksPerProcessFrom(env: NodeJS.ProcessEnv): number {
  const tasks = Number(env[tasksPerProcessEnv]);
  return tasks >= 1 ? Math.floor(tasks) : Number.POSITIVE_INFINITY;
}

/** The environment variable that tells a pool process to record its tasks' slices ('1'). */
export const recordSlicesEnv = 'CONCUR_TUI_RECORD_SLICES';

/** The load bound a pool process was started with, from its environment; undefined: the loader's default. */
export function loadTimeoutFrom(env: NodeJS.ProcessEnv): number | undefined {
  const ms = Number(env[loadTimeoutEnv]);
  return ms > 0 ? ms : undefined;
}

export function isProcessReport(message: unknown): message is ProcessReport {
  return typeof message === 'object' && message !== null && 'processReport' in message;
}
