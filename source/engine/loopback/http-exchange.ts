// One request to the loopback server and the connection it goes out on, as the thread's client keeps them.
import type { ClientHttp2Session, ClientHttp2Stream } from 'node:http2';
import { CounterCells, type LoopbackContext } from './loopback-context.ts';

/** What the server answered. */
export type LoopbackAnswer = { status: number; body: string };

/** One HTTP/2 connection to a loopback server and the streams on it. */
export class Connection {
  readonly session: ClientHttp2Session;
  readonly port: number;
  streams = 0;
  idleSince = performance.now();
  /** Takes no new stream: going away, failed, or replaced. */
  retired = false;
  /** Closed by `closeLoopbackClient()`: its requests fail rather than being sent again. */
  abandoned = false;

  constructor(session: ClientHttp2Session, port: number) {
    this.session = session;
    this.port = port;
  }
}

const exchangeKey = Symbol('exchange');
export type ExchangeStream = ClientHttp2Stream & { [exchangeKey]?: Exchange };

/** Where an exchange goes once its stream has closed: the thread's client. */
export type ExchangeOwner = { settle(exchange: Exchange): void };

/** One request, from the call to its answer: the only object a request keeps alive besides its stream. */
export class Exchange {
  readonly owner: ExchangeOwner;
  readonly context: LoopbackContext;
  readonly path: string;
  readonly cells: CounterCells;
  readonly resolve: (answer: LoopbackAnswer) => void;
  readonly reject: (error: Error) => void;
  connection: Connection | undefined;
  status = 0;
  body = '';
  ended = false;
  error: NodeJS.ErrnoException | undefined;
  /** The connection had been idle for a while when this request went out on it. */
  sentOnIdleConnection = false;
  retried = false;

  constructor(
    owner: ExchangeOwner,
    context: LoopbackContext,
    path: string,
    resolve: (answer: LoopbackAnswer) => void,
    reject: (error: Error) => void,
  ) {
    this.owner = owner;
    this.context = context;
    this.path = path;
    this.cells = new CounterCells(context.counters);
    this.resolve = resolve;
    this.reject = reject;
  }
}

function onResponse(this: ExchangeStream, headers: Record<string, unknown>): void {
  const exchange = this[exchangeKey];
  if (exchange) exchange.status = Number(headers[':status']);
}

function onData(this: ExchangeStream, chunk: string): void {
  const exchange = this[exchangeKey];
  if (exchange) exchange.body += chunk;
}

function onEnd(this: ExchangeStream): void {
  const exchange = this[exchangeKey];
  if (exchange) exchange.ended = true;
}

function onStreamError(this: ExchangeStream, error: NodeJS.ErrnoException): void {
  const exchange = this[exchangeKey];
  if (exchange) exchange.error ??= error;
}

function onStreamClose(this: ExchangeStream): void {
  const exchange = this[exchangeKey];
  this[exchangeKey] = undefined;
  if (exchange) exchange.owner.settle(exchange);
}

/**
 * Collects the answer of `exchange` from `stream` and hands it to the exchange's owner when the stream closes.
 * The listeners are module-level functions that find the exchange on the stream: no closure per request.
 */
export function watchExchange(stream: ExchangeStream, exchange: Exchange): void {
  stream[exchangeKey] = exchange;
  stream.setEncoding('utf8');
  stream.on('response', onResponse);
  stream.on('data', onData);
  stream.on('end', onEnd);
  stream.on('error', onStreamError);
  stream.on('close', onStreamClose);
}
