// The three ways of running a tiny task in another process that the process-dispatch figure compares, each
// behind the same `submit(input, onDone)`: tinypool's child_process runtime, poolifier's cluster pool, and a
// bare child_process.fork with its IPC channel (the floor: no library at all).
import { type ChildProcess, fork, type Serializable } from 'node:child_process';
import path from 'node:path';
import { FixedClusterPool } from 'poolifier';
import { Tinypool } from 'tinypool';

/** One pool of `processes` child processes, started and warm. */
export type ProcessSide = {
  submit(input: unknown, onDone: () => void): void;
  close(): Promise<void>;
};

// By path from the repository (the working directory), since the figure runs this code bundled elsewhere.
const here = (name: string) => path.join(process.cwd(), 'scripts/bench-perf', name);

export async function tinypoolSide(processes: number): Promise<ProcessSide> {
  const pool = new Tinypool({
    runtime: 'child_process',
    filename: here('./process-echo-tinypool.ts'),
    minThreads: processes,
    maxThreads: processes,
    idleTimeout: Number.POSITIVE_INFINITY,
  });
  // Every process answers once before timing starts.
  await Promise.all(Array.from({ length: processes * 2 }, () => pool.run(0)));
  return {
    submit(input, onDone) {
      pool.run(input).then(onDone, onDone);
    },
    close: () => pool.destroy(),
  };
}

export async function poolifierSide(processes: number): Promise<ProcessSide> {
  const pool = new FixedClusterPool(processes, here('./process-echo-poolifier.ts'), {
    enableEvents: false,
    // One task per process at a time, the rest in the pool's queue: how the model dispatches too.
    enableTasksQueue: true,
    tasksQueueOptions: { concurrency: 1, taskStealing: false, tasksStealingOnBackPressure: false },
    // Silences the workers' output like the other sides.
    settings: { silent: true },
  });
  await Promise.all(Array.from({ length: processes * 2 }, () => pool.execute(0)));
  return {
    submit(input, onDone) {
      pool.execute(input).then(onDone, onDone);
    },
    close: () => pool.destroy(),
  };
}

export async function forkSide(processes: number): Promise<ProcessSide> {
  const children: ChildProcess[] = [];
  const waiting: (() => void)[][] = [];
  for (let index = 0; index < processes; index++) {
    const child = fork(here('./process-echo-fork.ts'), [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const queue: (() => void)[] = [];
    // The child echoes in order, so answers match the oldest outstanding message.
    child.on('message', () => (queue.shift() as () => void)());
    children.push(child);
    waiting.push(queue);
  }
  await Promise.all(
    children.map(
      (child, index) =>
        new Promise<void>((resolve) => {
          (waiting[index] as (() => void)[]).push(resolve);
          child.send(0);
        }),
    ),
  );
  return {
    submit(input, onDone) {
      // The process with the fewest messages outstanding, like a pool's least-busy choice.
      let best = 0;
      for (let index = 1; index < children.length; index++) {
        if ((waiting[index] as unknown[]).length < (waiting[best] as unknown[]).length) best = index;
      }
      (waiting[best] as (() => void)[]).push(onDone);
      (children[best] as ChildProcess).send(input as Serializable);
    },
    async close() {
      await Promise.all(
        children.map(
          (child) =>
            new Promise<void>((resolve) => {
              child.once('exit', () => resolve());
              child.kill();
            }),
        ),
      );
    },
  };
}
