import { availableParallelism } from 'node:os';
import { builtinWorkloads, findWorkload } from '../../workloads/index.ts';
import { modelNames } from '../engine/models/model-descriptors.ts';
import { schedulerLimits } from '../engine/scheduler.ts';
import { maxThreads } from '../engine/thread-count.ts';
import type { KnobSpec, Knobs, ModelName, SchedulerMode } from '../engine/types.ts';
import { quoteValue } from './escape-text.ts';
import { describeRule, type NumberRule, parseNumberFlag } from './number-flags.ts';
import { type OptionSpec, readArgv } from './read-argv.ts';
import { UsageError } from './usage-error.ts';

export { UsageError } from './usage-error.ts';

export type CommonOptions = {
  workload: string;
  /** Knob overrides; each applies to every workload that has a knob of that name. */
  knobs: Partial<Knobs>;
  mode: SchedulerMode;
  concurrency: number;
  rate: number;
  threads: number;
  /** The worker pool's threads take turns under one lock, like Python threads. */
  gil: boolean;
  /** Tasks each worker thread runs at once. */
  tasksPerWorker: number;
  /** Kilobytes each task carries in and back. */
  payloadKb: number;
  color: boolean;
};

export type Command =
  | { command: 'help' }
  | { command: 'version' }
  | ({ command: 'dashboard'; model: ModelName; paused: boolean } & CommonOptions)
  | ({
      command: 'bench';
      models: ModelName[];
      duration: number;
      warmup: number;
      json: boolean;
      /** `--sweep threads=1,2,4`: the worker thread counts bench sweeps; absent, bench picks (source/bench). */
      sweep?: { threads: number[] };
    } & CommonOptions);

export const defaults = {
  workload: 'cpu',
  model: modelNames()[0] as ModelName,
  /** Every model in the table. */
  models: modelNames().join(','),
  concurrency: 8,
  rate: 100,
  duration: 5,
  warmup: 1,
};

/** Every knob any built-in workload declares, e.g. `size` and `latency`: each becomes a flag. */
export const knobNames = [
  ...new Set(builtinWorkloads.flatMap((workload) => workload.knobs.map((knob) => knob.name))),
];

const numberRules = {
  concurrency: { whole: true, min: 1, max: schedulerLimits.concurrency, unit: 'tasks in flight' },
  rate: { whole: false, min: 0.1, max: schedulerLimits.rate, unit: 'tasks/s' },
  threads: { whole: true, min: 1, max: maxThreads, unit: 'threads' },
  duration: { whole: false, min: 0.1, max: 3600, unit: 's' },
  warmup: { whole: false, min: 0, max: 60, unit: 's' },
  'tasks-per-worker': { whole: true, min: 1, max: 10_000, unit: 'tasks' },
  payload: { whole: false, min: 0, max: 4096, unit: 'KB' },
} satisfies Record<string, NumberRule>;

/** The workloads that have knob `name`, and the values every one of them accepts. */
function knobRule(name: string, current: string): NumberRule {
  const specs = builtinWorkloads.flatMap((workload) => workload.knobs.filter((knob) => knob.name === name));
  const own = findWorkload(current)?.knobs.find((knob) => knob.name === name);
  const unit = (own ?? (specs[0] as KnobSpec)).unit;
  // The value follows the user to every workload with this knob, so it must suit all of them.
  return {
    whole: false,
    min: Math.max(...specs.map((spec) => spec.min)),
    max: Math.min(...specs.map((spec) => spec.max)),
    unit,
  };
}

const workloadList = builtinWorkloads.map((workload) => workload.name).join(', ');

const optionSpecs: OptionSpec[] = [
  { name: 'workload', short: 'w', type: 'string', expects: `one of ${workloadList}` },
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
  { name: 'json', type: 'boolean' },
  { name: 'paused', type: 'boolean' },
  { name: 'no-color', type: 'boolean' },
  { name: 'help', short: 'h', type: 'boolean' },
  { name: 'version', short: 'v', type: 'boolean' },
  ...knobNames.map((name) => ({
    name,
    type: 'string' as const,
    expects: describeRule(knobRule(name, defaults.workload)),
  })),
];

type Values = Map<string, string | true>;

/**
 * Turns argv (without `node` and the script) into a command, or throws a `UsageError` naming
 * the problem and the valid choices. `env` decides colour (NO_COLOR, TERM=dumb).
 */
