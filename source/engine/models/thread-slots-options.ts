// What a pool of thread slots needs from its owner, and how its threads start and stop.
import type { ThreadSliceCollector } from '../slices/thread-slice-collector.ts';
import type { TaskStartReading } from './thread-slot-types.ts';
import type { WorkerResult } from './worker-messages.ts';

/** What the slots need from the model that owns the tasks. */
export type SlotsOwner<Task> = {
  /** Piscina gave a ticket back with a result (`task` undefined when it was taken back meanwhile). */
  result(task: Task | undefined, result: WorkerResult): void;
  /** Piscina rejected a ticket: the thread died under it or was terminated. */
  error(task: Task | undefined, started: TaskStartReading, error: unknown): void;
  /** Tasks a retiring or lost thread had not started: they go back to the front of the queue. */
  requeue(tasks: Task[]): void;
  /** A thread became ready to take tasks. */
  capacity(): void;
  /** No thread runs and none could start: tasks waiting must fail, with `reason`. */
  noThreads(reason: string): void;
};

export type ThreadSlotsOptions = {
  /**
   * Threads booting at once, and threads exiting at once: each takes a core for tens of ms.
   * @default cores - 1, at least 1
   */
  bootsAtOnce?: number;
  /** Main-thread time one turn may spend starting or terminating threads, ms. @default 4 */
  turnBudgetMs?: number;
  /** Tasks one thread runs at once on its own event loop (Piscina's `concurrentTasksPerWorker`). @default 1 */
  tasksPerWorker?: number;
  /** Whether the threads take turns under one lock, like CPython's threads, from the start. @default false */
  gil?: boolean;
  /** Kilobytes each task carries into its thread and back (payload.ts). @default 0 */
  payloadKb?: number;
  /** How long a thread may take to import a workload file, ms. @default undefined: the loader's default */
  loadTimeoutMs?: number | undefined;
  /** Where the threads' slices go, while the pool records them. @default undefined: not recorded */
  slices?: ThreadSliceCollector | undefined;
};
