import { availableParallelism } from 'node:os';
import { builtinWorkloads, findWorkload } from '../../workloads/index.ts';
import type { WorkloadFile } from '../engine/engine-options.ts';
import { modelNames } from '../engine/models/model-descriptors.ts';
import { schedulerLimits } from '../engine/scheduler.ts';
import { maxThreads } from '../engine/thread-count.ts';
import type { Knobs, ModelName, SchedulerMode } from '../engine/types.ts';
import { quoteValue } from './escape-text.ts';
import {
  colorOf,
  parseInit,
  parsePresent,
  parseReplay,
  parseReport,
  text,
  type Values,
} from './file-commands.ts';
import { knobFlagNames, knobRule, parseKnobs } from './knob-flags.ts';
import { describeRule, type NumberRule, parseNumberFlag } from './number-flags.ts';
import { type OptionSpec, readArgv } from './read-argv.ts';
import { UsageError } from './usage-error.ts';
import { looksLikeWorkloadFile } from './workload-argument.ts';

export { UsageError } from './usage-error.ts';

export type CommonOptions = {
  /** A built-in workload's name, or the `file:` URL of the workload file in `workloadFiles`. */
  workload: string;
  /** The workload file `--workload` named, loaded and checked; absent for a built-in. */
  workloadFiles?: WorkloadFile[];
  /** `--task-timeout`: a task still running after this long fails, ms; undefined = no limit. */
  taskTimeoutMs?: number;
  /** `--load-timeout`: the bound on importing a workload file, ms; undefined = the engine's default. */
  loadTimeoutMs?: number;
  /** `--stall-threshold`: a lag over this is a stall, blamed on the tasks that ran, ms; undefined = 20. */
  stallThresholdMs?: number;
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
  /** Record every task's slices for the timeline, stall blame and task detail (`--no-slices` turns it off). */
  recordSlices: boolean;
  color: boolean;
};

