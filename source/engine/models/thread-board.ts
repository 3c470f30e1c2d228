// The thread board: a SharedArrayBuffer through which pool workers and the main thread share task state
// without a message per task. Workers say which task they run and since when, so the main thread learns
// when a task really started (not just left a queue) and how busy each thread was, by reading memory a few
// times a second. Each task handed to the pool also gets a ticket cell, which decides once and for all
// whether the task starts or is cancelled, whichever side gets there first.
//
// Layout (Int32 cells unless noted):
//   [0] slot count, [1] ticket count
//   per slot s (one per worker thread, reused when a thread dies and is replaced):
//     [2 + 2s]       owner: threadId of the worker holding the slot, 0 when free
//     [2 + 2s + 1]   sequence: odd while the slot's numbers are being written (a seqlock)
//   then Float64, per slot s:
//     [3s]           ticket of the task running now, -1 when idle
//     [3s + 1]       when that task started, engine clock ms
//     [3s + 2]       busy: ms the slot spent on tasks that finished, ever
//   then Int32, per ticket t: [t] waiting 0, started 1, cancelled 2 or finished 3 (its result on the way)
// The Float64 section starts at byte 8 + 8 * slots, so it is always 8-byte aligned. Each slot has one writer
// at a time (its owner, or the main thread once the owner died), so a seqlock is enough for the reader
// never to see a half-written start time.

const headerInts = 2;
const intsPerSlot = 2;
const floatsPerSlot = 3;

/** Ticket of an idle slot. */
export const idle = -1;

const ticketWaiting = 0;
const ticketStarted = 1;
const ticketCancelled = 2;
const ticketFinished = 3;

export type ThreadBoard = {
  readonly buffer: SharedArrayBuffer;
  readonly slots: number;
  readonly tickets: number;
  readonly ints: Int32Array;
  readonly floats: Float64Array;
  readonly ticketCells: Int32Array;
};

/** A consistent reading of one slot. */
export type SlotReading = {
  /** threadId of the slot's worker, 0 when the slot is free. */
  owner: number;
  /** Ticket of the running task, `idle` (-1) when none. */
  ticket: number;
  startedAt: number;
  /** ms spent on finished tasks since the board was created. */
  busy: number;
};

/** A fresh board with every slot free and idle and every ticket waiting. */
export function createThreadBoard(slots: number, tickets: number): ThreadBoard {
  const bytes = (headerInts + slots * intsPerSlot) * 4 + slots * floatsPerSlot * 8 + tickets * 4;
  const buffer = new SharedArrayBuffer(bytes);
  const header = new Int32Array(buffer, 0, headerInts);
  header[0] = slots;
  header[1] = tickets;
  const board = openThreadBoard(buffer);
  board.floats.fill(idle);
  for (let slot = 0; slot < slots; slot++) {
    board.floats[slot * floatsPerSlot + 1] = 0;
    board.floats[slot * floatsPerSlot + 2] = 0;
  }
  return board;
}

/** Views over a board's buffer, e.g. the one a worker receives in `workerData`. */
export function openThreadBoard(buffer: SharedArrayBuffer): ThreadBoard {
  const header = new Int32Array(buffer, 0, headerInts);
  const slots = header[0] ?? 0;
  const tickets = header[1] ?? 0;
  const floatsStart = (headerInts + slots * intsPerSlot) * 4;
  const ticketsStart = floatsStart + slots * floatsPerSlot * 8;
  return {
    buffer,
    slots,
    tickets,
    ints: new Int32Array(buffer, 0, headerInts + slots * intsPerSlot),
    floats: new Float64Array(buffer, floatsStart, slots * floatsPerSlot),
    ticketCells: new Int32Array(buffer, ticketsStart, tickets),
  };
}

const ownerCell = (slot: number) => headerInts + slot * intsPerSlot;
const sequenceCell = (slot: number) => headerInts + slot * intsPerSlot + 1;

/** Takes a free slot for the calling thread; -1 when the board is full (the thread then goes unreported). */
export function claimSlot(board: ThreadBoard, threadId: number): number {
  for (let slot = 0; slot < board.slots; slot++) {
    if (Atomics.compareExchange(board.ints, ownerCell(slot), 0, threadId) === 0) {
      return slot;
    }
  }
  return -1;
}

/** Worker side: the task holding `ticket` starts now. */
export function markTaskStarted(board: ThreadBoard, slot: number, ticket: number, startedAt: number): void {
  const base = slot * floatsPerSlot;
  Atomics.add(board.ints, sequenceCell(slot), 1);
  board.floats[base] = ticket;
  board.floats[base + 1] = startedAt;
  Atomics.add(board.ints, sequenceCell(slot), 1);
}

