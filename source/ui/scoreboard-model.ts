// Pure comparison of the scoreboard's rows: which rows were measured at the settings running now, which of
// them is best in each column, and by how much. It compares the engine's aggregates; it computes no statistic
// of its own. Any number of models: every row is compared against the best at the same settings.

import { findWorkload } from '../../workloads/index.ts';
import { anyPoolSizeText, findModel, modelNames, poolSizeText } from '../engine/models/model-descriptors.ts';
import { loadKeyOf, sameThreading, threadingOfPool, usesThreads } from '../engine/run-config.ts';
import type { KnobSpec, ModelName, RunConfig, ScoreboardRow, Snapshot } from '../engine/types.ts';
import { formatCount, formatMs, formatRate, formatRatio } from './format.ts';
import { threadingDifference } from './threading-words.ts';

export type ComparedMetric = 'throughput' | 'latencyP99' | 'lagP99';

/** Whether a bigger number is the better one. */
const higherIsBetter: Record<ComparedMetric, boolean> = {
  throughput: true,
  latencyP99: false,
  lagP99: false,
};

/** Differences smaller than this (5 %) are a tie: no winner is marked. */
const tieRatio = 1.05;

/** The settings running now: what a row must have been measured at to be compared. */
export type CurrentSettings = Omit<RunConfig, 'model' | 'threads'> & {
  threads: number;
  /** The running workload's knobs as it declares them (a workload file's are known only from the snapshot). */
  knobSpecs?: readonly KnobSpec[];
};

/**
 * The settings running now: those of the engine's current row (settling or measuring), so the views use the
 * engine's own idea of a configuration; from the snapshot when no row is current (paused, or just started).
 */
export function currentSettings(snapshot: Snapshot): CurrentSettings {
  const row = snapshot.scoreboard.find((candidate) => candidate.phase !== 'past');
  if (row) {
    const { workload, mode, load, knobs, threads, payloadKb, codeVersion } = row.config;
    return {
      workload,
      mode,
      load,
      knobs,
      threads: threads ?? snapshot.poolThreads,
      ...poolThreading(snapshot),
      ...(payloadKb ? { payloadKb } : {}),
      ...(codeVersion ? { codeVersion } : {}),
      ...knobSpecsOf(snapshot, workload),
    };
  }
  const { scheduler } = snapshot;
  return {
    workload: snapshot.workload.name,
    mode: scheduler.mode,
    load: scheduler.mode === 'closed' ? scheduler.concurrency : scheduler.rate,
    threads: snapshot.poolThreads,
    knobs: snapshot.workload.knobs,
    ...poolThreading(snapshot),
    ...(snapshot.payloadKb ? { payloadKb: snapshot.payloadKb } : {}),
    ...(snapshot.workload.codeVersion ? { codeVersion: snapshot.workload.codeVersion } : {}),
    ...knobSpecsOf(snapshot, snapshot.workload.name),
  };
}

/** The snapshot's knob specs, when they are `workload`'s. */
function knobSpecsOf(snapshot: Snapshot, workload: string): { knobSpecs?: readonly KnobSpec[] } {
  const specs = snapshot.workload.knobSpecs;
  return specs && snapshot.workload.name === workload ? { knobSpecs: specs } : {};
}

/** The pool's GIL and tasks per member as set now, whichever model runs: each row reads what its model honours. */
function poolThreading(snapshot: Snapshot): Pick<RunConfig, 'gil' | 'tasksPerWorker'> {
  const { gil = false, tasksPerWorker = 1 } = snapshot.threading ?? {};
  return { ...(gil ? { gil } : {}), ...(tasksPerWorker > 1 ? { tasksPerWorker } : {}) };
}

/** The settings' GIL and tasks per member as a row of `model` would record them. */
function threadingFor(settings: Pick<RunConfig, 'gil' | 'tasksPerWorker'>, model: ModelName) {
  return threadingOfPool({ gil: settings.gil ?? false, tasksPerWorker: settings.tasksPerWorker ?? 1 }, model);
}

