import type { TaskContext } from '../../source/engine/types.ts';

/**
 * One gate per task id for the thread-gate-workload fixture: a task holds its thread until its gate opens. The
 * shared buffer reaches the worker inside the task context and stays shared (structured clone keeps it).
 */
export class TaskGates {
  readonly #cells: Int32Array;
  readonly context: TaskContext;

  constructor(ids = 4096) {
    const buffer = new SharedArrayBuffer(ids * 4);
    this.#cells = new Int32Array(buffer);
    this.context = { gates: buffer } as unknown as TaskContext;
  }

  open(id: number): void {
    Atomics.store(this.#cells, id, 1);
    Atomics.notify(this.#cells, id);
  }

  openAll(): void {
    for (let id = 0; id < this.#cells.length; id++) this.open(id);
  }
}
