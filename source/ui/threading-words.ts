// The worker pool's threading in plain words: the GIL switch (`g`) and tasks per thread (--tasks-per-worker),
// for the header, the key's echo and the help.

import type { EngineAction } from '../engine/actions.ts';
import { usesThreads } from '../engine/run-config.ts';
import type { Snapshot } from '../engine/types.ts';
import { formatCount, formatThreads } from './format.ts';
import type { Command, Press } from './key-table.ts';

/**
 * What the threaded model's threads do, when it is not plain parallel threads with one task each:
 * `Python-style threads, one runs at a time (GIL)`. Undefined for async, or for the default pool.
 */
export function threadingSummary(snapshot: Snapshot): string | undefined {
  const threading = snapshot.threading;
  if (!threading || !usesThreads(snapshot.model)) return undefined;
  const each = threading.tasksPerWorker > 1 ? `, ${formatCount(threading.tasksPerWorker)} tasks each` : '';
  if (threading.gil) return `Python-style threads, one runs at a time (GIL)${each}`;
  if (each === '') return undefined;
  return `parallel: up to ${formatThreads(snapshot.poolThreads)}, each running up to ${formatCount(threading.tasksPerWorker)} tasks on its own event loop`;
}

/** The help line of `g`. */
export const gilKeyDoes = 'GIL on / off: the worker threads take turns under one lock, like Python threads';

/** `g`: switches the GIL; the header says which it is now. */
export function toggleGilPress(): Press {
  const command: Command = { kind: 'engine', action: { type: 'toggleGil' } satisfies EngineAction };
  return { commands: [command], echo: { text: 'GIL switched: the header says whether threads take turns' } };
}
