// Two saved runs (`--save`) set side by side: which figures' spreads overlap, and how many would not by chance.
//
// Two runs of unchanged code on an unchanged machine still give some figures whose min–max spreads do not
// overlap: with n and m repetitions of one continuous distribution, all of one run's values fall below all of
// the other's with probability 1 / C(n + m, n), so the spreads are disjoint with twice that (0.1 for 3 and 3).
// Over 70 figures about 7 disjoint spreads are what chance alone gives; the count means something only against
// that expectation. It assumes each run's repetitions are drawn from the run's whole distribution: repetitions run
// back to back (`--order sequential`, and every run saved before interleaving) share the conditions of their
// minute, so their spreads are narrower and more of them come out disjoint than this count expects.
//
// Claims about concur-tui and readings of the host (`Check.reading`) are counted apart: a reading, such as what a
// process costs against a thread, moves with the kernel and says nothing about whether a claim held.

import { type CheckResult, formatValue } from './figure.ts';
import {
  type FigureReport,
  formatSpread,
  markdownTable,
  orderOf,
  type RunReport,
  textTable,
} from './report.ts';

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
  /** A reading of the host rather than a claim about concur-tui (`Check.reading`). */
  reading: boolean;
};

/** How many of a set of compared checks have disjoint spreads, against chance. */
export type DisjointCount = {
  compared: number;
  disjoint: number;
  /** The number of disjoint spreads expected if nothing changed between the runs. */
  expectedDisjoint: number;
  /** The chance of at least `disjoint` disjoint spreads if nothing changed, the checks taken as independent. */
  chanceOfAtLeast: number;
};

export type RunComparison = {
  checks: ComparedCheck[];
  all: DisjointCount;
  claims: DisjointCount;
  readings: DisjointCount;
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

function countDisjoint(checks: readonly ComparedCheck[]): DisjointCount {
  const disjoint = checks.filter((check) => !check.overlap).length;
  const chances = checks.map((check) => check.chanceDisjoint);
  return {
    compared: checks.length,
    disjoint,
    expectedDisjoint: chances.reduce((sum, chance) => sum + chance, 0),
    chanceOfAtLeast: chanceOfAtLeast(chances, disjoint),
  };
}

/**
 * The checks found in both runs (by label), with whether their spreads overlap. `readingLabels` names the
 * readings of the host for runs saved before each check said which it was.
 */
export function compareRuns(
  a: RunReport,
  b: RunReport,
  readingLabels: ReadonlySet<string> = new Set(),
): RunComparison {
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
        reading:
          side.check.reading === true || other.check.reading === true || readingLabels.has(side.check.label),
      },
    ];
  });
  return {
    checks,
    all: countDisjoint(checks),
    claims: countDisjoint(checks.filter((check) => !check.reading)),
    readings: countDisjoint(checks.filter((check) => check.reading)),
  };
}

/** The median and the spread, as the run's own table prints them. */
function sideText({ check }: ComparedSide): string {
  return `${formatValue(check.measured, check.unit)} (${formatSpread(check)})`;
}

function countLine(name: string, count: DisjointCount): string {
  if (count.compared === 0) return `${name}: none in both runs.`;
  const expected = `${count.expectedDisjoint.toFixed(1)} expected if nothing had changed between the runs`;
  const chance = `${count.disjoint} or more with a chance of ${count.chanceOfAtLeast.toPrecision(2)}`;
  return `${name}: the spreads of ${count.disjoint} of ${count.compared} do not overlap; ${expected}${
    count.disjoint > 0 ? `, and ${chance}` : ''
  }.`;
}

/**
 * The comparison as text (or Markdown): claims and readings counted apart, then each figure whose spreads are
 * disjoint, claims first.
 */
export function formatComparison(
  a: RunReport,
  b: RunReport,
  markdown = false,
  readingLabels: ReadonlySet<string> = new Set(),
): string {
  const comparison = compareRuns(a, b, readingLabels);
  const side = (run: RunReport) => `${run.date}, ${run.repeat} per figure, ${orderOf(run)}`;
  const counts = [
    countLine('Claims about concur-tui', comparison.claims),
    countLine('Readings of the host', comparison.readings),
    countLine('All', comparison.all),
  ];
  const head = `${comparison.checks.length} figures in both runs (A: ${side(a)} · B: ${side(b)}); the figures are taken as independent.`;
  const disjoint = comparison.checks
    .filter((check) => !check.overlap)
    .sort((x, y) => Number(x.reading) - Number(y.reading));
  const rows = disjoint.map((check) => [
    check.label,
    check.reading ? 'reading' : 'claim',
    sideText(check.a),
    sideText(check.b),
    (check.b.check.measured / check.a.check.measured).toFixed(3),
  ]);
  const headers = ['disjoint spreads', 'kind', 'run A', 'run B', 'B ÷ A'];
  if (markdown) {
    return [head, '', ...counts.map((line) => `- ${line}`), '', ...markdownTable(headers, rows)].join('\n');
  }
  return [head, ...counts, '', ...textTable(headers, rows)].join('\n');
}
