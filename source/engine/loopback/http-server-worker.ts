// The loopback HTTP server's own thread. It stands in for a remote service, so it must never compete with
// the main event loop it is there to exercise: it lives in a worker thread of its own, not in the pool.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parentPort } from 'node:worker_threads';

/** What the worker tells its launcher, once. */
export type LoopbackServerMessage = { type: 'listening'; port: number } | { type: 'error'; message: string };

/** Longest wait a request may ask for, ms: keeps a typo from holding a socket for hours. */
const maxLatency = 60_000;

const latencyParameter = /[?&]latency=([^&]*)/;

/** Latency (ms) asked for in the request's query, e.g. `/?latency=50`; 0 when absent, NaN when malformed. */
function parseLatency(url: string | undefined): number {
  const match = latencyParameter.exec(url ?? '');
  if (match === null) {
    return 0;
  }
  const latency = Number(match[1]);
  return match[1] === '' || !Number.isFinite(latency) || latency < 0
    ? Number.NaN
    : Math.min(latency, maxLatency);
}

function answer(response: ServerResponse, body: string): void {
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

function handleRequest(request: IncomingMessage, response: ServerResponse): void {
  const latency = parseLatency(request.url);
  if (Number.isNaN(latency)) {
    response.writeHead(400, { 'content-type': 'text/plain' });
    response.end(`latency must be a number of ms between 0 and ${maxLatency}\n`);
    return;
  }
  // The body depends only on the latency asked for, so workloads can return deterministic results.
  setTimeout(answer, latency, response, `{"ok":true,"latency":${latency}}`);
}

if (parentPort !== null) {
  const port = parentPort;
  const server = createServer({ keepAlive: true }, handleRequest);
  // Idle keep-alive sockets stay open until the client closes them. A client thread can sit blocked for a long
  // time (a pool thread waits in Atomics.wait between tasks, the main thread runs the blocking workload) and
  // then reuse a socket it still believes open; had the server closed it meanwhile, that request would fail.
  server.keepAliveTimeout = 0;
  server.on('error', (error) => {
    port.postMessage({ type: 'error', message: error.message } satisfies LoopbackServerMessage);
  });
  server.listen({ host: '127.0.0.1', port: 0, backlog: 4096 }, () => {
    const { port: listeningPort } = server.address() as AddressInfo;
    port.postMessage({ type: 'listening', port: listeningPort } satisfies LoopbackServerMessage);
  });
}