/**
 * Whether a row was measured at these settings: the engine's load key, and the pool size only for models that
 * run on threads (async never touches the pool, so its row compares with workers at any pool size).
 */
export function measuredAt(row: ScoreboardRow, settings: CurrentSettings): boolean {
  const { model, threads } = row.config;
  return (
    row.loadKey === loadKeyOf({ ...settings, model }) &&
    (!usesThreads(model) ||
      (threads === settings.threads && sameThreading(row.config, threadingFor(settings, model))))
  );
}

/** A row's tasks mostly fail: it is shown but never starred nor called faster. */
export function mostlyFails(row: ScoreboardRow): boolean {
  return row.failed > row.finished;
}

/** How long a row that finished nothing is "no result yet" rather than a result of zero, ms. */
const noResultYetMs = 2000;

/**
 * Whether a row has no rate to show yet: nothing measured, or counted for a moment with no task ended. A rate of
 * 0/s then says nothing about the model; after a while "nothing finished" is a result ("only workers finished").
 */
export function noRateYet(row: ScoreboardRow): boolean {
  return row.activeMs <= 0 || (row.finished === 0 && row.failed === 0 && row.activeMs < noResultYetMs);
}

/** Why a row at the current settings is left out of the comparison, or undefined when it takes part. */
export function notCompared(row: ScoreboardRow): string | undefined {
  if (row.phase === 'settling') return 'settling';
  if (row.activeMs <= 0) return 'nothing measured yet';
  if (noRateYet(row)) return 'no task finished yet';
  if (mostlyFails(row)) return 'most tasks failed';
  return undefined;
}

export type Comparison = {
  best: ModelName;
  /** Every other compared model with how many times better the best is (∞ when the other's value is 0). */
  others: { model: ModelName; ratio: number }[];
  /** Whether the best is ahead of every other by more than a tie. */
  clear: boolean;
};

export type ScoreboardEntry = { model: ModelName; row: ScoreboardRow | undefined; excluded?: string };

export type ScoreboardView = {
  settings: CurrentSettings;
  /** One entry per model of the descriptor table, in its order, at the current settings. */
  entries: ScoreboardEntry[];
  /** The best of each compared column, when at least two rows take part. */
  comparisons: Partial<Record<ComparedMetric, Comparison>>;
  /** Every other configuration: the current workload's first, then the others, as the engine listed them. */
  earlier: ScoreboardRow[];
};

export function scoreboardView(rows: readonly ScoreboardRow[], settings: CurrentSettings): ScoreboardView {
  const entries: ScoreboardEntry[] = modelNames().map((model) => {
    const row = rows.find((candidate) => candidate.model === model && measuredAt(candidate, settings));
    const excluded = row ? notCompared(row) : undefined;
    return excluded ? { model, row, excluded } : { model, row };
  });
  const shown = new Set(entries.map((entry) => entry.row));
  const others = rows.filter((row) => !shown.has(row));
  const earlier = [
    ...others.filter((row) => row.workload === settings.workload),
    ...others.filter((row) => row.workload !== settings.workload),
  ];
  const compared = entries.flatMap((entry) => (entry.row && !entry.excluded ? [entry.row] : []));
  const comparisons: ScoreboardView['comparisons'] = {};
  for (const metric of ['throughput', 'latencyP99', 'lagP99'] as const) {
    // Latency means nothing for a row that finished no task.
    const candidates = metric === 'latencyP99' ? compared.filter((row) => row.finished > 0) : compared;
    const comparison = compareRows(candidates, metric);
    if (comparison) comparisons[metric] = comparison;
  }
  return { settings, entries, comparisons, earlier };
}

function ratioOf(better: number, worse: number, metric: ComparedMetric): number {
  const [high, low] = higherIsBetter[metric] ? [better, worse] : [worse, better];
  if (high <= 0) return 1;
  return low > 0 ? high / low : Number.POSITIVE_INFINITY;
}

