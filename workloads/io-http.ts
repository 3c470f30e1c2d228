import { requestLoopback } from '../source/engine/loopback/http-client.ts';
import { maxLatencyMs } from '../source/engine/loopback/loopback-context.ts';
import type { KnobSpec, TaskInput, Workload } from '../source/engine/types.ts';

const latencyKnob: KnobSpec = {
  name: 'latency',
  description: 'How long the loopback server waits before it answers',
  unit: 'ms',
  default: 50,
  min: 0,
  max: maxLatencyMs,
};

/** What the task returns: small, and the same for every request with the same latency. */
export type HttpResult = { status: number; bytes: number };

const ioHttp: Workload = {
  name: 'io-http',
  kind: 'io',
  description:
    'A real HTTP request to a slow local server: the thread is free while the answer is on its way',
  knobs: [latencyKnob],
  needsHttpServer: true,
  async run(input: TaskInput): Promise<HttpResult> {
    const loopback = input.context.loopback;
    if (loopback === undefined) {
      throw new Error('io-http needs the loopback HTTP server, but context.loopback is not set');
    }
    const latency = input.knobs[latencyKnob.name] ?? latencyKnob.default;
    // HTTP/2 over a few shared connections rather than fetch: fetch holds a socket per request in flight
    // (1,000 in flight = 1,000 descriptors) and, measured at 1,000 in flight, costs 3× the CPU per request.
    const answer = await requestLoopback(loopback, latency);
    if (answer.status !== 200) {
      throw new Error(`loopback server answered ${answer.status}: ${answer.body.trim()}`);
    }
    return { status: answer.status, bytes: answer.body.length };
  },
};

export default ioHttp;
