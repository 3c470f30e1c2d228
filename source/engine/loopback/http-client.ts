// The client side of the loopback server, one per thread: HTTP/2 connections that multiplex many requests
// each, so 1,000 requests in flight hold a handful of descriptors rather than 1,000. Measured at 1,000 in
// flight, 50 ms latency, on 2 cores (medians of 3; CPU of client and server per request): HTTP/2 16,900/s,
// 59 µs; node:http with a keep-alive agent of 900 sockets 12,600/s, 85 µs (and 900 descriptors); the same
// with 256 sockets 4,900/s; fetch 4,700/s, 197 µs (and a socket per request in flight). The main thread opens
// connections up to its share of the descriptor budget; a worker thread runs one task at a time and keeps to one
// connection. Requests past the room on the connections allowed wait in a queue, counted in the shared counters
// like those on the wire.
import type * as Http2 from 'node:http2';
import { createRequire } from 'node:module';
import { isMainThread } from 'node:worker_threads';
import {
  Connection,
  Exchange,
  type ExchangeStream,
  type LoopbackAnswer,
  watchExchange,
} from './http-exchange.ts';
import { type LoopbackContext, secretHeader, streamsPerConnection } from './loopback-context.ts';
import { describeRequestFailure, isDescriptorError } from './request-failure.ts';

// node:http2 brings tls, net and http with it: 10–40 ms to load, which every start paid before its first frame
// while only a workload talking to the loopback server needs it. Loaded on the first connection instead.
let http2: typeof Http2 | undefined;
function loadHttp2(): typeof Http2 {
  http2 ??= createRequire(import.meta.url)('node:http2') as typeof Http2;
  return http2;
}

/**
 * Streams a connection carries before the client opens another, while its budget allows: 1,000 in flight go
 * over 4 connections (measured at 1,000 in flight: 16,900/s over 4, 14,800/s over 1, 13,700/s over 10).
 */
const streamsBeforeAnotherConnection = 250;
/** A connection with nothing on it for this long is closed, ms: before the server would, so no race. */
const idleConnectionMs = 5_000;
/** A request sent on a connection that sat idle this long may meet a connection the server already closed. */
const staleAfterMs = 1_000;

/** The requests of one thread and the connections they share. */
class LoopbackClient {
  readonly #connections: Connection[] = [];
  readonly #waiting: Exchange[] = [];
  #waitingHead = 0;
  #sweeper: NodeJS.Timeout | undefined;

  request(context: LoopbackContext, path: string): Promise<LoopbackAnswer> {
    return new Promise((resolve, reject) => {
      this.#dispatch(new Exchange(this, context, path, resolve, reject));
    });
  }

  /** A request's stream closed: hand its answer or its failure over, and its room to a waiting request. */
  settle(exchange: Exchange): void {
    const connection = exchange.connection as Connection;
    exchange.connection = undefined;
    exchange.cells.addOnWire(-1);
    connection.streams--;
    if (connection.streams === 0) {
      connection.idleSince = performance.now();
      // Nothing on the wire: an idle connection must not keep the process alive.
      connection.session.unref();
    }
    this.#admitWaiting();
    if (exchange.ended && exchange.status !== 0) {
      exchange.resolve({ status: exchange.status, body: exchange.body });
      return;
    }
    if (connection.abandoned) {
      exchange.reject(new Error('the loopback client was closed before the answer came'));
      return;
    }
    const error = exchange.error;
    if (isDescriptorError(error)) exchange.cells.countDescriptorError();
    // A request that got no answer on a connection the server closed while it sat idle (a thread blocked
    // longer than the server keeps idle connections) never reached the server: sending it again is safe.
    if (
      exchange.status === 0 &&
      !exchange.retried &&
      exchange.sentOnIdleConnection &&
      !isDescriptorError(error)
    ) {
      exchange.retried = true;
      exchange.error = undefined;
      exchange.body = '';
      exchange.ended = false;
      this.#dispatch(exchange);
      return;
    }
    exchange.reject(new Error(describeRequestFailure(error, exchange.context.openFilesLimit)));
  }

  /** Ends this thread's connections to `port` (every port when undefined) and fails their requests. */
  close(port: number | undefined): void {
    const closes = (candidate: number) => port === undefined || candidate === port;
    for (const connection of this.#connections) {
      if (!closes(connection.port)) continue;
      connection.retired = true;
      connection.abandoned = true;
      connection.session.destroy();
    }
    const kept: Exchange[] = [];
    for (let index = this.#waitingHead; index < this.#waiting.length; index++) {
      const exchange = this.#waiting[index] as Exchange;
      if (!closes(exchange.context.port)) {
        kept.push(exchange);
        continue;
      }
      exchange.cells.addWaiting(-1);
      exchange.reject(new Error('the loopback client was closed before the request was sent'));
    }
    this.#waiting.splice(0, this.#waiting.length, ...kept);
    this.#waitingHead = 0;
  }

