import type { ThreadBoard } from './thread-board.ts';
import type { WorkerData } from './worker-messages.ts';

// Source runs as .ts (tests, type stripping); the bundle in dist/ holds worker-entry.js beside this code.
const workerFile = new URL(`./worker-entry.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url)
  .href;

/**
 * Tasks handed to Piscina per thread: the running one and the next. Without the next one already waiting in
 * the thread, a thread that finishes a task waits for the main thread to hand it another: for a tiny task
 * waking it costs more than the task (about a third of the throughput of tiny tasks, measured), and while the
 * main thread draws a frame (10–25 ms with the pool on every core) the thread sits idle.
 */
export const ticketsPerThread = 2;

/** Tickets a thread running `tasksPerWorker` tasks at once holds: those tasks and the next. */
export function ticketsFor(tasksPerWorker: number): number {
  return tasksPerWorker + ticketsPerThread - 1;
}

/** What every thread of one pool shares besides its board. */
export type PoolShape = {
  /** Tasks one thread runs at once on its event loop (Piscina's `concurrentTasksPerWorker`). @default 1 */
  tasksPerWorker: number;
  /** The pool's GIL buffer (gil-lock.ts). @default undefined: a pool without one */
  gil?: SharedArrayBuffer;
  /** How long a thread may take to import a workload file, ms. @default undefined: the loader's default */
  loadTimeoutMs?: number | undefined;
};

/** The options every pool of concur-tui shares, whatever its size. */
function sharedOptions(board: ThreadBoard, shape: PoolShape = { tasksPerWorker: 1 }) {
  const workerData: WorkerData = { board: board.buffer, tasksPerWorker: shape.tasksPerWorker };
  if (shape.gil) workerData.gil = shape.gil;
  if (shape.loadTimeoutMs !== undefined) workerData.loadTimeoutMs = shape.loadTimeoutMs;
  return {
    filename: workerFile,
    idleTimeout: Number.POSITIVE_INFINITY,
    concurrentTasksPerWorker: shape.tasksPerWorker,
    // Run and wait times come from the engine's task records; Piscina's histogram would be per-task waste.
    recordTiming: false,
    workerData,
  };
}

/**
 * A Piscina pool of `threads` prewarmed threads with concur-tui's worker file (exported so a benchmark can
 * compare the model against raw Piscina).
 */
export function piscinaOptions(threads: number, board: ThreadBoard) {
  return { ...sharedOptions(board), minThreads: threads, maxThreads: threads };
}

/**
 * The Piscina of one thread slot: at most one thread, which Piscina never starts or replaces on its own
 * (`minThreads: 0`), so a thread that cannot start or that dies is the slot's business: a failure to create a
 * thread surfaces in the slot's first `run`, where it can be caught, never inside a Piscina event handler.
 */
export function slotPiscinaOptions(board: ThreadBoard, shape: PoolShape) {
  // Every ticket goes to the thread at once: the one past `tasksPerWorker` waits at the thread's own gate
  // (worker-entry.ts), not in Piscina's queue on the main thread.
  const concurrentTasksPerWorker = ticketsFor(shape.tasksPerWorker);
  return { ...sharedOptions(board, shape), concurrentTasksPerWorker, minThreads: 0, maxThreads: 1 };
}
