// What a worker pool's slots (thread-slot.ts) share with their owner: the pool's shape, a slot's states, and the
// events a slot reports.
import type { ThreadSliceCollector } from '../slices/thread-slice-collector.ts';
import type { GilLock } from './gil-lock.ts';
import type { ThreadSlot } from './thread-slot.ts';
import type { WorkerResult } from './worker-messages.ts';

/** What every slot of one pool shares. */
export type SlotShape = {
  /** Tasks one thread runs at once on its own event loop. @default 1 */
  readonly tasksPerWorker: number;
  /** The pool's GIL, shared by all its threads whether it is on or off. @default undefined: none */
  readonly gil?: GilLock;
  /** Kilobytes each task carries into its thread and back (payload.ts). @default 0 */
  readonly payloadKb?: number;
  /** How long the thread may take to import a workload file, ms. @default undefined: the loader's default */
  readonly loadTimeoutMs?: number | undefined;
  /** Where the threads' slices go, while the pool records them. @default undefined: not recorded */
  readonly slices?: ThreadSliceCollector | undefined;
};

/**
 * - `waiting`: holds a place in the pool, no thread yet (threads start a few at a time).
 * - `starting`: its thread is booting; it takes no task until it answers the warm-up.
 * - `ready`: takes tasks.
 * - `retiring`: takes no task; goes once Piscina gave back every ticket.
 * - `gone`: its thread died, could not start, or was terminated; the slot is never used again.
 */
export type SlotState = 'waiting' | 'starting' | 'ready' | 'retiring' | 'gone';

/** Where a task was when its thread died or was terminated: the board's last reading, if it had started. */
export type TaskStartReading = { startedAt: number; threadId: number } | undefined;

/** What a slot tells its owner; every call names the slot, so one object serves all slots. */
export type SlotEvents<Task> = {
  /** Piscina gave a ticket back with a result. `task` is undefined when the owner took it back meanwhile. */
  result(slot: ThreadSlot<Task>, task: Task | undefined, result: WorkerResult): void;
  /** Piscina rejected a ticket: the thread died under it or was terminated. */
  error(slot: ThreadSlot<Task>, task: Task | undefined, started: TaskStartReading, error: unknown): void;
  /** The thread answered the warm-up: the slot takes tasks now. */
  ready(slot: ThreadSlot<Task>): void;
  /** The thread went away without the owner asking: it died (`was` ready or retiring) or failed to boot. */
  lost(slot: ThreadSlot<Task>, was: SlotState, reason: unknown): void;
};
