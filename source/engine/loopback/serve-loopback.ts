// The loopback HTTP server: HTTP/2 over cleartext on 127.0.0.1, held up against other local processes (a
// secret per run, bounded streams, connections, header sizes and latencies, idle connections closed).
import {
  constants,
  createServer,
  type IncomingHttpHeaders,
  type ServerHttp2Session,
  type ServerHttp2Stream,
} from 'node:http2';
import type { AddressInfo } from 'node:net';
import { countOpenDescriptors, readProcessLimits } from '../metrics/process-limits.ts';
import { maxLatencyMs, secretHeader, streamsPerConnection } from './loopback-context.ts';
import { parseLatency, sameSecret } from './request-rules.ts';

/** Requests waiting for their latency across all connections; past this the server answers 503. */
export const maxPendingRequests = 250_000;

export type ServeOptions = {
  secret: string;
  /** Port to listen on; 0 for any free one. */
  port: number;
  /**
   * A connection with no open stream for this long is closed, ms (the client closes its own sooner).
   * @default 30000
   */
  idleConnectionMs?: number;
  /**
   * A connection that has not sent one request with the secret by then is closed, ms.
   * @default 5000
   */
  unprovenConnectionMs?: number;
};

/** What the server holds now. */
export type LoopbackStats = {
  /** Requests waiting for their latency. */
  pending: number;
  connections: number;
  /** Most connections it accepts at once (from its descriptor limit); undefined when unknown. */
  maxConnections?: number;
};

export type RunningLoopback = { port: number; stats(): LoopbackStats };

type ConnectionState = {
  openedAt: number;
  idleSince: number;
  /** Streams waiting for their latency or for their answer to reach the client. */
  streams: number;
  proven: boolean;
  /** Answers written and not yet taken by the client (its flow-control window full), and since when. */
  unsent: number;
  unsentSince: number;
  /** When the connection was first seen closing (by either side), or 0. */
  closingSince: number;
};

/** A connection the server began closing is dropped if it has not closed by then, ms. */
const closingGraceMs = 2_000;
/** A client that takes none of its answers for this long is dropped (a slow-read attack, or a dead peer), ms. */
const stalledClientMs = 30_000;

const timerKey = Symbol('latency timer');
const answeredKey = Symbol('answered');
const connectionKey = Symbol('connection');
type PendingStream = ServerHttp2Stream & {
  [timerKey]?: NodeJS.Timeout;
  [connectionKey]?: ConnectionState;
  [answeredKey]?: boolean;
};

/** A peer that resets its stream or drops its connection ends its own request; nothing to report. */
function ignore(): void {}

