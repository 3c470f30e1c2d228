import { type LoopbackServer, startLoopbackServer } from './loopback/http-server.ts';
import type { ServicesSample, TaskContext, Workload } from './types.ts';

/**
 * What workloads need from the engine besides a thread to run on: today the loopback HTTP server, started the
 * first time a workload asks for it and kept until the engine stops. Tasks see it through `context`.
 */
export class WorkloadServices {
  #server: Promise<LoopbackServer> | undefined;
  #context: TaskContext = {};

  /** Handed to every task: e.g. the loopback server's port once it runs. */
  get context(): TaskContext {
    return this.#context;
  }

  /** Starts what `workload` needs and is not running yet. */
  async prepare(workload: Workload): Promise<void> {
    if (!workload.needsHttpServer || this.#server) return;
    this.#server = startLoopbackServer();
    const server = await this.#server;
    this.#context = { ...this.#context, httpPort: server.port };
  }

  /** What the services report now (sockets on the wire and waiting, restarts, the last error). Must not block. */
  sample(): ServicesSample {
    return {};
  }

  /** Stops every service; their threads end. */
  async close(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    if (server) await (await server).close();
  }
}
