import type { TaskContext } from '../../source/engine/types.ts';

/** Gates for the async-gate-workload fixture, and what it marked started, by task id. */
export class AsyncGates {
  readonly #gates: Int32Array;
  readonly #started: Int32Array;
  readonly context: TaskContext;

  constructor(ids = 4096) {
    const gates = new SharedArrayBuffer(ids * 4);
    const started = new SharedArrayBuffer(ids * 4);
    this.#gates = new Int32Array(gates);
    this.#started = new Int32Array(started);
    this.context = { gates, started } as unknown as TaskContext;
  }

  started(id: number): boolean {
    return Atomics.load(this.#started, id) === 1;
  }

  open(id: number): void {
    Atomics.store(this.#gates, id, 1);
    Atomics.notify(this.#gates, id);
  }

  openAll(): void {
    for (let id = 0; id < this.#gates.length; id++) this.open(id);
  }
}
