// What a task needs to reach the loopback server, and the counters every thread's client updates. The
// counters live in a SharedArrayBuffer so the main thread reads what worker threads do without a message.

/** Handed to tasks in `TaskContext.loopback`: plain data, so it crosses to worker threads. */
export type LoopbackContext = {
  /** Port on 127.0.0.1. */
  port: number;
  /** Per-run secret every request must carry in the `secretHeader` header; other requests get 403. */
  secret: string;
  /** Connections the main thread's client may open; a worker thread's client keeps to one. */
  connectionBudget: number;
  /** `ulimit -n` read at start, to name the limit when it is hit (then /proc cannot be opened to read it). */
  openFilesLimit?: number;
  /** Shared counters, see `readLoopbackCounters`. */
  counters: SharedArrayBuffer;
};

/** Header that carries the run's secret. */
export const secretHeader = 'x-concur-key';

/** Streams one connection may have open at once (the server's setting); a client opens more connections. */
export const streamsPerConnection = 1000;

/** Longest latency a request may ask for, ms: the latency knob's maximum. */
export const maxLatencyMs = 60_000;

const onWireCell = 0;
const waitingCell = 1;
const descriptorErrorsCell = 2;
const cellCount = 3;

/** Counters summed over every thread of the process. */
export type LoopbackCounters = {
  /** Requests sent and not yet answered. */
  onWire: number;
  /** Requests waiting for room on a connection. */
  waiting: number;
  /** Connections or requests that failed because the process was out of descriptors. */
  descriptorErrors: number;
};

export function createLoopbackCounters(): SharedArrayBuffer {
  return new SharedArrayBuffer(cellCount * Int32Array.BYTES_PER_ELEMENT);
}

export function readLoopbackCounters(buffer: SharedArrayBuffer): LoopbackCounters {
  const cells = new Int32Array(buffer);
  // A thread ended mid-request (terminated) never takes its count back; never show less than zero.
  return {
    onWire: Math.max(0, Atomics.load(cells, onWireCell)),
    waiting: Math.max(0, Atomics.load(cells, waitingCell)),
    descriptorErrors: Atomics.load(cells, descriptorErrorsCell),
  };
}

/** One thread's handle on the shared counters. */
export class CounterCells {
  readonly #cells: Int32Array;

  constructor(buffer: SharedArrayBuffer) {
    this.#cells = new Int32Array(buffer);
  }

  addOnWire(delta: number): void {
    Atomics.add(this.#cells, onWireCell, delta);
  }

  addWaiting(delta: number): void {
    Atomics.add(this.#cells, waitingCell, delta);
  }

  countDescriptorError(): void {
    Atomics.add(this.#cells, descriptorErrorsCell, 1);
  }
}
