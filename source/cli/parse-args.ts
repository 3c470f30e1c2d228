import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { builtinWorkloads, findWorkload } from '../../workloads/index.ts';
import { maxThreads } from '../engine/engine.ts';
import { schedulerLimits } from '../engine/scheduler.ts';
import { type Knobs, type ModelName, modelNames, type SchedulerMode } from '../engine/types.ts';

/** A mistake in the command line: printed as one line, exit code 2. */
export class UsageError extends Error {}

export type CommonOptions = {
  workload: string;
  knobs: Partial<Knobs>;
  mode: SchedulerMode;
  concurrency: number;
  rate: number;
  threads: number;
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
    } & CommonOptions);

export const defaults = {
  workload: 'cpu',
  model: 'async' as ModelName,
  models: 'async,workers',
  concurrency: 8,
  rate: 100,
  duration: 5,
  warmup: 1,
};

/** Every knob any built-in workload declares, e.g. `size` and `latency`: each becomes a flag. */
export const knobNames = [
  ...new Set(builtinWorkloads.flatMap((workload) => workload.knobs.map((knob) => knob.name))),
];

const optionSpec = {
  workload: { type: 'string', short: 'w' },
  model: { type: 'string', short: 'm' },
  models: { type: 'string' },
  concurrency: { type: 'string', short: 'c' },
  rate: { type: 'string', short: 'r' },
  threads: { type: 'string', short: 't' },
  duration: { type: 'string', short: 'd' },
  warmup: { type: 'string' },
  json: { type: 'boolean' },
  paused: { type: 'boolean' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  ...Object.fromEntries(knobNames.map((name) => [name, { type: 'string' }])),
} as const;

/**
 * Turns argv (without `node` and the script) into a command, or throws a `UsageError` naming
 * the problem and the valid choices. `env` decides colour (NO_COLOR, TERM=dumb).
 */
export function parseCommandLine(argv: readonly string[], env: NodeJS.ProcessEnv = {}): Command {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof optionSpec; allowPositionals: true }>>;
  try {
    parsed = parseArgs({
      args: joinNegativeValues(argv),
      options: optionSpec,
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(describeParseError(error));
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values.help) return { command: 'help' };
  if (values.version) return { command: 'version' };

  const [command = 'dashboard', ...extra] = parsed.positionals;
  if (command !== 'dashboard' && command !== 'bench') {
    throw new UsageError(`unknown command "${command}" (commands: bench; no command opens the dashboard)`);
  }
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);

  const common = parseCommon(values, env);
  if (command === 'bench') {
    for (const flag of ['model', 'paused'] as const) {
      if (values[flag] !== undefined) {
        throw new UsageError(
          `--${flag} is for the dashboard; bench takes --models (e.g. --models async,workers)`,
        );
      }
    }
    return {
      command: 'bench',
      ...common,
      models: parseModels(stringValue(values.models) ?? defaults.models),
      duration: parseNumber('duration', stringValue(values.duration) ?? String(defaults.duration), 0.1, 3600),
      warmup: parseNumber('warmup', stringValue(values.warmup) ?? String(defaults.warmup), 0, 60),
      json: values.json === true,
    };
  }
  for (const flag of ['models', 'duration', 'warmup', 'json'] as const) {
    if (values[flag] !== undefined)
      throw new UsageError(`--${flag} is for bench (concur-tui bench --${flag} …)`);
  }
  return {
    command: 'dashboard',
    ...common,
    model: parseModel(stringValue(values.model) ?? defaults.model),
    paused: values.paused === true,
  };
}

function parseCommon(
  values: Record<string, string | boolean | undefined>,
  env: NodeJS.ProcessEnv,
): CommonOptions {
  const workloadName = stringValue(values.workload) ?? defaults.workload;
  const workload = findWorkload(workloadName);
  if (!workload) {
    throw new UsageError(
      `unknown workload "${workloadName}" (choose from ${builtinWorkloads.map((w) => w.name).join(', ')})`,
    );
  }
  if (values.concurrency !== undefined && values.rate !== undefined) {
    throw new UsageError('--concurrency (closed loop) and --rate (open loop) exclude each other: pick one');
  }
  const knobs: Partial<Knobs> = {};
  for (const name of knobNames) {
    const raw = stringValue(values[name]);
    if (raw === undefined) continue;
    const spec = workload.knobs.find((knob) => knob.name === name);
    if (!spec) {
      const knobList = workload.knobs.map((knob) => `--${knob.name}`).join(', ') || 'none';
      throw new UsageError(`workload "${workload.name}" has no --${name} knob (its knobs: ${knobList})`);
    }
    knobs[name] = parseNumber(name, raw, spec.min, spec.max);
  }
  const noColor = values['no-color'] === true || values.color === false;
  return {
    workload: workload.name,
    knobs,
    mode: values.rate !== undefined ? 'open' : 'closed',
    concurrency: parseInteger(
      'concurrency',
      stringValue(values.concurrency) ?? String(defaults.concurrency),
      1,
      schedulerLimits.concurrency,
    ),
    rate: parseNumber('rate', stringValue(values.rate) ?? String(defaults.rate), 0.1, schedulerLimits.rate),
    threads: parseInteger('threads', stringValue(values.threads) ?? String(defaultThreads()), 1, maxThreads),
    color: !noColor && env.NO_COLOR === undefined && env.TERM !== 'dumb',
  };
}

function defaultThreads(): number {
  return Math.min(maxThreads, availableParallelism());
}

function parseModel(raw: string): ModelName {
  if (!(modelNames as readonly string[]).includes(raw)) {
    throw new UsageError(`unknown model "${raw}" (choose from ${modelNames.join(', ')})`);
  }
  return raw as ModelName;
}

function parseModels(raw: string): ModelName[] {
  const models = raw.split(',').map((part) => part.trim());
  if (models.some((model) => model === ''))
    throw new UsageError(`--models needs a comma-separated list, got "${raw}"`);
  const parsed = models.map(parseModel);
  if (new Set(parsed).size !== parsed.length) throw new UsageError(`--models lists a model twice: "${raw}"`);
  return parsed;
}

function parseNumber(name: string, raw: string, min: number, max: number): number {
  const value = raw.trim() === '' ? Number.NaN : Number(raw);
  if (!Number.isFinite(value))
    throw new UsageError(`--${name} must be a number from ${min} to ${max}, got "${raw}"`);
  if (value < min || value > max) throw new UsageError(`--${name} must be from ${min} to ${max}, got ${raw}`);
  return value;
}

function parseInteger(name: string, raw: string, min: number, max: number): number {
  const value = parseNumber(name, raw, min, max);
  if (!Number.isInteger(value))
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got ${raw}`);
  return value;
}

/** `--concurrency -3` would read as two options; join it to `--concurrency=-3` so the range check names it. */
function joinNegativeValues(argv: readonly string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const next = argv[i + 1];
    const takesValue =
      arg.startsWith('--') && optionSpec[arg.slice(2) as keyof typeof optionSpec]?.type === 'string';
    if (takesValue && next !== undefined && /^-\d|^-\.\d/.test(next)) {
      joined.push(`${arg}=${next}`);
      i++;
    } else {
      joined.push(arg);
    }
  }
  return joined;
}

function stringValue(value: string | boolean | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const unknown = /Unknown option '([^']+)'/.exec(message);
  if (unknown) return `unknown option "${unknown[1]}" (see concur-tui --help)`;
  const missing = /Option '([^']+?)(?: <value>)?' argument missing/.exec(message);
  if (missing) return `${missing[1]?.replace(/^-\w, /, '')} needs a value`;
  return message.split('\n')[0] ?? message;
}