export type Command =
  | { command: 'help'; workloadFile?: WorkloadFile }
  | { command: 'version' }
  | { command: 'init'; file: string }
  /**
   * `present [script]`: present a talk's script in the dashboard; with `--check`, rehearse it headless. The
   * built-in script when none is named.
   */
  | { command: 'present'; check: boolean; script?: string; color: boolean }
  | ({
      command: 'dashboard';
      model: ModelName;
      paused: boolean;
      /** Reload the workload file when it is saved (`--watch`, on by default for a file). */
      watch: boolean;
      /** `--record run.ndjson`: record the run to this file from the start. @default none */
      record?: string;
    } & CommonOptions)
  | { command: 'replay'; file: string; color: boolean }
  /** `report run.ndjson [-o report.md]`: a recording as Markdown with SVG charts beside it. */
  | { command: 'report'; file: string; output: string }
  | ({
      command: 'bench';
      models: ModelName[];
      duration: number;
      warmup: number;
      json: boolean;
      /** `--sweep threads=1,2,4`: the worker thread counts bench sweeps; absent, bench picks (source/bench). */
      sweep?: { threads: number[] };
      /** `--report report.md`: also write the results as Markdown with SVG charts beside it. @default none */
      report?: string;
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

const workloadList = builtinWorkloads.map((workload) => workload.name).join(', ');

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

/**
 * Turns argv (without `node` and the script) into a command, or throws a `UsageError` naming the problem and
 * the valid choices. `env` decides colour (NO_COLOR, TERM=dumb). `file` is the workload file `--workload`
 * names, already loaded (run-command.ts does that first): its knobs become flags.
 */
export function parseCommandLine(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = {},
  file?: WorkloadFile,
): Command {
  const knobFlags = knobFlagNames(
    optionSpecs.map((spec) => spec.name),
    file,
  );
  const specs: OptionSpec[] = [
    ...optionSpecs,
    ...knobFlags.map((name) => ({
      name,
      type: 'string' as const,
      expects: describeRule(knobRule(name, defaults.workload, file)),
    })),
  ];
  const { values, lists, positionals } = readArgv(argv, specs);
  if (values.has('help')) return file ? { command: 'help', workloadFile: file } : { command: 'help' };
  if (values.has('version')) return { command: 'version' };

  const [command = 'dashboard', ...extra] = positionals;
  if (command === 'init') return parseInit(values, extra);
  if (command === 'present') return parsePresent(values, extra, env);
  if (command === 'replay') return parseReplay(values, extra, env);
  if (command === 'report') return parseReport(values, extra);
  if (command !== 'dashboard' && command !== 'bench') {
    throw new UsageError(
      `unknown command ${quoteValue(command)} (commands: bench, init, present, replay, report; no command opens the dashboard)`,
    );
  }
  if (values.has('output'))
    throw new UsageError('-o, --output is for report (concur-tui report run.ndjson -o report.md)');
  if (values.has('check'))
    throw new UsageError('--check is for present (concur-tui present --check [script.json])');

  if (extra.length > 0) throw new UsageError(`unexpected argument ${quoteValue(extra[0] as string)}`);

  const common = parseCommon(values, env, file);
  common.knobs = {
    ...common.knobs,
    ...parseKnobs((name) => text(values, name), lists.get('knob') ?? [], knobFlags, common.workload, file),
  };
  if (command === 'bench') {
    for (const flag of ['model', 'paused', 'watch', 'no-watch', 'record'] as const) {
      if (values.has(flag)) throw new UsageError(dashboardOnly[flag]);
    }
    const sweep = text(values, 'sweep');
    const report = text(values, 'report');
    return {
      command: 'bench',
      ...common,
      models: parseModels(text(values, 'models') ?? defaults.models),
      duration: numberOf(values, 'duration', defaults.duration),
      warmup: numberOf(values, 'warmup', defaults.warmup),
      json: values.has('json'),
      ...(sweep === undefined ? {} : { sweep: parseSweep(sweep) }),
      ...(report === undefined ? {} : { report }),
    };
  }
  for (const flag of ['models', 'duration', 'warmup', 'json', 'sweep', 'report'] as const) {
    if (values.has(flag)) throw new UsageError(`--${flag} is for bench (concur-tui bench --${flag} …)`);
  }
  return {
    command: 'dashboard',
    ...common,
    model: parseModel(text(values, 'model') ?? defaults.model),
    paused: values.has('paused'),
    watch: parseWatch(values, file),
    ...recordOf(values),
  };
}

function recordOf(values: Values): { record?: string } {
  const record = values.get('record');
  if (record === undefined) return {};
  if (typeof record !== 'string' || record === '') {
    throw new UsageError('--record takes a file name, e.g. --record run.ndjson');
  }
  return { record };
}

const dashboardOnly = {
  model: '--model is for the dashboard; bench takes --models (e.g. --models async,workers)',
  paused: '--paused is for the dashboard; bench always runs (set its length with --duration)',
  watch: '--watch is for the dashboard: bench loads the workload file once',
  record: '--record is for the dashboard (concur-tui --record run.ndjson); bench prints its results instead',
  'no-watch': '--no-watch is for the dashboard: bench loads the workload file once',
};

function parseWatch(values: Values, file?: WorkloadFile): boolean {
  if (values.has('watch') && values.has('no-watch')) {
    throw new UsageError('--watch and --no-watch exclude each other: pick one');
  }
  if (!file) {
    if (values.has('watch')) {
      throw new UsageError('--watch reloads a workload file on save; give one with --workload ./task.js');
    }
    return false;
  }
  return !values.has('no-watch');
}

/** `--sweep threads=1,2,4`: whole thread counts within the pool's limit, deduplicated, in the order given. */
export function parseSweep(raw: string): { threads: number[] } {
  const rule = numberRules.threads;
  const match = /^threads=(.+)$/.exec(raw);
  if (!match) {
    throw new UsageError(`--sweep takes threads=<list>, e.g. threads=1,2,4, got ${quoteValue(raw)}`);
  }
  const threads = (match[1] as string).split(',').map((part) => {
    const value = /^[0-9]+$/.test(part) ? Number(part) : Number.NaN;
    if (!(value >= rule.min && value <= rule.max)) {
      throw new UsageError(
        `--sweep threads takes whole numbers from ${rule.min} to ${rule.max}, got ${quoteValue(part)} in ${quoteValue(raw)}`,
      );
    }
    return value;
  });
  return { threads: [...new Set(threads)] };
}

function parseCommon(values: Values, env: NodeJS.ProcessEnv, file?: WorkloadFile): CommonOptions {
  const workloadName = text(values, 'workload') ?? defaults.workload;
  const workload = file?.workload ?? findWorkload(workloadName);
  if (!workload) {
    const hint = looksLikeWorkloadFile(workloadName) ? '' : ', or a workload file such as ./task.js';
    throw new UsageError(`unknown workload ${quoteValue(workloadName)} (choose from ${workloadList}${hint})`);
  }
  if (values.has('concurrency') && values.has('rate')) {
    throw new UsageError('--concurrency (closed loop) and --rate (open loop) exclude each other: pick one');
  }
  const taskTimeout = text(values, 'task-timeout');
  const loadTimeout = text(values, 'load-timeout');
  const stallThreshold = text(values, 'stall-threshold');
  return {
    workload: file ? file.url : workload.name,
    ...(file ? { workloadFiles: [file] } : {}),
    knobs: {},
    mode: values.has('rate') ? 'open' : 'closed',
    concurrency: numberOf(values, 'concurrency', defaults.concurrency),
    rate: numberOf(values, 'rate', defaults.rate),
    threads: numberOf(values, 'threads', Math.min(maxThreads, availableParallelism())),
    gil: values.has('gil'),
    tasksPerWorker: numberOf(values, 'tasks-per-worker', 1),
    payloadKb: numberOf(values, 'payload', 0),
    recordSlices: !values.has('no-slices'),
    ...(taskTimeout === undefined ? {} : { taskTimeoutMs: numberOf(values, 'task-timeout', 0) * 1000 }),
    ...(loadTimeout === undefined ? {} : { loadTimeoutMs: numberOf(values, 'load-timeout', 0) * 1000 }),
    ...(stallThreshold === undefined ? {} : { stallThresholdMs: numberOf(values, 'stall-threshold', 20) }),
    color: colorOf(values, env),
  };
}

function numberOf(values: Values, name: keyof typeof numberRules, fallback: number): number {
  const raw = text(values, name);
  return raw === undefined ? fallback : parseNumberFlag(name, raw, numberRules[name]);
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
