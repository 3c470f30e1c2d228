import { createHash } from 'node:crypto';
import { chunkKnob, type YieldNow, yieldOf } from '../source/engine/cooperative-yield.ts';
import { requestLoopback } from '../source/engine/loopback/http-client.ts';
import type { KnobSpec, TaskInput, Workload } from '../source/engine/types.ts';

const latencyKnob: KnobSpec = {
  name: 'latency',
  description: 'How long the loopback server waits before it answers',
  unit: 'ms',
  default: 20,
  min: 0,
  max: 60_000,
};

const sizeKnob: KnobSpec = {
  name: 'size',
  description: 'CPU work on each response, in chained SHA-256 rounds (the default takes about 10 ms)',
  unit: 'rounds',
  default: 10_000,
  min: 1,
  max: 1_000_000,
};

/** What the task returns: the start of the final digest, the same for every response with the same body. */
export type MixedResult = { status: number; digest: string };

/** Rounds between two looks at the clock: each round is about a microsecond. */
const roundsPerClockCheck = 64;

/**
 * Parses the answer, then hashes it over and over: the CPU half of a request handler. With `chunkMs` > 0 it
 * yields to the loop after each `chunkMs` of hashing.
 */
async function digestResponse(
  body: string,
  rounds: number,
  chunkMs: number,
  yieldNow: YieldNow,
): Promise<string> {
  const parsed: unknown = JSON.parse(body);
  let digest = createHash('sha256').update(JSON.stringify(parsed)).digest();
  let until = chunkMs > 0 ? performance.now() + chunkMs : Number.POSITIVE_INFINITY;
  for (let round = 1; round < rounds; round++) {
    digest = createHash('sha256').update(digest).digest();
    if (round % roundsPerClockCheck === 0 && performance.now() >= until) {
      await yieldNow();
      until = performance.now() + chunkMs;
    }
  }
  return digest.toString('hex').slice(0, 16);
}

const mixed: Workload = {
  name: 'mixed',
  kind: 'mixed',
  description:
    'An HTTP request, then CPU work on its answer: the common real case, half waiting, half computing',
  knobs: [latencyKnob, sizeKnob, chunkKnob],
  needsHttpServer: true,
  async run(input: TaskInput): Promise<MixedResult> {
    const loopback = input.context.loopback;
    if (loopback === undefined) {
      throw new Error('mixed needs the loopback HTTP server, but context.loopback is not set');
    }
    const latency = input.knobs[latencyKnob.name] ?? latencyKnob.default;
    const size = input.knobs[sizeKnob.name] ?? sizeKnob.default;
    const chunk = input.knobs[chunkKnob.name] ?? chunkKnob.default;
    const answer = await requestLoopback(loopback, latency);
    if (answer.status !== 200) {
      throw new Error(`loopback server answered ${answer.status}: ${answer.body.trim()}`);
    }
    return {
      status: answer.status,
      digest: await digestResponse(answer.body, Math.round(size), chunk, yieldOf(input.context)),
    };
  },
};

export default mixed;
