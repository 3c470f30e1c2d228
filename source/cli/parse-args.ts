import { availableParallelism } from 'node:os';
import { findWorkload } from '../../workloads/index.ts';
import type { WorkloadFile } from '../engine/engine-options.ts';
import { modelNames } from '../engine/models/model-descriptors.ts';
import { maxThreads } from '../engine/thread-count.ts';
import type { ModelName } from '../engine/types.ts';
import type { Command, CommonOptions } from './command-types.ts';
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
import { describeRule, parseNumberFlag } from './number-flags.ts';
import { defaults, modelList, numberRules, optionSpecs, workloadList } from './option-specs.ts';
import { type OptionSpec, readArgv } from './read-argv.ts';
import { UsageError } from './usage-error.ts';
import { looksLikeWorkloadFile } from './workload-argument.ts';

export { UsageError } from './usage-error.ts';

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