/** Worker side: the running task ended; its run time joins the slot's busy time. */
export function markTaskFinished(board: ThreadBoard, slot: number, endedAt: number): void {
  const base = slot * floatsPerSlot;
  Atomics.add(board.ints, sequenceCell(slot), 1);
  if (board.floats[base] !== idle) {
    board.floats[base + 2] = (board.floats[base + 2] ?? 0) + (endedAt - (board.floats[base + 1] ?? endedAt));
    board.floats[base] = idle;
  }
  Atomics.add(board.ints, sequenceCell(slot), 1);
}

/**
 * Main side: reads one slot into `into` without blocking. Returns false (leaving `into` as it was) in the
 * rare case the slot kept changing under the reader, e.g. its writer was descheduled mid-write.
 */
export function readSlot(board: ThreadBoard, slot: number, into: SlotReading): boolean {
  const base = slot * floatsPerSlot;
  for (let attempt = 0; attempt < 64; attempt++) {
    const before = Atomics.load(board.ints, sequenceCell(slot));
    if ((before & 1) === 1) continue;
    const owner = Atomics.load(board.ints, ownerCell(slot));
    const ticket = board.floats[base] ?? idle;
    const startedAt = board.floats[base + 1] ?? 0;
    const busy = board.floats[base + 2] ?? 0;
    if (Atomics.load(board.ints, sequenceCell(slot)) === before) {
      into.owner = owner;
      into.ticket = ticket;
      into.startedAt = startedAt;
      into.busy = busy;
      return true;
    }
  }
  return false;
}

/**
 * Main side, once the slot's worker is gone: ends the task it was running at `at` (counting it as busy until
 * then) and frees the slot for a replacement worker. Returns the ticket of that task, or `idle`.
 */
export function releaseSlot(board: ThreadBoard, slot: number, at: number): number {
  const ticket = board.floats[slot * floatsPerSlot] ?? idle;
  markTaskFinished(board, slot, at);
  Atomics.store(board.ints, ownerCell(slot), 0);
  return ticket;
}

/** The slot whose worker is running the task holding `ticket`, or -1. */
export function findTicketSlot(board: ThreadBoard, ticket: number): number {
  for (let slot = 0; slot < board.slots; slot++) {
    if (board.floats[slot * floatsPerSlot] === ticket && Atomics.load(board.ints, ownerCell(slot)) !== 0) {
      return slot;
    }
  }
  return -1;
}

/** Main side: `ticket` goes to a new task, which has neither started nor been cancelled. */
export function resetTicket(board: ThreadBoard, ticket: number): void {
  Atomics.store(board.ticketCells, ticket, ticketWaiting);
}

/** Worker side: true if the task may start, false if it was cancelled first. */
export function startTicket(board: ThreadBoard, ticket: number): boolean {
  return Atomics.compareExchange(board.ticketCells, ticket, ticketWaiting, ticketStarted) === ticketWaiting;
}

/** Main side: true if the task is now cancelled and will never start, false if it started first. */
export function cancelTicket(board: ThreadBoard, ticket: number): boolean {
  return Atomics.compareExchange(board.ticketCells, ticket, ticketWaiting, ticketCancelled) === ticketWaiting;
}

/**
 * Worker side: the task holding `ticket` ended, its result about to be posted. Should the thread die before the
 * main thread reads that message (the next task ends the thread, and the main thread hears of the exit first),
 * the main thread knows the task finished and was not cut short.
 */
export function finishTicket(board: ThreadBoard, ticket: number): void {
  Atomics.store(board.ticketCells, ticket, ticketFinished);
}

/** Main side: true while the task holding `ticket` runs: its thread started it and has not finished it. */
export function isTicketStarted(board: ThreadBoard, ticket: number): boolean {
  return Atomics.load(board.ticketCells, ticket) === ticketStarted;
}

/** Main side: true once the task holding `ticket` ended on its thread (finishTicket). */
export function isTicketFinished(board: ThreadBoard, ticket: number): boolean {
  return Atomics.load(board.ticketCells, ticket) === ticketFinished;
}

/** Main side: true while the task holding `ticket` has neither started nor been cancelled. */
export function isTicketWaiting(board: ThreadBoard, ticket: number): boolean {
  return Atomics.load(board.ticketCells, ticket) === ticketWaiting;
}
