import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { readProcessLimits } from '../metrics/process-limits.ts';
import type { LoopbackRequestMessage, LoopbackServerMessage } from './http-server-worker.ts';
import type { LoopbackStats } from './serve-loopback.ts';

/** A running loopback HTTP server: answers `GET /?latency=<ms>` after that many ms with a small JSON body. */
export type LoopbackServer = {
  /** Port on 127.0.0.1. */
  port: number;
  /** Every request must carry it in the `x-concur-key` header. */
  secret: string;
  /** The server's process id. */
  pid: number;
  /** What the server holds now, and its process's RSS; rejects once it has exited. */
  stats(): Promise<LoopbackStats & { rssBytes: number }>;
  /** Resolves when the server's process ends, with why (e.g. "killed by SIGKILL"); also after `close()`. */
  exited: Promise<string>;
  /** Stops the server's process. Resolves once it has exited; calling it again is harmless. */
  close(): Promise<void>;
};

export type LoopbackServerOptions = {
  /**
   * The secret requests must carry.
   * @default 32 random hex digits
   */
  secret?: string;
  /**
   * Port to listen on, e.g. a dead server's so that its clients reconnect; any free port if it is taken.
   * @default 0 (any free port)
   */
  port?: number;
  /**
   * How long the process may take to start listening, ms.
   * @default 5000
   */
  startTimeoutMs?: number;
  /**
   * A connection with no open stream for this long is closed by the server, ms.
   * @default 30000
   */
  idleConnectionMs?: number;
  /**
   * A connection that has not sent a request with the secret by then is closed by the server, ms.
   * @default 5000
   */
  unprovenConnectionMs?: number;
};

// Source runs as .ts (tests, type stripping); the bundle in dist/ holds http-server-worker.js beside this code.
const serverFile = fileURLToPath(
  new URL(`./http-server-worker.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url),
);

/** One line on why the server's process could not be started or ended, naming the limit when one was hit. */
export function describeSpawnFailure(error: NodeJS.ErrnoException): string {
  if (error.code === 'EAGAIN') {
    const processes = readProcessLimits().processes;
    return `the process limit is reached${processes === undefined ? '' : ` (ulimit -u is ${processes})`}: raise it or stop other processes`;
  }
  if (error.code === 'EMFILE' || error.code === 'ENFILE') {
    const openFiles = readProcessLimits().openFiles;
    return `out of file descriptors${openFiles === undefined ? '' : ` (ulimit -n is ${openFiles})`}: raise the limit or lower the concurrency`;
  }
  return error.message;
}

function describeExit(code: number | null, signal: NodeJS.Signals | null, stderr: string): string {
  const how = signal !== null ? `killed by ${signal}` : `exited with code ${code}`;
  // A crash prints a stack after its message: the line worth showing is the one that says what failed.
  if (/uv_thread_create|pthread_create/.test(stderr)) return `${how}: it could not create a thread`;
  const lines = stderr.split('\n').map((line) => line.replace(/^[\s#]+/, '').trim());
  const cause = lines.find(
    (line) => /\b(error|failed|cannot|denied)\b/i.test(line) || /\bE[A-Z]{3,}\b/.test(line),
  );
  return cause ? `${how}: ${cause.slice(0, 200)}` : how;
}

/** A hint when a process could not start and the process limit is low enough to be why. */
function processLimitHint(): string {
  const processes = readProcessLimits().processes;
  return processes !== undefined && processes < 1024
    ? ` (the process limit may be why: ulimit -u is ${processes})`
    : '';
}

/**
 * Starts the loopback HTTP server on 127.0.0.1 in a child process of its own, so its CPU time and its
 * descriptors are not the workload's. Rejects with one line when it cannot start (e.g. a process limit).
 */
export async function startLoopbackServer(options: LoopbackServerOptions = {}): Promise<LoopbackServer> {
  const secret = options.secret ?? randomBytes(16).toString('hex');
  let child: ChildProcess;
  try {
    // No parent flags (a debugger port, a loader) and a bounded heap: a flood must not take the machine.
    const { NODE_OPTIONS: _, ...env } = process.env;
    child = spawn(process.execPath, ['--max-old-space-size=1024', serverFile, '--concur-loopback'], {
      // The secret goes over IPC: command lines and environments of processes can be read by others.
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      env,
    });
  } catch (error) {
    throw new Error(
      `loopback HTTP server could not start: ${describeSpawnFailure(error as NodeJS.ErrnoException)}`,
    );
  }

  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-2000);
  });
  let spawnError: NodeJS.ErrnoException | undefined;
  const exited = new Promise<string>((resolve) => {
    child.on('error', (error) => {
      spawnError ??= error;
      // A process that never started emits no 'close'.
      if (child.pid === undefined) resolve(describeSpawnFailure(error));
    });
    child.once('close', (code, signal) =>
      resolve(spawnError ? describeSpawnFailure(spawnError) : describeExit(code, signal, stderr)),
    );
  });

  const port = await new Promise<number>((resolve, reject) => {
    const startTimeoutMs = options.startTimeoutMs ?? 5000;
    const timer = setTimeout(
      () => reject(new Error(`its process did not listen within ${startTimeoutMs / 1000} s`)),
      startTimeoutMs,
    );
    child.once('message', (message: LoopbackServerMessage) => {
      clearTimeout(timer);
      if (message.type === 'listening') resolve(message.port);
      else if (message.type === 'error') reject(new Error(message.message));
    });
    exited.then((reason) => {
      clearTimeout(timer);
      reject(new Error(reason));
    });
    // A process that died at once fails this send too; its exit says why, so the send's error is not kept.
    const start: LoopbackRequestMessage = {
      type: 'start',
      secret,
      port: options.port ?? 0,
      idleConnectionMs: options.idleConnectionMs,
      unprovenConnectionMs: options.unprovenConnectionMs,
    };
    child.send(start, () => {});
  }).catch(async (error: unknown) => {
    child.kill('SIGKILL');
    await exited;
    const reason = error instanceof Error ? error.message : String(error);
    const hint = reason.includes('ulimit -u') ? '' : processLimitHint();
    throw new Error(`loopback HTTP server could not start: ${reason}${hint}`);
  });

  // Kept referenced while starting so an awaiting caller is not left with an empty event loop; from now on a
  // forgotten close() must not keep the process alive (the server ends when the IPC channel closes).
  child.unref();
  child.channel?.unref();
  (child.stderr as { unref?: () => void } | null)?.unref?.();

  let closing: Promise<void> | undefined;
  let statsAsked = 0;
  let statsAwaited = 0;
  return {
    port,
    secret,
    pid: child.pid as number,
    exited,
    stats() {
      const id = ++statsAsked;
      return new Promise((resolve, reject) => {
        const onMessage = (message: LoopbackServerMessage) => {
          if (message.type !== 'stats' || message.id !== id) return;
          child.off('message', onMessage);
          if (--statsAwaited === 0) child.channel?.unref();
          const { type: _, id: __, ...stats } = message;
          resolve(stats);
        };
        child.on('message', onMessage);
        // A caller awaiting the answer must not find an empty event loop meanwhile.
        if (statsAwaited++ === 0) child.channel?.ref();
        exited.then(() => reject(new Error('the loopback server has exited')));
        child.send({ type: 'stats', id } satisfies LoopbackRequestMessage, () => {});
      });
    },
    close() {
      closing ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGTERM');
          const stubborn = setTimeout(() => child.kill('SIGKILL'), 1000);
          await exited;
          clearTimeout(stubborn);
        }
      })();
      return closing;
    },
  };
}
