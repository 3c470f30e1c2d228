// Words for a configuration's settings, shared by the bench report and the final scoreboard.

import { findWorkload } from '../../workloads/index.ts';
import { findModel, shortPoolSizeText } from '../engine/models/model-descriptors.ts';
import type { RunConfig } from '../engine/types.ts';
import { formatCount } from '../ui/format.ts';

/** `concurrency 1,000` (closed loop) or `rate 250/s` (open loop). */
export function describeLoad(config: Pick<RunConfig, 'mode' | 'load'>): string {
  return config.mode === 'closed'
    ? `concurrency ${formatCount(config.load)}`
    : `rate ${formatNumber(config.load)}/s`;
}

/** The knob values with their units: `latency 50 ms, size 10,000 rounds`. */
export function describeKnobs(workload: string, knobs: RunConfig['knobs']): string {
  const specs = findWorkload(workload)?.knobs ?? [];
  return Object.keys(knobs)
    .sort()
    .map((name) => {
      const unit = specs.find((spec) => spec.name === name)?.unit;
      return `${name} ${formatNumber(knobs[name] ?? 0)}${unit ? ` ${unit}` : ''}`;
    })
    .join(', ');
}

/** Everything but the model and its threads: `cpu (size 14,000 k rounds) · concurrency 8`. */
export function describeSettings(config: RunConfig): string {
  const knobs = describeKnobs(config.workload, config.knobs);
  const payload = config.payloadKb ? ` · payload ${formatNumber(config.payloadKb)} KB` : '';
  return `${config.workload}${knobs ? ` (${knobs})` : ''} · ${describeLoad(config)}${payload}`;
}

/** The model and what it ran on: `async`, `workers (2 threads)`, `workers (2 threads, GIL, 100 tasks each)`. */
export function describeModel(config: RunConfig): string {
  if (config.threads === undefined) return config.model;
  const pool = findModel(config.model)?.pool;
  const size = pool
    ? shortPoolSizeText(pool, config.threads)
    : `${formatCount(config.threads)} thread${config.threads === 1 ? '' : 's'}`;
  const gil = config.gil ? ', GIL' : '';
  const each = config.tasksPerWorker ? `, ${formatCount(config.tasksPerWorker)} tasks each` : '';
  return `${config.model} (${size}${gil}${each})`;
}

/** Whole numbers with separators, fractions with up to two decimals: `14,000`, `2.5`, `0.25`. */
function formatNumber(value: number): string {
  return Number.isInteger(value) ? formatCount(value) : String(Number(value.toFixed(2)));
}
