// Pure comparison of the scoreboard's rows: which model wins each column, and by how much.
// It compares the engine's aggregates; it computes no statistic of its own.

import { type ModelName, modelNames, type ScoreboardRow } from '../engine/types.ts';
import { formatRatio } from './format.ts';

export type ComparedMetric = 'throughput' | 'latencyP99' | 'lagP99';

/** Whether a bigger number is the better one. */
const higherIsBetter: Record<ComparedMetric, boolean> = {
  throughput: true,
  latencyP99: false,
  lagP99: false,
};

/** Differences smaller than this (5 %) are a tie: no winner is marked. */
const tieRatio = 1.05;

export type Comparison = { winner: ModelName; loser: ModelName; ratio: number };

export type ScoreboardView = {
  workload: string;
  /** One entry per model, in `modelNames` order; `row` is missing for a model not run on this workload. */
  entries: { model: ModelName; row: ScoreboardRow | undefined }[];
  /** The clear winner of each compared column, when both models ran and the numbers allow comparison. */
  comparisons: Partial<Record<ComparedMetric, Comparison>>;
};

export function scoreboardView(rows: readonly ScoreboardRow[], workload: string): ScoreboardView {
  const entries = modelNames.map((model) => ({
    model,
    row: rows.find((row) => row.model === model && row.workload === workload),
  }));
  const comparisons: ScoreboardView['comparisons'] = {};
  const [first, second] = entries;
  if (first?.row && second?.row) {
    const bothFinished = first.row.finished > 0 && second.row.finished > 0;
    for (const metric of ['throughput', 'latencyP99', 'lagP99'] as const) {
      if (metric === 'latencyP99' && !bothFinished) continue;
      const comparison = compare(first.row, second.row, metric);
      if (comparison) comparisons[metric] = comparison;
    }
  }
  return { workload, entries, comparisons };
}

function compare(a: ScoreboardRow, b: ScoreboardRow, metric: ComparedMetric): Comparison | undefined {
  const [better, worse] = a[metric] > b[metric] === higherIsBetter[metric] ? [a, b] : [b, a];
  const high = Math.max(better[metric], worse[metric]);
  const low = Math.min(better[metric], worse[metric]);
  if (high <= 0) return undefined;
  const ratio = low > 0 ? high / low : Number.POSITIVE_INFINITY;
  if (ratio < tieRatio) return undefined;
  return { winner: better.model, loser: worse.model, ratio };
}

/** The scoreboard's bottom line in words: the headline comparison first, then the others. */
export type Verdict = { headline: string; details: string[]; winner?: ModelName };

export function scoreboardVerdict(view: ScoreboardView, current: ModelName): Verdict {
  const ran = view.entries.filter((entry) => entry.row);
  if (ran.length === 0) return { headline: `no results on ${view.workload} yet`, details: [] };
  const missing = view.entries.find((entry) => !entry.row);
  if (missing) {
    if (missing.model === current) {
      return { headline: `${current} is running: its results appear as tasks finish`, details: [] };
    }
    const key = missing.model === 'async' ? 'a' : 'w';
    return { headline: `press ${key} to run ${missing.model} on ${view.workload} and compare`, details: [] };
  }
  const { throughput, latencyP99, lagP99 } = view.comparisons;
  // Name the winner of a detail only when it is not the headline's winner.
  const on = (winner: ModelName) => (winner === throughput?.winner ? '' : ` on ${winner}`);
  const details: string[] = [];
  if (latencyP99) details.push(`latency p99 ${formatRatio(latencyP99.ratio)} lower${on(latencyP99.winner)}`);
  if (lagP99) {
    const best = view.entries.find((entry) => entry.model === lagP99.winner)?.row?.lagP99 ?? 0;
    // Below a millisecond lag nears the monitor's resolution: a ratio against it would be noise.
    details.push(
      best < 1
        ? `lag p99 under 1 ms${on(lagP99.winner)}`
        : `lag p99 ${formatRatio(lagP99.ratio)} lower${on(lagP99.winner)}`,
    );
  }
  if (!throughput) return { headline: 'throughput about equal', details };
  const headline = Number.isFinite(throughput.ratio)
    ? `${throughput.winner} ${formatRatio(throughput.ratio)} ${throughput.loser} throughput`
    : `only ${throughput.winner} finished tasks`;
  return { headline, details, winner: throughput.winner };
}
