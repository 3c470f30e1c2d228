import type { KnobSpec, TaskInput, Workload } from '../source/engine/types.ts';

const latencyKnob: KnobSpec = {
  name: 'latency',
  description: 'How long the loopback server waits before it answers',
  unit: 'ms',
  default: 50,
  min: 0,
  max: 60_000,
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
    const port = input.context.httpPort;
    if (port === undefined) {
      throw new Error('io-http needs the loopback HTTP server, but context.httpPort is not set');
    }
    const latency = input.knobs[latencyKnob.name] ?? latencyKnob.default;
    const response = await fetch(`http://127.0.0.1:${port}/?latency=${latency}`);
    // Reading the body to the end hands the keep-alive connection back to the pool.
    const body = await response.text();
    if (response.status !== 200) {
      throw new Error(`loopback server answered ${response.status} ${response.statusText}`);
    }
    return { status: response.status, bytes: body.length };
  },
};

export default ioHttp;
