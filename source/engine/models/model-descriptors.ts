// The one table of execution models. The engine creates its models from it; the key table, the footer, the
// help, `--help`, the README, the CLI's flags, the scoreboard and bench read it. A new model is one entry here
// (plus its colour in the theme) and touches no view.

import type { PoolSliceSink } from '../slices/slice-query.ts';
import { createEventLoopModel } from './event-loop-model.ts';
import type { ExecutionModel } from './execution-model.ts';
import { createProcessPoolModel } from './process-pool-model.ts';
import { createWorkerPoolModel } from './worker-pool-model.ts';

/** The time bounds every model honours (task-timeout.ts). */
export type ModelBounds = {
  /** A task running longer than this fails, and in a pool its thread or process is replaced. @default undefined: none */
  taskTimeoutMs?: number | undefined;
  /** How long importing a workload file may take, ms. @default 10000 */
  loadTimeoutMs?: number;
};

/** What the engine hands a descriptor's `create`. */
export type ModelCreateOptions = ModelBounds & {
  /** Pool size (threads, or processes) for a model with a pool; ignored by one without. */
  threads: number;
  /** How long `close()` lets running tasks finish, ms. */
  closeTimeoutMs: number;
  /** Whether the pool's members take turns under one lock, like CPython's threads (models that honour `gil`). */
  gil: boolean;
  /** Tasks each pool member runs at once (models that honour `tasksPerWorker`). */
  tasksPerWorker: number;
  /** Kilobytes each task carries in and back (payload.ts); every model honours it. */
  payloadKb: number;
  /** Whether a pool's threads or processes record their tasks' slices (the loop's are the engine's). @default false */
  recordSlices?: boolean;
  /** Where a pool hands the slices its threads or processes recorded. @default undefined */
  onSlice?: PoolSliceSink | undefined;
};

/** A pool setting a model may honour; a model that does not ignores it, and its rows never record it. */
export type PoolSetting = 'gil' | 'tasksPerWorker';

/**
 * A model's colour as a theme token, so the engine names no terminal colour: `source/ui/theme.ts` maps each
 * token to one. `spare` is for a model that has no colour of its own yet.
 */
export type ModelColour = 'loop' | 'threads' | 'processes' | 'spare';

/** How a model with a pool names it. */
export type ModelPool = {
  /** The pool pane's title, e.g. `WORKER POOL`. */
  title: string;
  /** One member of the pool and several, e.g. `worker thread` and `worker threads`. */
  member: string;
  members: string;
  /** What the pane's labels start with: `t` for t1 … tN. */
  prefix: string;
};

export type ModelDescriptor = {
  /** `--model`, `--models`, the scoreboard and every chart call the model this. Lower case. */
  name: string;
  /** The key that switches to the model: one lower-case letter, unique in the key table. */
  key: string;
  /** What it does, one line after "switch to <name>: " in the key table, help, `--help` and the README. */
  does: string;
  /** How it runs tasks, one line for the help: "runs every task on the main event loop, taking turns". */
  description: string;
  /** How it runs tasks, for the header: the pool size is passed to a model with a pool. */
  summary(poolSize: number): string;
  colour: ModelColour;
  /**
   * Set when the model runs tasks on a pool whose size the user sets (`[`/`]`, `--threads`): the size is then
   * part of its scoreboard configuration and its pool is sampled for the pool pane. @default undefined
   */
  pool?: ModelPool;
  /**
   * Whether the dashboard creates the model after its first frame, before any switch: for a pool that costs
   * little while idle (threads), so the first switch does not boot it under load. @default false
   */
  warmAtStart?: boolean;
  /** The pool settings the model honours; the others are not part of its configuration. @default [] */
  honours?: readonly PoolSetting[];
  /** Builds the model; throws when it cannot (e.g. no thread can start). Called once, on first use. */
  create(options: ModelCreateOptions): ExecutionModel;
};

/** "1 worker thread", "2 worker threads": a pool of `size`, in words. */
export function poolSizeText(pool: ModelPool, size: number): string {
  return `${size} ${size === 1 ? pool.member : pool.members}`;
}

/** "2 threads", "1 process": a pool of `size` in short words (the last word of its member's name). */
export function shortPoolSizeText(pool: ModelPool, size: number): string {
  const word = (size === 1 ? pool.member : pool.members).split(' ').at(-1);
  return `${size} ${word}`;
}

/**
 * A pool size where the model is not known, e.g. the settings every row shares: in the pool's own words when
 * one model has a pool, else each pool's short word: "4 threads or processes".
 */