/** The best of `rows` in one column, and how many times better it is than each other row. */
export function compareRows(rows: readonly ScoreboardRow[], metric: ComparedMetric): Comparison | undefined {
  if (rows.length < 2) return undefined;
  const sorted = [...rows].sort((a, b) =>
    higherIsBetter[metric] ? b[metric] - a[metric] : a[metric] - b[metric],
  );
  const [best, ...rest] = sorted as [ScoreboardRow, ...ScoreboardRow[]];
  const others = rest.map((row) => ({ model: row.model, ratio: ratioOf(best[metric], row[metric], metric) }));
  const clear = others.every((other) => other.ratio >= tieRatio);
  return { best: best.model, others, clear };
}

/** The scoreboard's bottom line in words: the headline comparison first, then the others, one subject each. */
export type Verdict = {
  headline: string;
  details: string[];
  winner?: ModelName;
  /** When the best ties (within 5 %) with others yet leads the rest: all of them, best first; no `winner` then. */
  leaders?: ModelName[];
  /** The headline's ratio (best throughput over the next one clearly behind), for drawing it large. */
  ratio?: number;
  /** The model the headline's ratio is over. */
  versus?: ModelName;
};

/** The key that switches to `model`, from the descriptor table. */
function keyOf(model: ModelName): string {
  return findModel(model)?.key ?? '?';
}

/** "async's", "workers'": the possessive of a model name. */
export function possessive(model: ModelName): string {
  return model.endsWith('s') ? `${model}'` : `${model}'s`;
}

function lowerClause(comparison: Comparison, what: string, floor?: string): string | undefined {
  if (!comparison.clear) return undefined;
  const [first, ...more] = comparison.others;
  if (!first) return undefined;
  if (floor !== undefined) return `${comparison.best}: ${what} under ${floor}`;
  const two = more.length === 0;
  const against = (other: { model: ModelName; ratio: number }) =>
    `${formatRatio(other.ratio)}${two ? '' : ` than ${other.model}`}`;
  return `${comparison.best}: ${what} ${[first, ...more].map(against).join(', ')} lower`;
}

export function scoreboardVerdict(view: ScoreboardView, current: ModelName): Verdict {
  const notes: string[] = [];
  for (const entry of view.entries) {
    if (entry.excluded === 'settling' && entry.row?.settling) {
      notes.push(`${settlingText(entry.model, entry.row.settling)}, not compared yet`);
    } else if (entry.excluded === 'most tasks failed') {
      notes.push(`${entry.model}: most tasks failed, not compared`);
    } else if (entry.row?.overlapping) {
      notes.push(`${entry.model}: counted while older tasks still ran`);
    }
  }
  const compared = view.entries.filter((entry) => entry.row && !entry.excluded);
  if (compared.length < 2) {
    const missing = view.entries.filter((entry) => !entry.row);
    const next = missing.find((entry) => entry.model !== current) ?? missing[0];
    const press = next
      ? `press ${keyOf(next.model)} to run ${next.model} at these settings and compare`
      : undefined;
    const [first, ...rest] = notes;
    if (first) return { headline: first, details: press ? [...rest, press] : rest };
    if (compared.length === 0 && view.entries.every((entry) => !entry.row || entry.model === current)) {
      return { headline: `${current} is starting: results appear as tasks finish`, details: [] };
    }
    return { headline: press ?? 'nothing to compare yet', details: [] };
  }
  const { throughput, latencyP99, lagP99 } = view.comparisons;
  const bestLag = view.entries.find((entry) => entry.model === lagP99?.best)?.row?.lagP99 ?? 0;
  // What qualifies the headline comes right after it, then the other columns.
  const details = [
    ...notes,
    latencyP99 ? lowerClause(latencyP99, 'latency p99') : undefined,
    // Below a millisecond lag nears the monitor's resolution: a ratio against it would be noise.
    lagP99 ? lowerClause(lagP99, 'lag p99', bestLag < 1 ? '1 ms' : undefined) : undefined,
  ].filter((clause): clause is string => clause !== undefined);
  // With more than two rows the best may tie with another and still be clearly ahead of the rest: say both.
  const behind = throughput?.others.filter((other) => other.ratio >= tieRatio) ?? [];
  if (!throughput || behind.length === 0) return { headline: 'throughput about equal (within 5 %)', details };
  const tied = throughput.others.filter((other) => other.ratio < tieRatio).map((other) => other.model);
  const leaders = [throughput.best, ...tied];
  const lead: Pick<Verdict, 'winner' | 'leaders'> =
    tied.length > 0 ? { leaders } : { winner: throughput.best };
  const [first, ...more] = behind.filter((other) => Number.isFinite(other.ratio));
  if (!first) return { headline: `only ${leaders.join(' and ')} finished tasks`, details, ...lead };
  const subject = tied.length > 0 ? `${leaders.join(' and ')} about equal (within 5 %),` : throughput.best;
  const rest = more.map((other) => `, ${formatRatio(other.ratio)} ${possessive(other.model)}`).join('');
  return {
    headline: `${subject} ${formatRatio(first.ratio)} ${possessive(first.model)} throughput${rest}`,
    details,
    ...lead,
    ratio: first.ratio,
    versus: first.model,
  };
}