/** Starts the server on 127.0.0.1; resolves once it listens. */
export function serveLoopback(options: ServeOptions): Promise<RunningLoopback> {
  const { secret, port } = options;
  const idleConnectionMs = options.idleConnectionMs ?? 30_000;
  const unprovenConnectionMs = options.unprovenConnectionMs ?? 5_000;
  const connections = new Map<ServerHttp2Session, ConnectionState>();
  let pending = 0;

  const server = createServer({
    settings: {
      maxConcurrentStreams: streamsPerConnection,
      maxHeaderListSize: 8 * 1024,
      // Requests are GETs: a peer that sends a body anyway fills a small window, then has to wait forever.
      initialWindowSize: 1024,
      enablePush: false,
    },
    maxHeaderListPairs: 32,
    maxSessionMemory: 64,
  });

  const openFiles = readProcessLimits().openFiles;
  if (openFiles !== undefined) {
    server.maxConnections = Math.max(16, openFiles - (countOpenDescriptors() ?? 0) - 32);
  }

  function answer(stream: PendingStream, latency: number): void {
    if (stream.destroyed || stream.closed) return;
    const connection = stream[connectionKey];
    if (connection !== undefined) {
      if (connection.unsent++ === 0) connection.unsentSince = performance.now();
      stream[answeredKey] = true;
    }
    // The body depends only on the latency asked for, so workloads can return deterministic results.
    const body = `{"ok":true,"latency":${latency}}`;
    stream.respond({ ':status': 200, 'content-type': 'application/json', 'content-length': body.length });
    stream.end(body);
  }

  function refuse(stream: ServerHttp2Stream, status: number, message: string): void {
    stream.respond({ ':status': status, 'content-type': 'text/plain' });
    stream.end(`${message}\n`);
  }

  function onStreamClose(this: PendingStream): void {
    clearTimeout(this[timerKey]);
    const connection = this[connectionKey];
    if (connection === undefined) return;
    this[connectionKey] = undefined;
    pending--;
    connection.streams--;
    if (this[answeredKey]) {
      connection.unsent--;
      connection.unsentSince = performance.now();
    }
    if (connection.streams === 0) connection.idleSince = performance.now();
  }

  server.on('session', (session) => {
    const at = performance.now();
    connections.set(session, {
      openedAt: at,
      idleSince: at,
      streams: 0,
      proven: false,
      unsent: 0,
      unsentSince: 0,
      closingSince: 0,
    });
    session.on('close', () => connections.delete(session));
    session.on('error', ignore);
  });
  server.on('sessionError', ignore);

  server.on('stream', (stream: PendingStream, headers: IncomingHttpHeaders) => {
    stream.on('error', ignore);
    const connection = connections.get(stream.session as ServerHttp2Session);
    if (connection === undefined) {
      stream.close(constants.NGHTTP2_REFUSED_STREAM);
      return;
    }
    if (!sameSecret(headers[secretHeader], secret)) {
      refuse(stream, 403, 'this server answers only the concur-tui run that started it');
      connection.closingSince ||= performance.now();
      stream.session?.close();
      return;
    }
    if (headers[':method'] !== 'GET') {
      refuse(stream, 405, 'only GET');
      return;
    }
    const latency = parseLatency(headers[':path']);
    if (Number.isNaN(latency)) {
      refuse(stream, 400, `latency must be a number of ms between 0 and ${maxLatencyMs}`);
      return;
    }
    if (pending >= maxPendingRequests) {
      refuse(stream, 503, `more than ${maxPendingRequests} requests are waiting`);
      return;
    }
    connection.proven = true;
    connection.streams++;
    pending++;
    stream[connectionKey] = connection;
    stream[timerKey] = setTimeout(answer, latency, stream, latency);
    stream.once('close', onStreamClose);
  });

  // One sweep a second rather than a timer per connection: drops connections that never proved they know
  // the secret, that do not take their answers, or that did not close when asked (a client may have sent
  // requests as the server said goodbye), and closes connections idle for long: each holds a descriptor.
  const sweep = setInterval(() => {
    const at = performance.now();
    for (const [session, connection] of connections) {
      // Closing on either side (a client's goaway closes it here too): the client will take no more answers.
      if (session.closed && connection.closingSince === 0) connection.closingSince = at;
      if (
        (!connection.proven && at - connection.openedAt > unprovenConnectionMs) ||
        (connection.unsent > 0 && at - connection.unsentSince > stalledClientMs) ||
        (connection.closingSince > 0 && at - connection.closingSince > closingGraceMs)
      ) {
        session.destroy();
      } else if (connection.streams === 0 && at - connection.idleSince > idleConnectionMs) {
        connection.closingSince ||= at;
        session.close();
      }
    }
  }, 1000);
  sweep.unref();

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port, backlog: 4096 }, () => {
      server.off('error', reject);
      // After start, a server error (e.g. accept failing for want of descriptors) is retried by libuv.
      server.on('error', () => {});
      resolve({
        port: (server.address() as AddressInfo).port,
        stats: () => ({
          pending,
          connections: connections.size,
          maxConnections: Number.isFinite(server.maxConnections) ? server.maxConnections : undefined,
        }),
      });
    });
  });
}
