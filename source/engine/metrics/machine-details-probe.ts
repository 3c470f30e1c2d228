import { Worker } from 'node:worker_threads';
import {
  type MachineDetails,
  type MachineReading,
  machineDetailsFrom,
  type ParallelCores,
  parallelCores,
} from './machine-details.ts';
import { loadMachineInfo } from './machine-info.ts';

// Source runs as .ts (tests, type stripping); the bundle in dist/ holds machine-details-worker.js beside this code.
const workerFile = new URL(
  `./machine-details-worker.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`,
  import.meta.url,
);

export type MachineProbeOptions = {
  /** Cores this process may use, the bound of every count. */
  logicalCores: number;
  /** Give up (and keep the logical count) when the worker has not answered by then, ms. @default 5000 */
  timeoutMs?: number;
  /** The platform the details are read on; only Linux's calls were read and measured. @default process.platform */
  platform?: NodeJS.Platform;
  /** The worker file to run. @default machine-details-worker beside this module */
  workerFile?: URL;
};

/**
 * Reads the machine's details in a short-lived worker thread and resolves with them, or with undefined when
 * they cannot be had (another platform, the worker failed or took too long). Never rejects, never blocks: the
 * main thread only starts the thread (about a millisecond) and receives one small message.
 */
export function probeMachineDetails(options: MachineProbeOptions): Promise<MachineDetails | undefined> {
  if ((options.platform ?? process.platform) !== 'linux') return Promise.resolve(undefined);
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      // The reading is small and the thread ends at once: a small heap is plenty.
      worker = new Worker(options.workerFile ?? workerFile, {
        resourceLimits: { maxOldGenerationSizeMb: 32 },
      });
    } catch {
      resolve(undefined);
      return;
    }
    let settled = false;
    const done = (details: MachineDetails | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // Whatever the worker still does (a stuck dmidecode) ends with it.
      void worker.terminate().catch(() => undefined);
      resolve(details);
    };
    const timer = setTimeout(() => done(undefined), options.timeoutMs ?? 5000);
    // Neither the timer nor the thread may keep a quitting process alive.
    timer.unref();
    worker.unref();
    worker.once('message', (reading: MachineReading) =>
      done(machineDetailsFrom(reading ?? {}, options.logicalCores)),
    );
    worker.on('error', () => done(undefined));
    worker.once('exit', () => done(undefined));
  });
}

/**
 * The cores an ideal speedup is measured against, for drivers without an engine (benchmarks): probes the
 * machine like the dashboard does and falls back to the logical cores.
 */
export async function measuredParallelCores(): Promise<ParallelCores> {
  const machine = loadMachineInfo();
  const details = await probeMachineDetails({ logicalCores: machine.logicalCores });
  return parallelCores(details ? { ...machine, details } : machine);
}
