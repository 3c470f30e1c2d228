// A step's claim, written the way a slide says it ("workers throughput ≥ 1.5× async", "lag p99 < 10 ms"), parsed
// once and judged against the scoreboard's rows at the current settings: like against like, nothing else.

import { modelNames } from '../engine/models/model-descriptors.ts';
import type { ModelName, ScoreboardRow } from '../engine/types.ts';
import { formatCores, formatMs, formatRate } from '../ui/format.ts';

export type ClaimMetric = 'throughput' | 'latencyP50' | 'latencyP99' | 'lagP99' | 'lagMax' | 'coresUsed';
export type ClaimOperator = '<' | '<=' | '>' | '>=';

export type Claim = {
  /** The words as written, for the report. */
  text: string;
  /** The model whose row is judged; undefined: the model the step runs. */
  model?: ModelName;
  metric: ClaimMetric;
  operator: ClaimOperator;
  /** A bound in the metric's unit (ms, tasks/s, cores), or a ratio to another model's row at the same settings. */
  bound: { kind: 'value'; value: number } | { kind: 'ratio'; factor: number; model: ModelName };
};

const metricWords: [RegExp, ClaimMetric][] = [
  [/^throughput$/, 'throughput'],
  [/^latency p50$/, 'latencyP50'],
  [/^latency(?: p99)?$/, 'latencyP99'],
  [/^lag(?: p99)?$/, 'lagP99'],
  [/^lag max$/, 'lagMax'],
  [/^cores$/, 'coresUsed'],
];
const metricPattern = '(throughput|latency p50|latency p99|latency|lag p99|lag max|lag|cores)';
const operators: Record<string, ClaimOperator> = {
  '<': '<',
  '<=': '<=',
  '≤': '<=',
  '>': '>',
  '>=': '>=',
  '≥': '>=',
};
/** Each metric's unit, and what a bound's unit multiplies it by to get there. */
const units: Record<ClaimMetric, Record<string, number>> = {
  throughput: { '': 1, '/s': 1, 'tasks/s': 1 },
  latencyP50: { ms: 1, s: 1000 },
  latencyP99: { ms: 1, s: 1000 },
  lagP99: { ms: 1, s: 1000 },
  lagMax: { ms: 1, s: 1000 },
  coresUsed: { '': 1, cores: 1, core: 1 },
};

export class ClaimError extends Error {}

function metricOf(words: string): ClaimMetric {
  const found = metricWords.find(([pattern]) => pattern.test(words));
  if (!found) throw new ClaimError(`unknown measure "${words}"`);
  return found[1];
}

function modelOf(word: string | undefined): ModelName | undefined {
  if (word === undefined) return undefined;
  const model = modelNames().find((name) => name === word);
  if (!model) throw new ClaimError(`unknown model "${word}" (one of ${modelNames().join(', ')})`);
  return model;
}

/**
 * Parses "[model] measure op number [unit]" or "[model] [measure] op number× model [measure]": the measure is
 * named once, before the operator or at the end. Throws a `ClaimError` saying what is wrong.
 */
export function parseClaim(text: string): Claim {
  const words = text.trim().toLowerCase().replace(/\s+/g, ' ');
  const model = `(${modelNames().join('|')})`;
  const pattern = new RegExp(
    `^(?:${model} )?(?:${metricPattern} )?(<=|>=|≤|≥|<|>) ?([\\d.]+) ?(×|x)?(?: ?${model})?(?: ${metricPattern})?(?: ?(ms|s|/s|tasks/s|cores|core))?$`,
  );
  const match = pattern.exec(words);
  if (!match) {
    throw new ClaimError(
      `cannot read the claim "${text}": write e.g. "workers throughput ≥ 1.5× async" or "lag p99 < 10 ms"`,
    );
  }
  const [, subject, before, operatorText, numberText, times, other, after, unit = ''] = match;
  const metricWordsUsed = before ?? after;
  if (metricWordsUsed === undefined)
    throw new ClaimError(`the claim "${text}" names no measure (throughput, latency p99, lag p99, cores)`);
  if (before !== undefined && after !== undefined && metricOf(before) !== metricOf(after)) {
    throw new ClaimError(`the claim "${text}" compares two different measures`);
  }
  const metric = metricOf(metricWordsUsed);
  const value = Number(numberText);
  if (!Number.isFinite(value) || value < 0)
    throw new ClaimError(`the claim "${text}" has no number to compare with`);
  const operator = operators[operatorText as string] as ClaimOperator;
  const claim = {
    text: text.trim(),
    metric,
    operator,
    ...(subject === undefined ? {} : { model: modelOf(subject) }),
  };
  if (times !== undefined || other !== undefined) {
    if (times === undefined || other === undefined)
      throw new ClaimError(`the claim "${text}": a ratio is written "1.5× async"`);
    if (unit !== '') throw new ClaimError(`the claim "${text}": a ratio takes no unit`);
    return { ...claim, bound: { kind: 'ratio', factor: value, model: modelOf(other) as ModelName } };
  }
  const scale = units[metric][unit];
  if (scale === undefined)
    throw new ClaimError(`the claim "${text}": ${metricWordsUsed} is not measured in "${unit}"`);
  return { ...claim, bound: { kind: 'value', value: value * scale } };
}

export type ClaimVerdict = { pass: boolean; measured: string };

const formatters: Record<ClaimMetric, (value: number) => string> = {
  throughput: formatRate,
  latencyP50: formatMs,
  latencyP99: formatMs,
  lagP99: formatMs,
  lagMax: formatMs,
  coresUsed: (value) => `${formatCores(value)} cores`,
};

function holds(left: number, operator: ClaimOperator, right: number): boolean {
  switch (operator) {
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '>':
      return left > right;
    case '>=':
      return left >= right;
  }
}

/**
 * Judges `claim` on the rows measured at the current settings (`rows` share one load key); `stepModel` is the
 * model the step runs. A row that has not counted, or has no finished task where latency is judged, fails with
 * that said: a claim is never passed on nothing.
 */
export function judgeClaim(claim: Claim, rows: readonly ScoreboardRow[], stepModel: ModelName): ClaimVerdict {
  // The model's running row first (a model can have two rows at one load: with and without the GIL).
  const rowOf = (model: ModelName) =>
    rows.find((row) => row.model === model && row.phase === 'measuring' && row.activeMs > 0) ??
    rows.find((row) => row.model === model && row.activeMs > 0);
  const subjectModel = claim.model ?? stepModel;
  const subject = rowOf(subjectModel);
  if (!subject) return { pass: false, measured: `${subjectModel} was not measured at these settings` };
  const format = formatters[claim.metric];
  const left = subject[claim.metric];
  if (claim.metric.startsWith('latency') && subject.finished === 0) {
    return { pass: false, measured: `no ${subjectModel} task finished` };
  }
  if (claim.bound.kind === 'value') {
    return {
      pass: holds(left, claim.operator, claim.bound.value),
      measured: `${subjectModel} ${format(left)}`,
    };
  }
  const base = rowOf(claim.bound.model);
  if (!base) return { pass: false, measured: `${claim.bound.model} was not measured at these settings` };
  const right = base[claim.metric];
  const ratio = right > 0 ? left / right : Number.POSITIVE_INFINITY;
  return {
    pass: holds(left, claim.operator, claim.bound.factor * right),
    measured: `${Number.isFinite(ratio) ? ratio.toFixed(2) : '∞'}× (${format(left)} ÷ ${format(right)})`,
  };
}
