import type { KnobSpec, TaskInput, Workload } from '../source/engine/types.ts';

const latencyKnob: KnobSpec = {
  name: 'latency',
  description: 'How long each task waits on a timer',
  unit: 'ms',
  default: 50,
  min: 0,
  max: 60_000,
};

const ioTimer: Workload = {
  name: 'io-timer',
  kind: 'io',
  description: 'Waits on a timer without holding its thread: one event loop overlaps thousands of them',
  knobs: [latencyKnob],
  run(input: TaskInput): Promise<number> {
    const latency = input.knobs[latencyKnob.name] ?? latencyKnob.default;
    // A bare timer and one promise: with 100,000 waits in flight, every object a wait keeps alive is
    // copied by each young-generation GC, and those pauses are lag (timers/promises keeps about twice as many).
    return new Promise((resolve) => setTimeout(resolve, latency, latency));
  },
};

export default ioTimer;