export function parseCommandLine(argv: readonly string[], env: NodeJS.ProcessEnv = {}): Command {
  const { values, positionals } = readArgv(argv, optionSpecs);
  if (values.has('help')) return { command: 'help' };
  if (values.has('version')) return { command: 'version' };

  const [command = 'dashboard', ...extra] = positionals;
  if (command !== 'dashboard' && command !== 'bench') {
    throw new UsageError(
      `unknown command ${quoteValue(command)} (commands: bench; no command opens the dashboard)`,
    );
  }
  if (extra.length > 0) throw new UsageError(`unexpected argument ${quoteValue(extra[0] as string)}`);

  const common = parseCommon(values, env);
  if (command === 'bench') {
    if (values.has('model')) {
      throw new UsageError(
        '--model is for the dashboard; bench takes --models (e.g. --models async,workers)',
      );
    }
    if (values.has('paused')) {
      throw new UsageError(
        '--paused is for the dashboard; bench always runs (set its length with --duration)',
      );
    }
    return {
      command: 'bench',
      ...common,
      models: parseModels(text(values, 'models') ?? defaults.models),
      duration: numberOf(values, 'duration', defaults.duration),
      warmup: numberOf(values, 'warmup', defaults.warmup),
      json: values.has('json'),
    };
  }
  for (const flag of ['models', 'duration', 'warmup', 'json'] as const) {
    if (values.has(flag)) throw new UsageError(`--${flag} is for bench (concur-tui bench --${flag} …)`);
  }
  return {
    command: 'dashboard',
    ...common,
    model: parseModel(text(values, 'model') ?? defaults.model),
    paused: values.has('paused'),
  };
}

function parseCommon(values: Values, env: NodeJS.ProcessEnv): CommonOptions {
  const workloadName = text(values, 'workload') ?? defaults.workload;
  const workload = findWorkload(workloadName);
  if (!workload) {
    throw new UsageError(`unknown workload ${quoteValue(workloadName)} (choose from ${workloadList})`);
  }
  if (values.has('concurrency') && values.has('rate')) {
    throw new UsageError('--concurrency (closed loop) and --rate (open loop) exclude each other: pick one');
  }
  const knobs: Partial<Knobs> = {};
  for (const name of knobNames) {
    const raw = text(values, name);
    if (raw !== undefined) knobs[name] = parseNumberFlag(name, raw, knobRule(name, workload.name));
  }
  // NO_COLOR counts only when set to something: https://no-color.org
  const noColor = values.has('no-color') || (env.NO_COLOR ?? '') !== '' || env.TERM === 'dumb';
  return {
    workload: workload.name,
    knobs,
    mode: values.has('rate') ? 'open' : 'closed',
    concurrency: numberOf(values, 'concurrency', defaults.concurrency),
    rate: numberOf(values, 'rate', defaults.rate),
    threads: numberOf(values, 'threads', Math.min(maxThreads, availableParallelism())),
    gil: values.has('gil'),
    tasksPerWorker: numberOf(values, 'tasks-per-worker', 1),
    payloadKb: numberOf(values, 'payload', 0),
    color: !noColor,
  };
}

function numberOf(values: Values, name: keyof typeof numberRules, fallback: number): number {
  const raw = text(values, name);
  return raw === undefined ? fallback : parseNumberFlag(name, raw, numberRules[name]);
}

function text(values: Values, name: string): string | undefined {
  const value = values.get(name);
  return typeof value === 'string' ? value : undefined;
}

function modelList(): string {
  return modelNames().join(', ');
}

function parseModel(raw: string): ModelName {
  if (!(modelNames() as string[]).includes(raw)) {
    throw new UsageError(`unknown model ${quoteValue(raw)} (choose from ${modelList()})`);
  }
  return raw as ModelName;
}

function parseModels(raw: string): ModelName[] {
  const models = raw.split(',').map((part) => part.trim());
  if (models.some((model) => model === '')) {
    throw new UsageError(`--models takes a comma-separated list of ${modelList()}, got ${quoteValue(raw)}`);
  }
  const parsed = models.map(parseModel);
  if (new Set(parsed).size !== parsed.length) {
    throw new UsageError(`--models lists a model twice: ${quoteValue(raw)}`);
  }
  return parsed;
}
