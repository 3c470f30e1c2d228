import { Piscina } from 'piscina';
import { now } from '../clock.ts';
import { BoardSampler } from './board-sampler.ts';
import {
  createThreadBoard,
  findTicketSlot,
  idle,
  readSlot,
  releaseSlot,
  resetTicket,
  type SlotReading,
  type ThreadBoard,
} from './thread-board.ts';
import type { WorkerData, WorkerPayload, WorkerResult } from './worker-entry.ts';

// Source runs as .ts (tests, type stripping); the bundle in dist/ holds worker-entry.js beside this code.
const workerFile = new URL(`./worker-entry.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url)
  .href;

/**
 * Tasks handed to Piscina per thread: the running one and the next. Without the next one already waiting in
 * Piscina, a thread that finishes a tiny task falls asleep before the main thread hands it another, and
 * waking it costs more than the task (about a third of the throughput of tiny tasks, measured).
 */
const ticketsPerThread = 2;

/**
 * One Piscina pool and the thread board its workers share with the main thread. Every task handed to the
 * pool holds a ticket, its index in `tasks`, until Piscina gives it back.
 */
export type Pool<Task> = {
  piscina: Piscina<WorkerPayload, WorkerResult>;
  threads: number;
  board: ThreadBoard;
  sampler: BoardSampler;
  /** Tasks handed to this pool, by ticket. */
  tasks: (Task | undefined)[];
  freeTickets: number[];
  /** Replaced by a pool of another size: takes no new task, and goes once its tasks are back. */
  draining: boolean;
};

/** The options concur-tui's pools run with (exported so a benchmark can compare against raw Piscina). */
export function piscinaOptions(threads: number, board: ThreadBoard) {
  return {
    filename: workerFile,
    // Prewarmed and never shrunk: the first tasks must not pay for thread start.
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: Number.POSITIVE_INFINITY,
    concurrentTasksPerWorker: 1,
    // Run and wait times come from the engine's task records; Piscina's histogram would be per-task waste.
    recordTiming: false,
    workerData: { board: board.buffer } satisfies WorkerData,
  };
}

/** Starts a pool of `threads` prewarmed worker threads. */
export function createPool<Task>(threads: number): Pool<Task> {
  const tickets = threads * ticketsPerThread;
  // Twice the slots: a replacement for a dead thread may start before the main thread frees its slot.
  const board = createThreadBoard(threads * 2, tickets);
  const piscina = new Piscina<WorkerPayload, WorkerResult>(piscinaOptions(threads, board));
  // Piscina reports a thread that dies between tasks as a pool 'error'; without a listener that would crash
  // the process. The next sample frees the dead thread's slot, and Piscina replaces the thread.
  piscina.on('error', () => {});
  return {
    piscina,
    threads,
    board,
    sampler: new BoardSampler(board, now()),
    tasks: new Array(tickets).fill(undefined),
    freeTickets: Array.from({ length: tickets }, (_, ticket) => tickets - 1 - ticket),
    draining: false,
  };
}

/** Gives `task` a free ticket (the caller checked there is one) and returns it. */
export function takeTicket<Task>(pool: Pool<Task>, task: Task): number {
  const ticket = pool.freeTickets.pop() as number;
  pool.tasks[ticket] = task;
  resetTicket(pool.board, ticket);
  return ticket;
}

/** Frees a ticket Piscina gave back. Returns true when the pool holds no task any more. */
export function returnTicket<Task>(pool: Pool<Task>, ticket: number): boolean {
  pool.tasks[ticket] = undefined;
  pool.freeTickets.push(ticket);
  return pool.freeTickets.length === pool.tasks.length;
}

/**
 * After Piscina rejected the task holding `ticket`: if a thread was running it, its thread died, so its slot
 * is freed. Returns true, with the slot's last reading in `into`, when that was the case.
 */
export function releaseTicketSlot<Task>(
  pool: Pool<Task>,
  ticket: number,
  at: number,
  into: SlotReading,
): boolean {
  const slot = findTicketSlot(pool.board, ticket);
  if (slot === -1 || !readSlot(pool.board, slot, into)) return false;
  releaseSlot(pool.board, slot, at);
  return true;
}

/**
 * Frees the slots of threads Piscina no longer has (a thread that died between tasks still holds one) and
 * reports the task such a thread was running, if any, through `onOrphan`.
 */
export function releaseDeadSlots<Task>(
  pool: Pool<Task>,
  at: number,
  reading: SlotReading,
  onOrphan: (task: Task, startedAt: number, threadId: number) => void,
): void {
  let threads: { threadId: number }[] | undefined;
  for (let slot = 0; slot < pool.board.slots; slot++) {
    if (!readSlot(pool.board, slot, reading) || reading.owner === 0) continue;
    threads ??= pool.piscina.threads;
    const owner = reading.owner;
    if (threads.some((thread) => thread.threadId === owner)) continue;
    const task = reading.ticket === idle ? undefined : pool.tasks[reading.ticket];
    if (task) onOrphan(task, reading.startedAt, owner);
    releaseSlot(pool.board, slot, at);
  }
}
