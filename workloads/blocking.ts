import type { KnobSpec, TaskInput, Workload } from '../source/engine/types.ts';

const latencyKnob: KnobSpec = {
  name: 'latency',
  description: 'How long each blocking call holds its thread',
  unit: 'ms',
  default: 50,
  min: 0,
  max: 60_000,
};

// Nobody ever notifies this cell, so `Atomics.wait` always runs to its timeout: a synchronous wait that
// burns no CPU but holds the thread, like a synchronous HTTP client or readFileSync called from async code.
const neverNotified = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));

const blocking: Workload = {
  name: 'blocking',
  kind: 'blocking',
  description:
    'A synchronous wait that idles the CPU yet holds its thread: async cannot overlap it, threads can',
  knobs: [latencyKnob],
  run(input: TaskInput): number {
    const latency = input.knobs[latencyKnob.name] ?? latencyKnob.default;
    Atomics.wait(neverNotified, 0, 0, latency);
    return latency;
  },
};

export default blocking;