export function settlingText(model: ModelName, settling: { tasksFromBefore: number; forMs: number }): string {
  const tasks = settling.tasksFromBefore;
  return `${model} settling: ${formatCount(tasks)} task${tasks === 1 ? '' : 's'} from before still running, ${formatMs(settling.forMs)}`;
}

function knobText(workload: string, name: string, value: number, specs?: readonly KnobSpec[]): string {
  const unit = (specs ?? findWorkload(workload)?.knobs)?.find((knob) => knob.name === name)?.unit;
  return `${name} ${formatCount(value)}${unit ? ` ${unit}` : ''}`;
}

/** How much load: "1,000 in flight" (closed loop) or "100/s arriving" (open loop). */
export function loadText(mode: RunConfig['mode'], load: number): string {
  return mode === 'closed' ? `${formatCount(load)} in flight` : `${formatRate(load)} arriving`;
}

/** The settings in words: "io-http · 1,000 in flight · 2 worker threads · latency 50 ms". */
export function settingsText(settings: CurrentSettings): string {
  return [
    settings.workload,
    loadText(settings.mode, settings.load),
    anyPoolSizeText(settings.threads),
    ...Object.keys(settings.knobs)
      .sort()
      .map((name) => knobText(settings.workload, name, settings.knobs[name] as number, settings.knobSpecs)),
    ...(settings.payloadKb ? [`payload ${formatCount(settings.payloadKb)} KB`] : []),
  ].join(' · ');
}

/** What sets an earlier row apart from the current settings, in words: "cpu · 8 in flight". */
export function differenceText(row: ScoreboardRow, settings: CurrentSettings): string {
  const { config } = row;
  const parts: string[] = [];
  if (config.workload !== settings.workload) parts.push(config.workload);
  // The same workload file before (or after) a reload: its code version tells the rows apart.
  else if (config.codeVersion !== settings.codeVersion) parts.push(`v${config.codeVersion ?? 1}`);
  if (config.mode !== settings.mode || config.load !== settings.load)
    parts.push(loadText(config.mode, config.load));
  if (config.threads !== undefined && config.threads !== settings.threads) {
    const pool = findModel(config.model)?.pool;
    parts.push(pool ? poolSizeText(pool, config.threads) : anyPoolSizeText(config.threads));
  }
  parts.push(...threadingDifference(config, threadingFor(settings, config.model)));
  const knobNames = Object.keys(config.knobs).sort();
  for (const name of knobNames) {
    const value = config.knobs[name] as number;
    if (config.workload !== settings.workload || settings.knobs[name] !== value) {
      const specs = config.workload === settings.workload ? settings.knobSpecs : undefined;
      parts.push(knobText(config.workload, name, value, specs));
    }
  }
  return parts.join(' · ');
}
