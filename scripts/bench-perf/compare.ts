// Two saved runs (`--save`) set side by side: which figures' spreads overlap, and how many would not by chance.
//
// Two runs of unchanged code on an unchanged machine still give some figures whose min–max spreads do not
// overlap: with n and m repetitions of one continuous distribution, all of one run's values fall below all of
// the other's with probability 1 / C(n + m, n), so the spreads are disjoint with twice that (0.1 for 3 and 3).
// Over 70 figures about 7 disjoint spreads are what chance alone gives; the count means something only against
// that expectation. It assumes each run's repetitions are drawn from the run's whole distribution: repetitions run
// back to back (`--order sequential`, and every run saved before interleaving) share the conditions of their
// minute, so their spreads are narrower and more of them come out disjoint than this count expects.

import { type CheckResult, formatValue } from './figure.ts';
import { type FigureReport, formatSpread, markdownTable, type RunReport, textTable } from './report.ts';

/** One run's result for a check, and how many repetitions of its figure finished. */
export type ComparedSide = { check: CheckResult; repetitions: number };

export type ComparedCheck = {
  label: string;
  a: ComparedSide;
  b: ComparedSide;
  /** Whether the two min–max spreads share a value. */
  overlap: boolean;
  /** The chance that the spreads are disjoint if both runs drew from one distribution. */
  chanceDisjoint: number;
};

export type RunComparison = {
  checks: ComparedCheck[];
  disjoint: number;
  /** The number of disjoint spreads expected if nothing changed between the runs. */
  expectedDisjoint: number;
  /** The chance of at least `disjoint` disjoint spreads if nothing changed, the checks taken as independent. */
  chanceOfAtLeast: number;
};

/** C(n, k), exactly for the small counts of repetitions used here. */
function choose(n: number, k: number): number {
  let result = 1;
  for (let i = 1; i <= k; i++) result = (result * (n - k + i)) / i;
  return result;
}

/** The chance that the min–max spreads of n and m draws from one continuous distribution do not overlap. */
export function chanceOfDisjointSpreads(n: number, m: number): number {
  if (n < 1 || m < 1) return 0;
  return Math.min(1, 2 / choose(n + m, n));
}

/** The chance that at least `count` of independent events with chances `chances` happen (Poisson binomial). */
export function chanceOfAtLeast(chances: readonly number[], count: number): number {
  // distribution[k]: the chance that exactly k of the events so far happened.
  let distribution = [1];
  for (const chance of chances) {
    const next = new Array<number>(distribution.length + 1).fill(0);
    distribution.forEach((p, k) => {
      next[k] = (next[k] ?? 0) + p * (1 - chance);
      next[k + 1] = (next[k + 1] ?? 0) + p * chance;
    });
    distribution = next;
  }
  return distribution.slice(Math.max(0, count)).reduce((sum, p) => sum + p, 0);
}

/** Checks with a spread to compare: measured numbers, more than one repetition that finished. */
function comparable(figure: FigureReport): ComparedSide[] {
  const repetitions = figure.samples.length;
  if (repetitions < 2) return [];
  return figure.checks
    .filter((check) => check.unit !== 'yes/no' && Number.isFinite(check.min) && Number.isFinite(check.max))
    .map((check) => ({ check, repetitions }));
}

/** The checks found in both runs (by label), with whether their spreads overlap. */
export function compareRuns(a: RunReport, b: RunReport): RunComparison {
  const inB = new Map(b.figures.flatMap(comparable).map((side) => [side.check.label, side] as const));
  const checks = a.figures.flatMap(comparable).flatMap((side): ComparedCheck[] => {
    const other = inB.get(side.check.label);
    if (!other) return [];
    return [
      {
        label: side.check.label,
        a: side,
        b: other,
        overlap: side.check.min <= other.check.max && other.check.min <= side.check.max,
        chanceDisjoint: chanceOfDisjointSpreads(side.repetitions, other.repetitions),
      },
    ];
  });
  const disjoint = checks.filter((check) => !check.overlap).length;
  const chances = checks.map((check) => check.chanceDisjoint);
  return {
    checks,
    disjoint,
    expectedDisjoint: chances.reduce((sum, chance) => sum + chance, 0),
    chanceOfAtLeast: chanceOfAtLeast(chances, disjoint),
  };
}

/** The median and the spread, as the run's own table prints them. */
function sideText({ check }: ComparedSide): string {
  return `${formatValue(check.measured, check.unit)} (${formatSpread(check)})`;
}

/** The comparison as text (or Markdown): a summary, then each figure whose spreads are disjoint. */
export function formatComparison(a: RunReport, b: RunReport, markdown = false): string {
  const comparison = compareRuns(a, b);
  const side = (run: RunReport) => `${run.date}, ${run.repeat} per figure, ${run.order ?? 'sequential'}`;
  const runs = `A: ${side(a)} · B: ${side(b)}`;
  const summary = [
    `${comparison.checks.length} figures in both runs (${runs}); the spreads of ${comparison.disjoint} do not overlap.`,
    `If nothing had changed between the runs: ${comparison.expectedDisjoint.toFixed(1)} expected, and ${
      comparison.disjoint
    } or more with a chance of ${comparison.chanceOfAtLeast.toPrecision(2)} (the figures taken as independent).`,
  ];
  const disjoint = comparison.checks.filter((check) => !check.overlap);
  const rows = disjoint.map((check) => [
    check.label,
    sideText(check.a),
    sideText(check.b),
    (check.b.check.measured / check.a.check.measured).toFixed(3),
  ]);
  const headers = ['disjoint spreads', 'run A', 'run B', 'B ÷ A'];
  if (markdown) return [summary.join(' '), '', ...markdownTable(headers, rows)].join('\n');
  return [...summary, '', ...textTable(headers, rows)].join('\n');
}
