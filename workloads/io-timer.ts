import { setTimeout as wait } from 'node:timers/promises';
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
  async run(input: TaskInput): Promise<number> {
    const latency = input.knobs[latencyKnob.name] ?? latencyKnob.default;
    await wait(latency);
    return latency;
  },
};

export default ioTimer;
