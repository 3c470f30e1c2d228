// The measurements of the process-dispatch figure, run bundled like the binary (process-entry.js and
// worker-entry.js beside it, as in dist/), from the repository as working directory. Prints one JSON line.

import { spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { FixedClusterPool } from 'poolifier';
import { createEventLoopModel } from '../../source/engine/models/event-loop-model.ts';
import type { ExecutionModel, TaskCallbacks } from '../../source/engine/models/execution-model.ts';
import type { ProcessPayload, ProcessResult } from '../../source/engine/models/process-messages.ts';
import { createProcessPoolModel } from '../../source/engine/models/process-pool-model.ts';
import { poolifierOptions, processEntryFile } from '../../source/engine/models/process-slot.ts';
import { createWorkerPoolModel } from '../../source/engine/models/worker-pool-model.ts';
import { makePayload } from '../../source/engine/payload.ts';
import type { TaskInput } from '../../source/engine/types.ts';
import type { Measurements } from './figure.ts';
import { closedLoopRate } from './process-closed-loop.ts';
import { forkSide, type ProcessSide, poolifierSide, tinypoolSide } from './process-sides.ts';
import { median } from './stats.ts';

const processes = 2;
const perProcessLevels = [1, 4];
const warmupMs = 300;
const measuredMs = 1000;
const tiny = { size: 1 };
const repetition = Number(process.argv[2] ?? 0);
const result: Measurements = {};

/** Runs `sides` in A-B-…-…-B-A order, rotated by repetition, and returns each side's two rates. */
async function alternate(sides: Record<string, () => Promise<number>>): Promise<Record<string, number[]>> {
  const names = Object.keys(sides);
  const rotated = names.map((_, index) => names[(index + repetition) % names.length] as string);
  const rates: Record<string, number[]> = {};
  for (const name of [...rotated, ...rotated.slice().reverse()]) {
    const rate = await (sides[name] as () => Promise<number>)();
    rates[name] = [...(rates[name] ?? []), rate];
  }
  return rates;
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
/** Largest difference between the two runs of a side, as a share of their mean. */
const spread = (values: number[]) => (Math.max(...values) - Math.min(...values)) / mean(values);

async function sideRate(
  make: (processes: number) => Promise<ProcessSide>,
  inFlight: number,
): Promise<number> {
  const side = await make(processes);
  let id = 0;
  try {
    return await closedLoopRate(
      inFlight,
      (done) => side.submit({ id: ++id, knobs: tiny, context: {} }, done),
      warmupMs,
      measuredMs,
    );
  } finally {
    await side.close();
  }
}

/** Drives a model through `submit`, as the engine does. */
async function modelRate(
  model: ExecutionModel,
  inFlight: number,
  workload = 'cpu',
  taskInput: (id: number) => TaskInput = (id) => ({ id, knobs: tiny, context: {} }),
): Promise<number> {
  const signal = new AbortController().signal;
  let id = 0;
  try {
    // Every process or thread up before timing starts.
    await Promise.all(
      Array.from({ length: processes * 2 }, () =>
        model.run(workload, taskInput(++id), { signal, onStart() {} }),
      ),
    );
    return await closedLoopRate(
      inFlight,
      (done) => {
        const callbacks: TaskCallbacks = { signal, onStart() {}, onSettled: done };
        model.submit(workload, taskInput(++id), callbacks);
      },
      warmupMs,
      measuredMs,
    );
  } finally {
    await model.close();
  }
}

/** poolifier alone with the model's entry and options: one pool of all processes, one task per process at a time. */
async function barePoolifierRate(inFlight: number): Promise<number> {
  const pool = new FixedClusterPool<ProcessPayload, ProcessResult>(processes, processEntryFile, {
    ...poolifierOptions(),
    enableTasksQueue: true,
    tasksQueueOptions: { concurrency: 1, taskStealing: false, tasksStealingOnBackPressure: false },
  });
  let id = 0;
  const run = () =>
    pool.execute({ workload: 'cpu', input: { id: ++id, knobs: tiny, context: {} }, ticket: id });
  try {
    await Promise.all(Array.from({ length: processes * 2 }, run));
    return await closedLoopRate(inFlight, (done) => void run().then(done, done), warmupMs, measuredMs);
  } finally {
    await pool.destroy();
  }
}

// 0. Memory first, before this process has started any thread: V8 reuses a dead thread's pages, which would
// make the threads measured later look cheaper than a first one is.
{
  const signal = new AbortController().signal;
  const processModel = createProcessPoolModel({ processes: 1 });
  await processModel.run('cpu', { id: 1, knobs: tiny, context: {} }, { signal, onStart() {} });
  const deadline = performance.now() + 2000;
  while (
    processModel.sampleThreads(1000).perThread[0]?.rssBytes === undefined &&
    performance.now() < deadline
  ) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  result.processRssMb = (processModel.sampleThreads(1000).perThread[0]?.rssBytes ?? Number.NaN) / 1048576;
  await processModel.close();

  globalThis.gc?.();
  const before = process.memoryUsage.rss();
  const threads = 4;
  const workerModel = createWorkerPoolModel({ threads });
  await Promise.all(
    Array.from({ length: threads * 4 }, (_, id) =>
      workerModel.run('cpu', { id, knobs: tiny, context: {} }, { signal, onStart() {} }),
    ),
  );
  globalThis.gc?.();
  result.threadRssMb = (process.memoryUsage.rss() - before) / threads / 1048576;
  await workerModel.close();
  result.rssProcessOverThread = result.processRssMb / result.threadRssMb;
}

// 1. Which library: the same tiny echo over each, and over a bare fork.
for (const perProcess of perProcessLevels) {
  const inFlight = processes * perProcess;
  const rates = await alternate({
    fork: () => sideRate(forkSide, inFlight),
    tinypool: () => sideRate(tinypoolSide, inFlight),
    poolifier: () => sideRate(poolifierSide, inFlight),
  });
  for (const [name, values] of Object.entries(rates)) {
    result[`${name}Us${perProcess}`] = 1e6 / mean(values);
    result[`${name}Spread${perProcess}`] = spread(values);
  }
  result[`tinypoolOverPoolifier${perProcess}`] =
    mean(rates.poolifier as number[]) / mean(rates.tinypool as number[]);
  result[`poolifierOverFork${perProcess}`] = mean(rates.fork as number[]) / mean(rates.poolifier as number[]);
}

// 2. The model against the library it wraps, same entry and options.
for (const perProcess of perProcessLevels) {
  const inFlight = processes * perProcess;
  const rates = await alternate({
    model: () => modelRate(createProcessPoolModel({ processes }), inFlight),
    bare: () => barePoolifierRate(inFlight),
  });
  result[`modelUs${perProcess}`] = 1e6 / mean(rates.model as number[]);
  result[`barePoolifierUs${perProcess}`] = 1e6 / mean(rates.bare as number[]);
  result[`modelOverBare${perProcess}`] = mean(rates.model as number[]) / mean(rates.bare as number[]);
}

// 3. What a process costs against a thread in time: until it is up (it answered its first message),
// for one of the pool's (loading the same bundled entry) and for a bare one (an empty program).
{
  const upTimes = async (create: () => ExecutionModel, up: (model: ExecutionModel) => boolean) => {
    const times: number[] = [];
    for (let index = 0; index < 3; index++) {
      const startedAt = performance.now();
      const model = create();
      while (!up(model)) await new Promise((resolve) => setTimeout(resolve, 1));
      times.push(performance.now() - startedAt);
      await model.close();
    }
    return median(times);
  };
  result.processStartMs = await upTimes(
    () => createProcessPoolModel({ processes: 1 }),
    (model) => (model.sampleThreads(1000).perThread[0]?.pid ?? 0) > 0,
  );
  result.threadStartMs = await upTimes(
    () => createWorkerPoolModel({ threads: 1 }),
    (model) => (model.sampleThreads(1000).perThread[0]?.threadId ?? 0) > 0,
  );
  result.startProcessOverThread = result.processStartMs / result.threadStartMs;
  result.bareProcessStartMs = await bareStart(() => {
    const child = spawn(process.execPath, ['-e', 'process.send(1)'], {
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    });
    return new Promise<void>((resolve) => child.once('message', () => resolve(void child.kill())));
  });
  result.bareThreadStartMs = await bareStart(() => {
    const thread = new Worker('', { eval: true });
    return new Promise<void>((resolve) => thread.once('online', () => resolve(void thread.terminate())));
  });
  result.bareStartProcessOverThread = result.bareProcessStartMs / result.bareThreadStartMs;
}

/** Median time of 5 starts of a bare process or thread, each until its first sign of life. */
async function bareStart(start: () => Promise<void>): Promise<number> {
  const times: number[] = [];
  for (let index = 0; index < 5; index++) {
    const startedAt = performance.now();
    await start();
    times.push(performance.now() - startedAt);
  }
  return median(times);
}

// 4. The copying: the same workload carrying 1 KB, 100 KB, 1 MB in and back, on each model.
const payloadWorkload = pathToFileURL(
  path.join(process.cwd(), 'scripts/bench-perf/process-payload-workload.ts'),
).href;
for (const kilobytes of [1, 100, 1024]) {
  const payload = makePayload(kilobytes);
  const taskInput = (id: number): TaskInput => ({ id, knobs: {}, context: { payload } as never });
  const inFlight = processes * 4;
  const rates = await alternate({
    async: () => modelRate(createEventLoopModel(), inFlight, payloadWorkload, taskInput),
    workers: () =>
      modelRate(createWorkerPoolModel({ threads: processes }), inFlight, payloadWorkload, taskInput),
    processes: () => modelRate(createProcessPoolModel({ processes }), inFlight, payloadWorkload, taskInput),
  });
  for (const [name, values] of Object.entries(rates)) {
    result[`payload${kilobytes}Kb_${name}PerSecond`] = mean(values);
    result[`payload${kilobytes}Kb_${name}Us`] = 1e6 / mean(values);
  }
  result[`payload${kilobytes}Kb_processesOverWorkers`] =
    mean(rates.workers as number[]) / mean(rates.processes as number[]);
}

process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
