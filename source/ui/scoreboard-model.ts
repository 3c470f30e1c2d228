// Pure comparison of the scoreboard's rows: which rows were measured at the settings running now, which of
// them is best in each column, and by how much. It compares the engine's aggregates; it computes no statistic
// of its own. Any number of models: every row is compared against the best at the same settings.

import { modelNames } from '../engine/models/model-descriptors.ts';
import type { ModelName, ScoreboardRow } from '../engine/types.ts';
import { type CurrentSettings, measuredAt } from './scoreboard-settings.ts';

export type ComparedMetric = 'throughput' | 'latencyP99' | 'lagP99';

/** Whether a bigger number is the better one. */
const higherIsBetter: Record<ComparedMetric, boolean> = {
  throughput: true,
  latencyP99: false,
  lagP99: false,
};

/** Differences smaller than this (5 %) are a tie: no winner is marked. */
export const tieRatio = 1.05;

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
