// The identity of a scoreboard row: a configuration. Rows compare only at equal load keys, so the key is
// built from every setting that changes what is measured. The load key is what the work asks of the machine
// (workload, knobs, concurrency or rate); the model and its thread count are how it is run, the thing compared:
// async against workers at 2 threads, or workers at 2 threads against workers at 8.

import { hasPool } from './models/model-descriptors.ts';
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
  return [config.workload, config.mode, config.load, knobsPart(config)].join('|');
}

/** The row's identity: the model, its threads where it has them, and the load key. */
export function configKeyOf(config: RunConfig): string {
  return `${config.model}|${config.threads ?? '-'}|${loadKeyOf(config)}`;
}
