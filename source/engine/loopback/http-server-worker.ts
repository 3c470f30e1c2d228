// The loopback HTTP server's own process. It stands in for a remote service, so neither its CPU time nor its
// descriptors may count as the workload's: it runs in a child process of the engine (http-server.ts starts
// it). It exits when its parent does, even one killed by SIGKILL, because the IPC channel closes then.

import { messageOf } from '../error-message.ts';
import { type LoopbackStats, type ServeOptions, serveLoopback } from './serve-loopback.ts';

/** What the launcher sends: `start` once, after the process started; `stats` whenever it wants them. */
export type LoopbackStartMessage = { type: 'start' } & ServeOptions;
export type LoopbackRequestMessage = LoopbackStartMessage | { type: 'stats'; id: number };

/** What the server tells its launcher: `listening` or `error` once, then `stats` when asked. */
export type LoopbackServerMessage =
  | { type: 'listening'; port: number }
  | { type: 'error'; message: string }
  | ({ type: 'stats'; id: number; rssBytes: number } & LoopbackStats);

/** The server process's title: `ps` and tests tell it from the engine's own processes by it. */
export const loopbackProcessTitle = 'concur-tui loopback server';

function runAsChild(send: (message: LoopbackServerMessage) => void): void {
  process.title = loopbackProcessTitle;
  // Ctrl-C in a terminal signals the whole process group; the parent decides when this server ends.
  process.on('SIGINT', () => {});
  process.once('disconnect', () => process.exit(0));
  let stats: (() => LoopbackStats) | undefined;
  process.on('message', (message: LoopbackRequestMessage) => {
    if (message.type === 'stats') {
      if (stats) send({ type: 'stats', id: message.id, rssBytes: process.memoryUsage.rss(), ...stats() });
      return;
    }
    // The predecessor's port keeps tasks that hold it working; if another process took it meanwhile, any port.
    serveLoopback(message)
      .catch((error: unknown) => {
        if (message.port === 0) throw error;
        return serveLoopback({ ...message, port: 0 });
      })
      .then(
        (server) => {
          stats = server.stats;
          send({ type: 'listening', port: server.port });
        },
        (error: unknown) => {
          send({ type: 'error', message: messageOf(error) });
          process.exit(1);
        },
      );
  });
}

if (process.send !== undefined && process.argv.includes('--concur-loopback')) {
  const send = process.send.bind(process);
  runAsChild((message) => send(message));
}
