import type { KnobSpec, TaskInput, Workload } from '../source/engine/types.ts';

const sizeKnob: KnobSpec = {
  name: 'size',
  description: 'Work per task, in thousands of hash rounds (the default takes about 20 ms)',
  unit: 'k rounds',
  default: 14_000,
  min: 1,
  max: 1_000_000,
};

/**
 * FNV-style 32-bit mixing: pure integer work that V8 compiles to a tight loop, touches no memory and
 * cannot be optimised away because the checksum is returned.
 */
function checksum(rounds: number): number {
  let hash = 0x811c9dc5 | 0;
  for (let round = 0; round < rounds; round++) {
    hash = Math.imul(hash ^ round, 0x01000193);
    hash ^= hash >>> 13;
  }
  return hash >>> 0;
}

const cpu: Workload = {
  name: 'cpu',
  kind: 'cpu',
  description:
    'Pure JavaScript hashing: holds its thread for the whole task, so it needs more threads to scale',
  knobs: [sizeKnob],
  run(input: TaskInput): number {
    const size = input.knobs[sizeKnob.name] ?? sizeKnob.default;
    return checksum(Math.round(size * 1000));
  },
};

export default cpu;
