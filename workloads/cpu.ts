import { chunkKnob, type YieldNow, yieldOf } from '../source/engine/cooperative-yield.ts';
import type { KnobSpec, TaskInput, Workload } from '../source/engine/types.ts';

const sizeKnob: KnobSpec = {
  name: 'size',
  description: 'Work per task, in thousands of hash rounds (the default takes about 20 ms)',
  unit: 'k rounds',
  default: 14_000,
  min: 1,
  max: 1_000_000,
};

const seed = 0x811c9dc5 | 0;

/**
 * FNV-style 32-bit mixing of rounds `from` to `to`: pure integer work that V8 compiles to a tight loop, touches
 * no memory and cannot be optimised away because the checksum is returned.
 */
function mix(hash: number, from: number, to: number): number {
  for (let round = from; round < to; round++) {
    hash = Math.imul(hash ^ round, 0x01000193);
    hash ^= hash >>> 13;
  }
  return hash;
}

/**
 * `mix` as its callers call it: through a bound function, which V8's mid-tier compiler (Maglev) does not inline.
 * Called directly, `mix` was inlined into `run` once `run` grew hot (about 12 s of tasks), and `run` stayed in
 * Maglev's code for the loop, which ran it 3× slower for the rest of the run (42 → 14 tasks a second, measured
 * with Node 24): a model measured late read a third of the speed of one measured early. Called through the
 * bound function, `mix` keeps its own optimized code, and the rate stays level (42 tasks a second for 40 s).
 */
const mixRounds = mix.bind(undefined);

/** Rounds between two looks at the clock: a few microseconds, so a chunk overruns by no more than that. */
const roundsPerClockCheck = 4096;

/** Where a chunked checksum stands between two chunks. */
type Progress = { hash: number; round: number };

/**
 * Mixes on from `progress` until `rounds` or the clock passes `until`. A plain function of its own: V8 compiles
 * its loop as tightly as the unchunked one, which it does not inside the async function.
 */
function mixUntil(progress: Progress, rounds: number, until: number): void {
  let hash = progress.hash;
  let round = progress.round;
  while (round < rounds) {
    const end = Math.min(rounds, round + roundsPerClockCheck);
    hash = mixRounds(hash, round, end);
    round = end;
    if (performance.now() >= until) break;
  }
  progress.hash = hash;
  progress.round = round;
}

/** The same checksum, yielding to the loop after each `chunkMs` of computation. */
async function chunkedChecksum(rounds: number, chunkMs: number, yieldNow: YieldNow): Promise<number> {
  const progress: Progress = { hash: seed, round: 0 };
  for (;;) {
    mixUntil(progress, rounds, performance.now() + chunkMs);
    if (progress.round >= rounds) return progress.hash >>> 0;
    await yieldNow();
  }
}

const cpu: Workload = {
  name: 'cpu',
  kind: 'cpu',
  description:
    'Pure JavaScript hashing: holds its thread for the whole task, so it needs more threads to scale',
  knobs: [sizeKnob, chunkKnob],
  run(input: TaskInput): number | Promise<number> {
    const size = input.knobs[sizeKnob.name] ?? sizeKnob.default;
    const chunk = input.knobs[chunkKnob.name] ?? chunkKnob.default;
    // An int32 (the knob's maximum, 1e9 rounds, fits): a double bound would make V8 compile `mix` on doubles.
    const rounds = Math.round(size * 1000) | 0;
    if (chunk > 0) return chunkedChecksum(rounds, chunk, yieldOf(input.context));
    return mixRounds(seed, 0, rounds) >>> 0;
  },
};

export default cpu;
