import type { KnobSpec, TaskInput, Workload } from '../source/engine/types.ts';

const latencyKnob: KnobSpec = {
  name: 'latency',
  description: 'How long each task waits on a timer',
  unit: 'ms',
  default: 50,
  min: 0,
  max: 60_000,
};

const retainKnob: KnobSpec = {
  name: 'retain',
  description:
    'Records each task keeps alive while it waits: it builds twice as many and keeps every other one (0: none)',
  unit: 'KB',
  default: 0,
  min: 0,
  max: 1024,
};

/** About how much one record takes on V8's heap (header and two fields, pointers compressed), bytes. */
const recordBytes = 32;

type Row = { id: number; score: number };

/**
 * Builds about `kb` × 2 KB of records and keeps every other one, as a task that parses a response and holds what
 * it needs would. The young generation's collector copies each record that is still alive, so records held
 * across a wait cost GC time per wait in flight. Half of the records die young: V8 then keeps allocating them
 * young (it moves a site's objects straight to the old generation once nearly all of them survive), so every
 * run pays the copying, not only some.
 */
function keepHalf(kb: number): Row[] {
  const built: Row[] = [];
  const count = Math.round((kb * 1024 * 2) / recordBytes);
  for (let id = 0; id < count; id++) built.push({ id, score: id / count });
  return built.filter((record) => record.id % 2 === 0);
}

const ioTimer: Workload = {
  name: 'io-timer',
  kind: 'io',
  description: 'Waits on a timer without holding its thread: one event loop overlaps thousands of them',
  knobs: [latencyKnob, retainKnob],
  run(input: TaskInput): Promise<number> {
    const latency = input.knobs[latencyKnob.name] ?? latencyKnob.default;
    const retainKb = input.knobs[retainKnob.name] ?? retainKnob.default;
    // A bare timer and one promise: with 100,000 waits in flight, every object a wait keeps alive is
    // copied by each young-generation GC, and those pauses are lag (timers/promises keeps about twice as many).
    if (retainKb === 0) return new Promise((resolve) => setTimeout(resolve, latency, latency));
    const kept = keepHalf(retainKb);
    return new Promise((resolve) => setTimeout(() => resolve(kept.length), latency));
  },
};

export default ioTimer;