  #dispatch(exchange: Exchange): void {
    const connection = this.#room(exchange.context);
    if (connection === undefined) {
      exchange.cells.addWaiting(1);
      this.#waiting.push(exchange);
      return;
    }
    this.#send(exchange, connection);
  }

  #admitWaiting(): void {
    while (this.#waitingHead < this.#waiting.length) {
      const exchange = this.#waiting[this.#waitingHead] as Exchange;
      const connection = this.#room(exchange.context);
      if (connection === undefined) return;
      this.#waiting[this.#waitingHead++] = undefined as unknown as Exchange;
      // Drop the sent head now and then, so a queue that never empties does not grow without bound.
      if (this.#waitingHead >= 1024 && this.#waitingHead * 2 >= this.#waiting.length) {
        this.#waiting.splice(0, this.#waitingHead);
        this.#waitingHead = 0;
      }
      exchange.cells.addWaiting(-1);
      this.#send(exchange, connection);
    }
    this.#waiting.length = 0;
    this.#waitingHead = 0;
  }

  #send(exchange: Exchange, connection: Connection): void {
    let stream: ExchangeStream;
    try {
      stream = connection.session.request(
        { ':path': exchange.path, [secretHeader]: exchange.context.secret },
        { endStream: true },
      );
    } catch (error) {
      // The session went away (or ran out of stream ids) between its last event and now: use another.
      connection.retired = true;
      if (exchange.retried) {
        exchange.reject(
          new Error(describeRequestFailure(error as NodeJS.ErrnoException, exchange.context.openFilesLimit)),
        );
        return;
      }
      exchange.retried = true;
      this.#dispatch(exchange);
      return;
    }
    if (connection.streams === 0) {
      exchange.sentOnIdleConnection = performance.now() - connection.idleSince >= staleAfterMs;
      connection.session.ref();
    } else {
      exchange.sentOnIdleConnection = false;
    }
    connection.streams++;
    exchange.connection = connection;
    exchange.cells.addOnWire(1);
    watchExchange(stream, exchange);
  }

  /** A connection with room for one more stream to `context`'s server, opening one if the budget allows. */
  #room(context: LoopbackContext): Connection | undefined {
    let leastBusy: Connection | undefined;
    let open = 0;
    for (const connection of this.#connections) {
      if (connection.retired) continue;
      open++;
      if (connection.port !== context.port) continue;
      // Fill connections in order, so the last ones empty out and close when the load drops.
      if (connection.streams < streamsBeforeAnotherConnection) return connection;
      if (leastBusy === undefined || connection.streams < leastBusy.streams) leastBusy = connection;
    }
    const allowed = isMainThread ? Math.max(1, context.connectionBudget) : 1;
    if (open < allowed) return this.#open(context.port);
    return leastBusy !== undefined && leastBusy.streams < streamsPerConnection ? leastBusy : undefined;
  }

  #open(port: number): Connection {
    const session = loadHttp2().connect(`http://127.0.0.1:${port}`, {
      peerMaxConcurrentStreams: streamsPerConnection,
      maxSessionMemory: 64,
      settings: { enablePush: false },
    });
    const connection = new Connection(session, port);
    session.on('error', () => {
      // Each stream on it fails with the reason; the session's own error needs no more.
      connection.retired = true;
    });
    session.on('goaway', () => {
      connection.retired = true;
    });
    session.on('close', () => {
      connection.retired = true;
      const index = this.#connections.indexOf(connection);
      if (index >= 0) this.#connections.splice(index, 1);
      // Its room is free: requests waiting for a connection may open one now.
      this.#admitWaiting();
    });
    session.unref();
    this.#connections.push(connection);
    this.#sweeper ??= setInterval(() => this.#closeIdle(), 1000).unref();
    return connection;
  }

  #closeIdle(): void {
    const at = performance.now();
    for (const connection of this.#connections) {
      if (connection.streams === 0 && (connection.retired || at - connection.idleSince > idleConnectionMs)) {
        connection.retired = true;
        connection.session.close();
      }
    }
    if (this.#connections.length === 0 && this.#sweeper !== undefined) {
      clearInterval(this.#sweeper);
      this.#sweeper = undefined;
    }
  }
}

let threadClient: LoopbackClient | undefined;

function client(): LoopbackClient {
  threadClient ??= new LoopbackClient();
  return threadClient;
}

/** `GET /?latency=<ms>` on the loopback server; rejects with one line when no answer came. */
export function requestLoopback(context: LoopbackContext, latencyMs: number): Promise<LoopbackAnswer> {
  return client().request(context, `/?latency=${latencyMs}`);
}

/**
 * Ends this thread's connections to the loopback server on `port` (to every one when undefined), e.g. when the
 * engine that started that server stops; the requests on them fail at once rather than wait for their answer.
 */
export function closeLoopbackClient(port?: number): void {
  threadClient?.close(port);
}