export function anyPoolSizeText(size: number): string {
  const pools = descriptors.flatMap((descriptor) => (descriptor.pool ? [descriptor.pool] : []));
  const [only] = pools;
  if (pools.length === 1 && only) return poolSizeText(only, size);
  const words = pools.map((pool) => shortPoolSizeText(pool, size).split(' ').slice(1).join(' '));
  return `${size} ${[...new Set(words)].join(' or ')}`;
}

const processPool: ModelPool = {
  title: 'PROCESS POOL',
  member: 'process',
  members: 'processes',
  prefix: 'p',
};

const threadPool: ModelPool = {
  title: 'WORKER POOL',
  member: 'worker thread',
  members: 'worker threads',
  prefix: 't',
};

/** The models concur-tui ships, in the order keys, footer, help and scoreboard list them. */
const builtinModels = [
  {
    name: 'async',
    key: 'a',
    does: 'every task on the main event loop',
    description: 'runs every task on the main event loop, taking turns',
    summary: () => 'cooperative: every task shares the main event loop',
    colour: 'loop',
    create: ({ closeTimeoutMs, payloadKb, taskTimeoutMs, loadTimeoutMs }) =>
      createEventLoopModel({ closeTimeoutMs, payloadKb, taskTimeoutMs, loadTimeoutMs }),
  },
  {
    name: 'workers',
    key: 'w',
    does: 'tasks in parallel on the worker pool',
    description: 'runs tasks in parallel on a pool of threads',
    summary: (threads) => `parallel: tasks run on up to ${poolSizeText(threadPool, threads)}`,
    colour: 'threads',
    pool: threadPool,
    warmAtStart: true,
    honours: ['gil', 'tasksPerWorker'],
    create: ({ threads, ...options }) => createWorkerPoolModel({ threads, ...options }),
  },
  {
    name: 'processes',
    key: 'p',
    does: 'tasks in parallel on child processes',
    description: 'runs tasks in parallel on a pool of child processes, copying every input and result',
    summary: (processes) => `parallel: tasks run in up to ${poolSizeText(processPool, processes)}`,
    colour: 'processes',
    pool: processPool,
    honours: ['tasksPerWorker'],
    create: ({ threads, gil: _threadsOnly, ...options }) =>
      createProcessPoolModel({ processes: threads, ...options }),
  },
] as const satisfies readonly ModelDescriptor[];

/** The execution models a workload can run under: the names in the descriptor table. */
export type ModelName = (typeof builtinModels)[number]['name'];

/**
 * Keys kept for what is coming, by the key-table row id that will take them: `p` for the processes model, `g`
 * for the GIL switch. No other model or row may take them. A model's key must also not be one the key table
 * uses for something else (checked by the key table's tests).
 */
export const reservedKeys: Readonly<Record<string, string>> = { p: 'processes', g: 'gil' };

const descriptors: ModelDescriptor[] = [...builtinModels];

/** Every model, in table order. */
export function modelDescriptors(): readonly ModelDescriptor[] {
  return descriptors;
}

/** Every model's name, in table order. */
export function modelNames(): ModelName[] {
  return descriptors.map((descriptor) => descriptor.name as ModelName);
}

/** The descriptor of `name`, or undefined for a name no model has. */
export function findModel(name: string): ModelDescriptor | undefined {
  return descriptors.find((descriptor) => descriptor.name === name);
}

/** Whether `model` runs tasks on a pool whose size the user sets. */
export function hasPool(model: string): boolean {
  return findModel(model)?.pool !== undefined;
}

/**
 * Adds a model after the built-in ones, for an embedder or a test; returns what removes it again. Throws when
 * its name or key is taken or reserved.
 */
export function registerModel(descriptor: ModelDescriptor): () => void {
  if (findModel(descriptor.name)) throw new Error(`a model named ${descriptor.name} exists`);
  const taken = descriptors.find((other) => other.key === descriptor.key);
  if (taken) throw new Error(`key ${descriptor.key} already switches to ${taken.name}`);
  if (!/^[a-z]$/.test(descriptor.key)) throw new Error(`a model's key is one lower-case letter`);
  const owner = reservedKeys[descriptor.key];
  if (owner !== undefined && owner !== descriptor.name) {
    throw new Error(`key ${descriptor.key} is reserved for ${owner}`);
  }
  descriptors.push(descriptor);
  return () => {
    const index = descriptors.indexOf(descriptor);
    if (index >= 0) descriptors.splice(index, 1);
  };
}
