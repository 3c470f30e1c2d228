import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import type { TaskCallbacks } from '../../source/engine/models/execution-model.ts';
import { ThreadSlot } from '../../source/engine/models/thread-slot.ts';
import { createWorkerPoolModel, type WorkerPoolModel } from '../../source/engine/models/worker-pool-model.ts';
import { bundleOptions } from '../bundle-options.ts';
import { BlockProbe, probePeriodMs } from './block-probe.ts';
import type { Figure, Measurements } from './figure.ts';
import { megabyte } from './stats.ts';
import { cliPath, nodeBinary, repositoryRoot } from './terminal.ts';

/** Set in the bundled copy of this file that the figure runs: it then measures and prints one JSON line. */
const harnessVariable = 'CONCUR_TUI_THREAD_CHANGE_HARNESS';

const presses = 70;
const pressEveryMs = 30;
/** How long the loop is probed with no thread change, for comparison. */
const steadyMs = 5000;
/** Tasks kept in flight while keys are pressed: `blocking` tasks of this length, so threads are busy. */
const inFlight = 16;
const taskMs = 20;
/** V8 frees the pooled pages of a terminated thread's heap this long after it exits (heap/page-pool.cc). */
const v8PoolReleaseMs = 8000;

/**
 * The longest single call that starts or terminates a thread (new Worker, terminate), the main thread's own
 * part of a change: the probe also sees the machine taking the core away while threads boot.
 */
function timeSlotCalls(): { start: number; destroy: number } {
  const longest = { start: 0, destroy: 0 };
  for (const method of ['start', 'destroy'] as const) {
    const original = ThreadSlot.prototype[method] as (this: ThreadSlot<unknown>) => unknown;
    Object.defineProperty(ThreadSlot.prototype, method, {
      value(this: ThreadSlot<unknown>) {
        const startedAt = performance.now();
        try {
          return original.call(this);
        } finally {
          longest[method] = Math.max(longest[method], performance.now() - startedAt);
        }
      },
    });
  }
  return longest;
}

/** Worker threads alive in this process, as the diagnostic report lists them. */
function workerThreadsAlive(): number {
  return (process.report.getReport() as { workers: unknown[] }).workers.length;
}

/**
 * The environment assignments and node flags of the binary's shebang (`#!/usr/bin/env -S [NAME=value…] node
 * [flag…]`), so the harness's process allocates as `npx concur-tui` does: the allocator settings decide the figure.
 */
export function shebangCommand(): { env: Record<string, string>; flags: string[] } {
  const firstLine = readFileSync(cliPath, 'utf8').split('\n', 1)[0] ?? '';
  const words = /^#!\/usr\/bin\/env -S (.*)$/.exec(firstLine)?.[1]?.split(/\s+/).filter(Boolean) ?? [];
  const nodeAt = words.indexOf('node');
  if (nodeAt === -1) throw new Error(`unexpected shebang in ${cliPath}: ${firstLine}`);
  const env = Object.fromEntries(words.slice(0, nodeAt).map((word) => word.split(/=(.*)/s, 2)));
  return { env, flags: words.slice(nodeAt + 1) };
}

/** Resident MB per kind of mapping: malloc's thread arenas, its main heap, files, and the rest. */
type ResidentKinds = { arenas: number; mainHeap: number; files: number; other: number };

/** RSS by mapping kind from /proc/self/smaps (Linux; zeros elsewhere). */
function residentKinds(): ResidentKinds {
  const kinds: ResidentKinds = { arenas: 0, mainHeap: 0, files: 0, other: 0 };
  let kind: keyof ResidentKinds = 'other';
  let text = '';
  try {
    text = readFileSync('/proc/self/smaps', 'utf8');
  } catch {
    return kinds;
  }
  for (const line of text.split('\n')) {
    const mapping = /^([0-9a-f]+)-[0-9a-f]+ (\S+) \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (mapping) {
      const [, start = '', perms, name = ''] = mapping;
      // glibc gives each thread arena a heap of its own, aligned to 64 MB (HEAP_MAX_SIZE); rw-p is its used part.
      if (name === '' && perms === 'rw-p' && BigInt(`0x${start}`) % 0x4000000n === 0n) kind = 'arenas';
      else if (name === '[heap]') kind = 'mainHeap';
      else kind = name.startsWith('/') ? 'files' : 'other';
    } else if (line.startsWith('Rss:')) kinds[kind] += Number.parseInt(line.slice(4), 10) / 1024;
  }
  return kinds;
}

