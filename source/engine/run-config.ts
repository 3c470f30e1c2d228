// The identity of a scoreboard row: a configuration. Rows compare only at equal load keys, so the key is
// built from every setting that changes what is measured. The load key is what the work asks of the machine
// (workload, knobs, concurrency or rate); the model and its thread count are how it is run, the thing compared:
// async against workers at 2 threads, or workers at 2 threads against workers at 8.

import { findModel, hasPool } from './models/model-descriptors.ts';
import type { ModelName, RunConfig } from './types.ts';

/**
 * Whether `model` runs tasks on a pool (threads, or processes) whose size the user sets, so that size is part
 * of its configuration: the descriptor table says.
 */
export function usesThreads(model: ModelName): boolean {
  return hasPool(model);
}

function knobsPart(config: RunConfig): string {
  return Object.keys(config.knobs)
    .sort()
    .map((name) => `${name}=${config.knobs[name]}`)
    .join(',');
}

/** Everything but the model and its threads: two rows with the same load key ran the same work and compare. */
export function loadKeyOf(config: RunConfig): string {
  // A reloaded file's code version is part of the work: rows of two versions never average together.
  const workload =
    config.codeVersion === undefined ? config.workload : `${config.workload}@v${config.codeVersion}`;
  const parts = [workload, config.mode, config.load, knobsPart(config)];
  if (config.payloadKb) parts.push(`payload=${config.payloadKb}`);
  return parts.join('|');
}

/** How the threads ran: their count, then `gil` and `tasks=N` when set (`2`, `2,gil,tasks=100`). */
function threadsPart(config: RunConfig): string {
  let part = String(config.threads ?? '-');
  if (config.gil) part += ',gil';
  if (config.tasksPerWorker !== undefined && config.tasksPerWorker > 1)
    part += `,tasks=${config.tasksPerWorker}`;
  return part;
}

/** The row's identity: the model, its threads where it has them (with the GIL and tasks per thread), and the load key. */
export function configKeyOf(config: RunConfig): string {
  return `${config.model}|${threadsPart(config)}|${loadKeyOf(config)}`;
}

/** Whether two configurations ran their threads alike: both with or both without the GIL, as many tasks per thread. */
export function sameThreading(
  a: Pick<RunConfig, 'gil' | 'tasksPerWorker'>,
  b: Pick<RunConfig, 'gil' | 'tasksPerWorker'>,
): boolean {
  return (a.gil ?? false) === (b.gil ?? false) && (a.tasksPerWorker ?? 1) === (b.tasksPerWorker ?? 1);
}

/**
 * The GIL and tasks per thread as a configuration of `model` writes them: only the settings its descriptor
 * honours (the GIL is the worker pool's alone), and only when not the default.
 */
export function threadingOfPool(
  threading: { gil: boolean; tasksPerWorker: number } | undefined,
  model: ModelName,
): Pick<RunConfig, 'gil' | 'tasksPerWorker'> {
  const config: Pick<RunConfig, 'gil' | 'tasksPerWorker'> = {};
  const honours = findModel(model)?.honours ?? [];
  if (threading?.gil && honours.includes('gil')) config.gil = true;
  if (threading && threading.tasksPerWorker > 1 && honours.includes('tasksPerWorker'))
    config.tasksPerWorker = threading.tasksPerWorker;
  return config;
}
