// What the event loop model is built from.

export type EventLoopModelOptions = {
  /** How long close() waits for running tasks to settle before it returns anyway, ms. @default 1000 */
  closeTimeoutMs?: number;
  /**
   * Kilobytes each task is given and answers with (payload.ts): made and answered on the loop, never copied,
   * which is the difference `--payload` shows. @default 0
   */
  payloadKb?: number;
  /**
   * How long one turn may spend starting tasks before it yields to the rest of the loop, ms. A task that runs
   * longer than this (a CPU task) gets a turn of its own. @default 1
   */
  turnBudgetMs?: number;
  /**
   * An awaiting task that has not settled this long after its start fails and is forgotten, freeing its place.
   * Synchronous code cannot be stopped on the loop: a task stuck in a loop shows as a stall, never as a
   * timeout. @default undefined: no bound
   */
  taskTimeoutMs?: number | undefined;
  /** How long importing a workload file may take before its tasks fail, ms. @default 10000 */
  loadTimeoutMs?: number;
};
