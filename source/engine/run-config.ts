// The identity of a scoreboard row: a configuration. Rows compare only at equal load keys, so the key is
// built from every setting that changes what is measured.

import type { ModelName, RunConfig } from './types.ts';

/** The models that run tasks on a pool of threads, so their thread count is part of the configuration. */
const threadedModels: ReadonlySet<ModelName> = new Set(['workers']);

/** Whether `model` runs tasks on threads whose count the user sets. */
export function usesThreads(model: ModelName): boolean {
  return threadedModels.has(model);
}

function knobsPart(config: RunConfig): string {
  return Object.keys(config.knobs)
    .sort()
    .map((name) => `${name}=${config.knobs[name]}`)
    .join(',');
}

/** Everything but the model: two rows with the same load key were measured at the same settings. */
export function loadKeyOf(config: RunConfig): string {
  return [config.workload, config.mode, config.load, config.threads ?? '-', knobsPart(config)].join('|');
}

/** The row's identity: the load key and the model. */
export function configKeyOf(config: RunConfig): string {
  return `${config.model}|${loadKeyOf(config)}`;
}
