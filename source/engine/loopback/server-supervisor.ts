import { randomBytes } from 'node:crypto';
import { type LoopbackServer, startLoopbackServer } from './http-server.ts';

/** Delay before the first restart attempt after a death, ms; doubled for each death that follows soon after. */
const firstRestartDelayMs = 100;
const longestRestartDelayMs = 10_000;
/** A server that ran this long before dying counts as healthy again: the next restart is quick. */
const healthyAfterMs = 30_000;

/**
 * Keeps the loopback server running: starts it, and when its process dies (killed, crashed, out of memory)
 * starts another on the same port with the same secret, so tasks that hold the context keep working. Tasks
 * that were in flight on the dead one fail with the reason. Restarts and the last problem are reported.
 */
export class LoopbackSupervisor {
  readonly secret: string;
  #server: LoopbackServer;
  #restarts = 0;
  #lastError: { at: number; message: string } | undefined;
  #restartDelayMs = firstRestartDelayMs;
  #restartTimer: NodeJS.Timeout | undefined;
  #closed = false;
  readonly #onPortChange: (port: number) => void;

  private constructor(server: LoopbackServer, onPortChange: (port: number) => void) {
    this.secret = server.secret;
    this.#server = server;
    this.#onPortChange = onPortChange;
    this.#watch(server);
  }

  /**
   * Starts the server; rejects with one line when it cannot (e.g. "loopback HTTP server could not start:
   * the process limit is reached (ulimit -u is 7): …").
   */
  static async start(onPortChange: (port: number) => void = () => {}): Promise<LoopbackSupervisor> {
    const server = await startLoopbackServer({ secret: randomBytes(16).toString('hex') });
    return new LoopbackSupervisor(server, onPortChange);
  }

  get port(): number {
    return this.#server.port;
  }

  /** The running server's process id (it changes with each restart). */
  get pid(): number {
    return this.#server.pid;
  }

  /** Times a dead server was started again. */
  get restarts(): number {
    return this.#restarts;
  }

  /** The last problem, in one line, and when (performance.now() ms). */
  get lastError(): { at: number; message: string } | undefined {
    return this.#lastError;
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#restartTimer);
    await this.#server.close();
  }

  #watch(server: LoopbackServer): void {
    const startedAt = performance.now();
    void server.exited.then((reason) => {
      if (this.#closed || server !== this.#server) return;
      if (performance.now() - startedAt > healthyAfterMs) this.#restartDelayMs = firstRestartDelayMs;
      this.#report(`loopback server ${reason}; restarting it (its requests in flight failed)`);
      this.#scheduleRestart(reason);
    });
  }

  #scheduleRestart(death: string): void {
    this.#restartTimer = setTimeout(() => void this.#restart(death), this.#restartDelayMs);
    // The engine's own timers keep the process alive while it runs; a pending restart must not.
    this.#restartTimer.unref();
    this.#restartDelayMs = Math.min(longestRestartDelayMs, this.#restartDelayMs * 2);
  }

  async #restart(death: string): Promise<void> {
    if (this.#closed) return;
    try {
      const server = await startLoopbackServer({ secret: this.secret, port: this.#server.port });
      if (this.#closed) {
        await server.close();
        return;
      }
      const portChanged = server.port !== this.#server.port;
      this.#server = server;
      this.#restarts++;
      this.#report(`loopback server ${death}; restarted (its requests in flight failed)`);
      this.#watch(server);
      if (portChanged) this.#onPortChange(server.port);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.#report(`loopback server ${death}, and a new one failed: ${reason}; trying again`);
      this.#scheduleRestart(death);
    }
  }

  #report(message: string): void {
    this.#lastError = { at: performance.now(), message };
  }
}
