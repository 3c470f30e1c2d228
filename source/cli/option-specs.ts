// The flags every command line may use, with their defaults and the ranges of the numeric ones: the parser,
// its errors and `--help` read them here.

import { builtinWorkloads } from '../../workloads/index.ts';
import { modelNames } from '../engine/models/model-descriptors.ts';
import { schedulerLimits } from '../engine/scheduler.ts';
import { maxThreads } from '../engine/thread-count.ts';
import type { ModelName } from '../engine/types.ts';
import { describeRule, type NumberRule } from './number-flags.ts';
import type { OptionSpec } from './read-argv.ts';

export const defaults = {
  workload: 'cpu',
  model: modelNames()[0] as ModelName,
  /** Every model in the table. */
  models: modelNames().join(','),
  concurrency: 8,
  rate: 100,
  duration: 5,
  warmup: 1,
  /** Where `concur-tui init` writes the starter workload file. */
  initFile: './task.js',
};

export const numberRules = {
  concurrency: { whole: true, min: 1, max: schedulerLimits.concurrency, unit: 'tasks in flight' },
  rate: { whole: false, min: 0.1, max: schedulerLimits.rate, unit: 'tasks/s' },
  threads: { whole: true, min: 1, max: maxThreads, unit: 'threads' },
  duration: { whole: false, min: 0.1, max: 3600, unit: 's' },
  warmup: { whole: false, min: 0, max: 60, unit: 's' },
  'tasks-per-worker': { whole: true, min: 1, max: 10_000, unit: 'tasks' },
  payload: { whole: false, min: 0, max: 4096, unit: 'KB' },
  'task-timeout': { whole: false, min: 0.001, max: 86_400, unit: 's' },
  'load-timeout': { whole: false, min: 0.1, max: 3600, unit: 's' },
  'stall-threshold': { whole: false, min: 1, max: 60_000, unit: 'ms' },
} satisfies Record<string, NumberRule>;

export const workloadList = builtinWorkloads.map((workload) => workload.name).join(', ');

/** The options every command line may use, before a workload file adds its knobs. */
export const optionSpecs: OptionSpec[] = [
  {
    name: 'workload',
    short: 'w',
    type: 'string',
    expects: `one of ${workloadList}, or a workload file such as ./task.js`,
  },
  { name: 'model', short: 'm', type: 'string', expects: `one of ${modelList()}` },
  { name: 'models', type: 'string', expects: `a comma-separated list of ${modelList()}` },
  ...(['concurrency', 'rate', 'threads', 'duration', 'warmup'] as const).map((name) => ({
    name,
    ...(name === 'warmup' ? {} : { short: name[0] }),
    type: 'string' as const,
    expects: describeRule(numberRules[name]),
  })),
  { name: 'tasks-per-worker', type: 'string', expects: describeRule(numberRules['tasks-per-worker']) },
  { name: 'gil', type: 'boolean' },
  { name: 'payload', type: 'string', expects: describeRule(numberRules.payload) },
  ...(['task-timeout', 'load-timeout', 'stall-threshold'] as const).map((name) => ({
    name,
    type: 'string' as const,
    expects: describeRule(numberRules[name]),
  })),
  { name: 'knob', type: 'string', repeatable: true, expects: 'name=value, e.g. size=5' },
  { name: 'watch', type: 'boolean' },
  { name: 'no-watch', type: 'boolean' },
  { name: 'sweep', type: 'string', expects: 'threads=1,2,4' },
  { name: 'json', type: 'boolean' },
  { name: 'check', type: 'boolean' },
  { name: 'report', type: 'string', expects: 'a Markdown file to write, e.g. report.md' },
  { name: 'paused', type: 'boolean' },
  { name: 'record', type: 'string', expects: 'a file to record the run to, e.g. run.ndjson' },
  { name: 'no-slices', type: 'boolean' },
  { name: 'no-color', type: 'boolean' },
  { name: 'output', short: 'o', type: 'string', expects: 'a Markdown file to write, e.g. report.md' },
  { name: 'help', short: 'h', type: 'boolean' },
  { name: 'version', short: 'v', type: 'boolean' },
];

export function modelList(): string {
  return modelNames().join(', ');
}