/** RSS after a full garbage collection (the runner gives --expose-gc), MB. */
function rssMegabytes(): number {
  globalThis.gc?.();
  return process.memoryUsage().rss / megabyte;
}

/** Polls until the pool shows exactly `threads` threads t1…tN, all up, and no other thread is left. */
async function settledAt(model: WorkerPoolModel, threads: number, timeoutMs: number): Promise<number> {
  const startedAt = performance.now();
  for (;;) {
    const sample = model.sampleThreads(250).perThread;
    const labelsRight = sample.every((thread, index) => thread.label === index + 1);
    if (
      sample.length === threads &&
      labelsRight &&
      sample.every((thread) => thread.threadId !== 0) &&
      model.liveThreads === threads
    ) {
      return performance.now() - startedAt;
    }
    if (performance.now() - startedAt > timeoutMs) {
      throw new Error(`the pool did not settle at ${threads} threads in ${timeoutMs} ms`);
    }
    await delay(5);
  }
}

/** Keeps `inFlight` blocking tasks running until stopped. */
function keepBusy(model: WorkerPoolModel): () => Promise<void> {
  const signal = new AbortController().signal;
  let id = 0;
  let open = true;
  let outstanding = 0;
  let drained: () => void = () => {};
  const callbacks: TaskCallbacks = {
    signal,
    onStart: () => {},
    onSettled: () => {
      outstanding--;
      if (open) submit();
      else if (outstanding === 0) drained();
    },
  };
  const submit = () => {
    outstanding++;
    model.submit('blocking', { id: ++id, knobs: { latency: taskMs }, context: {} }, callbacks);
  };
  for (let index = 0; index < inFlight; index++) submit();
  return () => {
    open = false;
    return outstanding === 0
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          drained = resolve;
        });
  };
}

/** Waits until the threads left behind have really exited, then reads RSS. */
async function rssOnceExited(expectedWorkers: number): Promise<number> {
  const deadline = performance.now() + 30_000;
  while (workerThreadsAlive() > expectedWorkers) {
    if (performance.now() > deadline) throw new Error('terminated threads did not exit in 30 s');
    await delay(20);
  }
  // V8 keeps the heap pages of a torn-down thread in a shared pool and frees them 8 s later.
  await delay(v8PoolReleaseMs + 2000);
  return rssMegabytes();
}

/** The measurement itself, run in the bundled harness (the binary's code, worker-entry.js as in dist/). */
async function measureThreadChange(): Promise<Measurements> {
  const longestCallMs = timeSlotCalls();
  const workersBefore = workerThreadsAlive();
  const model = createWorkerPoolModel({ threads: 2 });
  const probe = new BlockProbe();
  try {
    await settledAt(model, 2, 10_000);
    const stopBusy = keepBusy(model);
    await delay(1000);
    const rssAtTwo = await rssOnceExited(workersBefore + 2);
    const kindsAtTwo = residentKinds();
    // The same probe with no change under way: what the machine itself does to the loop (other processes).
    probe.start();
    await delay(steadyMs);
    const steadyBlockMs = probe.stop();

    probe.start();
    model.setThreads(3);
    const onePressMs = await settledAt(model, 3, 10_000);
    model.setThreads(2);
    await settledAt(model, 2, 10_000);
    const onePressBlockMs = probe.stop();

    probe.start();
    model.setThreads(64);
    const upTo64Ms = await settledAt(model, 64, 60_000);
    const upBlockMs = probe.stop();
    const rssAt64 = rssMegabytes();
    probe.start();
    model.setThreads(2);
    const downTo2Ms = await settledAt(model, 2, 30_000);
    const downBlockMs = probe.stop();
    const rssAfter64 = await rssOnceExited(workersBefore + 2);
    const kindsAfter64 = residentKinds();

    probe.start();
    for (let press = 1; press <= presses; press++) {
      model.setThreads(2 + press);
      await delay(pressEveryMs);
    }
    for (let press = presses - 1; press >= 0; press--) {
      model.setThreads(2 + press);
      await delay(pressEveryMs);
    }
    const pressesSettleMs = await settledAt(model, 2, 60_000);
    const pressesBlockMs = probe.stop();
    const rssAfterPresses = await rssOnceExited(workersBefore + 2);

    // Once more: what the allocator kept from the first time is reused, not added to.
    model.setThreads(64);
    await settledAt(model, 64, 60_000);
    model.setThreads(2);
    await settledAt(model, 2, 30_000);
    const rssAfterSecond64 = await rssOnceExited(workersBefore + 2);
    await stopBusy();
    return {
      onePressMs,
      onePressBlockMs,
      upTo64Ms,
      downTo2Ms,
      upBlockMs,
      downBlockMs,
      pressesSettleMs,
      pressesBlockMs,
      steadyBlockMs,
      longestStartCallMs: longestCallMs.start,
      longestDestroyCallMs: longestCallMs.destroy,
      longestPressBlockMs: Math.max(onePressBlockMs, pressesBlockMs),
      rssAtTwoMegabytes: rssAtTwo,
      rssAt64Megabytes: rssAt64,
      rssGrowthAfter64Megabytes: rssAfter64 - rssAtTwo,
      // Where the growth after 2 → 64 → 2 sits, MB: malloc's thread arenas, its main heap, mapped files, the rest.
      rssGrowthArenasMegabytes: kindsAfter64.arenas - kindsAtTwo.arenas,
      rssGrowthMainHeapMegabytes: kindsAfter64.mainHeap - kindsAtTwo.mainHeap,
      rssGrowthFilesMegabytes: kindsAfter64.files - kindsAtTwo.files,
      rssGrowthOtherMegabytes: kindsAfter64.other - kindsAtTwo.other,
      rssGrowthAfterPressesMegabytes: rssAfterPresses - rssAtTwo,
      rssGrowthSecond64Megabytes: rssAfterSecond64 - rssAfterPresses,
      gcForced: globalThis.gc ? 1 : 0,
    };
  } finally {
    probe.stop();
    await model.close();
  }
}

