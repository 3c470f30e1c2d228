// The worker pool's threading in plain words: the GIL switch (`g`) and tasks per thread (--tasks-per-worker),
// for the header, the key's echo and the help.

import type { EngineAction } from '../engine/actions.ts';
import { findModel, poolSizeText } from '../engine/models/model-descriptors.ts';
import { threadingOfPool } from '../engine/run-config.ts';
import type { RunConfig, Snapshot } from '../engine/types.ts';
import { formatCount, formatThreads } from './format.ts';
import type { Command, KeyName, KeyState, Press } from './key-types.ts';

/**
 * What the threaded model's threads do, when it is not plain parallel threads with one task each:
 * `Python-style threads, one runs at a time (GIL)`. Undefined for async, or for the default pool.
 */
export function threadingSummary(snapshot: Snapshot): string | undefined {
  const threading = threadingOfPool(snapshot.threading, snapshot.model);
  const tasksPerWorker = threading.tasksPerWorker ?? 1;
  const each = tasksPerWorker > 1 ? `, ${formatCount(tasksPerWorker)} tasks each` : '';
  if (threading.gil) return `Python-style threads, one runs at a time (GIL)${each}`;
  if (each === '') return undefined;
  const pool = findModel(snapshot.model)?.pool;
  const size = pool ? poolSizeText(pool, snapshot.poolThreads) : formatThreads(snapshot.poolThreads);
  return `parallel: up to ${size}, each running up to ${formatCount(tasksPerWorker)} tasks on its own event loop`;
}

/** The help line of `g`. */
export const gilKeyDoes = "GIL on / off: worker threads take turns, like Python's";

/** `g`: switches the GIL, and says which way (from the settings shown, or those keys asked for since). */
export function toggleGilPress(_key: KeyName, state: KeyState): Press {
  const command: Command = { kind: 'engine', action: { type: 'toggleGil' } satisfies EngineAction };
  const on = !(state.gil ?? false);
  const text = on
    ? 'GIL on: worker threads take turns under one lock, like Python threads'
    : 'GIL off: worker threads run in parallel';
  return { commands: [command], echo: { text }, state: { gil: on } };
}

type Threading = Pick<RunConfig, 'model' | 'threads' | 'gil' | 'tasksPerWorker'>;

/** How an earlier row's threads ran, where that differs from now: `GIL`, `no GIL`, `100 tasks per thread`. */
export function threadingDifference(
  config: Threading,
  now: Pick<RunConfig, 'gil' | 'tasksPerWorker'>,
): string[] {
  if (config.threads === undefined) return [];
  const parts: string[] = [];
  if ((config.gil ?? false) !== (now.gil ?? false)) parts.push(config.gil ? 'GIL' : 'no GIL');
  const tasks = config.tasksPerWorker ?? 1;
  const member = findModel(config.model)?.pool?.member.split(' ').at(-1) ?? 'thread';
  if (tasks !== (now.tasksPerWorker ?? 1))
    parts.push(`${formatCount(tasks)} task${tasks === 1 ? '' : 's'} per ${member}`);
  return parts;
}
