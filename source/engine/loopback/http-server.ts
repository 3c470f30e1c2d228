import { Worker } from 'node:worker_threads';
import type { LoopbackServerMessage } from './http-server-worker.ts';

/** A running loopback HTTP server: answers `GET /?latency=<ms>` after that many ms with a small JSON body. */
export type LoopbackServer = {
  /** Port on 127.0.0.1. */
  port: number;
  /** Stops the server's thread. Callers must await it; it resolves once the thread has exited. */
  close(): Promise<void>;
};

// Source runs as .ts (tests, type stripping); the bundle in dist/ holds http-server-worker.js beside this code.
const workerUrl = new URL(
  `./http-server-worker.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`,
  import.meta.url,
);

/** Starts the loopback HTTP server on an ephemeral port of 127.0.0.1, in a worker thread of its own. */
export async function startLoopbackServer(): Promise<LoopbackServer> {
  const worker = new Worker(workerUrl);
  let exited = false;
  const exit = new Promise<void>((resolve) => {
    worker.once('exit', () => {
      exited = true;
      resolve();
    });
  });

  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', (message: LoopbackServerMessage) => {
      if (message.type === 'listening') {
        resolve(message.port);
      } else {
        reject(new Error(`loopback HTTP server could not start: ${message.message}`));
      }
    });
    worker.once('error', (error) => reject(new Error(`loopback HTTP server crashed: ${error.message}`)));
    exit.then(() => reject(new Error('loopback HTTP server exited before it listened')));
  }).catch(async (error: unknown) => {
    await worker.terminate();
    throw error;
  });

  // Kept referenced while starting so an awaiting caller is not left with an empty event loop; from now on a
  // forgotten close() must not keep the process alive.
  worker.unref();
  worker.on('error', () => {
    // A crash after start surfaces to workloads as failed requests; nothing to do here.
  });

  let closing: Promise<void> | undefined;
  return {
    port,
    close() {
      closing ??= exited ? Promise.resolve() : worker.terminate().then(() => exit);
      return closing;
    },
  };
}
