import { closeLoopbackClient } from './loopback/http-client.ts';
import {
  createLoopbackCounters,
  type LoopbackContext,
  readLoopbackCounters,
} from './loopback/loopback-context.ts';
import { LoopbackSupervisor } from './loopback/server-supervisor.ts';
import {
  connectionBudget,
  countOpenDescriptors,
  type ProcessLimits,
  readProcessLimits,
} from './metrics/process-limits.ts';
import { maxThreads } from './thread-count.ts';
import type { HttpServiceSample, ServicesSample, TaskContext, Workload } from './types.ts';

/** The descriptor budget of the loopback client, decided once at start. */
export type HttpBudget = {
  /** Connections the client may open in this process, all threads together. */
  connections: number;
  /** Of those, the main thread's: every pool thread keeps one for itself. */
  mainThreadConnections: number;
};

/** Splits the descriptors left at start between the main thread's client and one connection per pool thread. */
export function httpBudget(limits: ProcessLimits, openAtStart: number | undefined): HttpBudget {
  const connections = connectionBudget(limits, openAtStart);
  return { connections, mainThreadConnections: Math.max(1, connections - maxThreads) };
}

/**
 * What workloads need from the engine besides a thread to run on: today the loopback HTTP server, started the
 * first time a workload asks for it and kept (restarted if it dies) until the engine stops. Tasks see it
 * through `context`; the shared counters and the supervisor feed `sample()`.
 */
export class WorkloadServices {
  readonly #limits = readProcessLimits();
  readonly #budget = httpBudget(this.#limits, countOpenDescriptors());
  readonly #counters = createLoopbackCounters();
  #starting: Promise<LoopbackSupervisor> | undefined;
  #http: LoopbackSupervisor | undefined;
  #context: TaskContext = {};
  #descriptorErrorsSeen = 0;
  #descriptorError: { at: number; message: string } | undefined;
  #closed = false;

  /** Handed to every task: e.g. how to reach the loopback server once it runs. */
  get context(): TaskContext {
    return this.#context;
  }

  /** The loopback server's process id while it runs (it changes when the server is restarted). */
  get loopbackPid(): number | undefined {
    return this.#http?.pid;
  }

  /** The descriptor budget the loopback client keeps to. */
  get httpBudget(): HttpBudget {
    return this.#budget;
  }

  /**
   * Starts what `workload` needs and is not running yet. Rejects with one line when a service cannot start
   * (e.g. "loopback HTTP server could not start: the process limit is reached (ulimit -u is 7): …"); a later
   * call tries again.
   */
  async prepare(workload: Workload): Promise<void> {
    if (!workload.needsHttpServer || this.#http || this.#closed) return;
    this.#starting ??= LoopbackSupervisor.start(() => {
      if (this.#http) this.#publishContext(this.#http);
    });
    try {
      const supervisor = await this.#starting;
      if (this.#closed) {
        await supervisor.close();
        return;
      }
      this.#http = supervisor;
      this.#publishContext(supervisor);
    } finally {
      this.#starting = undefined;
    }
  }

  /** What the services report now (requests on the wire and waiting, restarts, the last error). Cheap. */
  sample(): ServicesSample {
    const supervisor = this.#http;
    if (supervisor === undefined) return {};
    const counters = readLoopbackCounters(this.#counters);
    if (counters.descriptorErrors > this.#descriptorErrorsSeen) {
      this.#descriptorErrorsSeen = counters.descriptorErrors;
      const limit = this.#limits.openFiles;
      this.#descriptorError = {
        at: performance.now(),
        message: `out of file descriptors${limit === undefined ? '' : ` (ulimit -n is ${limit})`}: ${counters.descriptorErrors} requests failed; raise the limit (ulimit -n 65536) or lower the concurrency`,
      };
    }
    const serverError = supervisor.lastError;
    const lastError =
      serverError === undefined ||
      (this.#descriptorError !== undefined && this.#descriptorError.at > serverError.at)
        ? this.#descriptorError
        : serverError;
    const http: HttpServiceSample = {
      onWire: counters.onWire,
      waitingForSocket: counters.waiting,
      socketBudget: this.#budget.connections,
      restarts: supervisor.restarts,
    };
    if (lastError !== undefined) http.lastError = lastError.message;
    return { http };
  }

  /** Stops every service; their processes end. */
  async close(): Promise<void> {
    this.#closed = true;
    const supervisor = this.#http;
    this.#http = undefined;
    this.#context = {};
    if (supervisor) closeLoopbackClient(supervisor.port);
    await supervisor?.close();
  }

  #publishContext(supervisor: LoopbackSupervisor): void {
    const port = supervisor.port;
    const loopback: LoopbackContext = {
      port,
      secret: supervisor.secret,
      connectionBudget: this.#budget.mainThreadConnections,
      openFilesLimit: this.#limits.openFiles,
      counters: this.#counters,
    };
    this.#context = { ...this.#context, httpPort: port, loopback };
  }
}