export const threadChange: Figure = {
  name: 'thread-change',
  method: `the worker model bundled like the binary (worker-entry.js as in dist/), ${inFlight} blocking tasks of ${taskMs} ms in flight; a ${probePeriodMs} ms timer measures the longest main-loop block: one ] (and the time until the new thread takes tasks), ${presses}× ] then ${presses}× [ ${pressEveryMs} ms apart, 2 → 64 → 2 (reported, not a key press), and ${steadyMs / 1000} s with no change (the machine's own noise); in a process started as the binary's shebang starts node (its environment and flags); RSS (and its growth by mapping kind, from /proc/self/smaps) after a forced GC, ${v8PoolReleaseMs / 1000 + 2} s after the last terminated thread exited (V8 frees a dead thread's pooled pages after ${v8PoolReleaseMs / 1000} s), then again after a second 2 → 64 → 2`,
  timeoutSeconds: 300,
  async measure() {
    // Inside the repository (git-ignored), so the bundle's `import 'piscina'` finds node_modules.
    const scratch = path.join(repositoryRoot, '.bench-tmp');
    mkdirSync(scratch, { recursive: true });
    const outdir = mkdtempSync(path.join(scratch, 'threads-'));
    try {
      await build({
        ...bundleOptions,
        entryPoints: {
          'thread-change': path.join(import.meta.dirname, 'thread-change.ts'),
          'worker-entry': path.join(repositoryRoot, 'source/engine/models/worker-entry.ts'),
        },
        external: [...bundleOptions.external, 'esbuild'],
        outdir,
        absWorkingDir: repositoryRoot,
      });
      const shebang = shebangCommand();
      const { stdout } = await promisify(execFile)(
        nodeBinary,
        [...shebang.flags, '--expose-gc', path.join(outdir, 'thread-change.js')],
        { env: { ...process.env, ...shebang.env, [harnessVariable]: '1' }, cwd: repositoryRoot },
      );
      return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Measurements;
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  },
  checks: [
    {
      label: 'threads: one ] until the thread takes tasks',
      key: 'onePressMs',
      unit: 'ms',
      bound: { kind: 'below', value: 250 },
    },
    {
      label: 'threads: longest loop block while keys are pressed',
      key: 'longestPressBlockMs',
      unit: 'ms',
      bound: { kind: 'below', value: 20 },
    },
    {
      label: 'threads: RSS growth after 2 → 64 → 2',
      key: 'rssGrowthAfter64Megabytes',
      unit: 'MB',
      bound: { kind: 'below', value: 30 },
    },
    {
      label: `threads: RSS growth after ${presses}× ] ${presses}× [`,
      key: 'rssGrowthAfterPressesMegabytes',
      unit: 'MB',
      bound: { kind: 'below', value: 30 },
    },
  ],
};

if (process.env[harnessVariable] === '1') {
  process.stdout.write(`${JSON.stringify(await measureThreadChange())}\n`);
}
