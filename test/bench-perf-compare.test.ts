import { describe, expect, it } from 'vitest';
import {
  chanceOfAtLeast,
  chanceOfDisjointSpreads,
  compareRuns,
  formatComparison,
} from '../scripts/bench-perf/compare.ts';
import { type Check, evaluate, type Measurements } from '../scripts/bench-perf/figure.ts';
import type { FigureReport, RunReport } from '../scripts/bench-perf/report.ts';
import { medians } from '../scripts/bench-perf/stats.ts';
import { seededRandom } from './helpers/seeded-random.ts';

const ratio: Check = {
  label: 'render ÷ floor',
  key: 'ratio',
  unit: '×',
  bound: { kind: 'atMost', value: 1.5 },
};
const time: Check = { label: 'lag p99', key: 'lagMs', unit: 'ms', bound: { kind: 'atMost', value: 10 } };
const done: Check = { label: 'completes', key: 'done', unit: 'yes/no', bound: { kind: 'atLeast', value: 1 } };

function figure(name: string, checks: Check[], samples: Measurements[]): FigureReport {
  const middle = medians(samples);
  return {
    name,
    method: 'test',
    repetitions: samples.length,
    elapsedSeconds: 1,
    samples,
    medians: middle,
    checks: checks.map((check) => evaluate(check, middle, samples)),
    errors: [],
  };
}

function run(date: string, figures: FigureReport[]): RunReport {
  const machine = { cpuModel: 'test', logicalCores: 2, totalMemoryGigabytes: 1, node: '24', os: 'test' };
  return { machine, date, repeat: 3, elapsedSeconds: 1, figures };
}

describe('two saved runs side by side', () => {
  it('gives the chance of disjoint spreads that repeated draws from one distribution show', () => {
    expect(chanceOfDisjointSpreads(3, 3)).toBeCloseTo(0.1, 12);
    expect(chanceOfDisjointSpreads(5, 5)).toBeCloseTo(2 / 252, 12);
    expect(chanceOfDisjointSpreads(2, 3)).toBeCloseTo(0.2, 12);
    // The formula against draws: two runs of 3 from one distribution, 20,000 times.
    const random = seededRandom(7);
    const draws = () => Array.from({ length: 3 }, () => random());
    let disjoint = 0;
    const trials = 20_000;
    for (let trial = 0; trial < trials; trial++) {
      const a = draws();
      const b = draws();
      if (Math.max(...a) < Math.min(...b) || Math.max(...b) < Math.min(...a)) disjoint++;
    }
    expect(disjoint / trials).toBeGreaterThan(0.09);
    expect(disjoint / trials).toBeLessThan(0.11);
  });

  it('adds the chances of independent events up into the chance of at least k of them', () => {
    expect(chanceOfAtLeast([0.5, 0.5], 0)).toBeCloseTo(1, 12);
    expect(chanceOfAtLeast([0.5, 0.5], 1)).toBeCloseTo(0.75, 12);
    expect(chanceOfAtLeast([0.5, 0.5], 2)).toBeCloseTo(0.25, 12);
    expect(chanceOfAtLeast([0.5, 0.5], 3)).toBe(0);
    expect(
      chanceOfAtLeast(
        Array.from({ length: 10 }, () => 0.1),
        1,
      ),
    ).toBeCloseTo(1 - 0.9 ** 10, 12);
  });

  it('compares the measured figures both runs hold, and says which spreads are disjoint', () => {
    const a = run('2026-12-02', [
      figure(
        'render',
        [ratio, time],
        [
          { ratio: 1.4, lagMs: 5 },
          { ratio: 1.5, lagMs: 6 },
          { ratio: 1.45, lagMs: 7 },
        ],
      ),
      figure('scale', [done], [{ done: 1 }, { done: 1 }, { done: 1 }]),
    ]);
    const b = run('2026-12-03', [
      figure(
        'render',
        [ratio, time],
        [
          { ratio: 1.48, lagMs: 8 },
          { ratio: 1.6, lagMs: 9 },
          { ratio: 1.55, lagMs: 8.5 },
        ],
      ),
      figure('scale', [done], [{ done: 1 }, { done: 1 }, { done: 1 }]),
    ]);
    const comparison = compareRuns(a, b);
    // yes/no checks have no spread to compare.
    expect(comparison.checks.map((check) => [check.label, check.overlap])).toEqual([
      ['render ÷ floor', true],
      ['lag p99', false],
    ]);
    expect(comparison.all.disjoint).toBe(1);
    expect(comparison.all.expectedDisjoint).toBeCloseTo(0.2, 12);
    expect(comparison.all.chanceOfAtLeast).toBeCloseTo(1 - 0.9 ** 2, 12);
    const text = formatComparison(a, b);
    expect(text).toMatch(/^2 figures in both runs/);
    expect(text).toMatch(
      /All: the spreads of 1 of 2 do not overlap; 0\.2 expected.*1 or more with a chance of 0\.19/,
    );
    expect(text).toMatch(/lag p99 +claim .*6\.00 ms.*8\.50 ms.*1\.417/);
    expect(text).not.toMatch(/render ÷ floor/);
    // How each run ordered its repetitions: a run saved before interleaving ran them back to back.
    expect(formatComparison(a, { ...b, order: 'interleaved' })).toMatch(
      /, sequential · B: .*, interleaved\)/,
    );
  });

  it('counts claims about concur-tui apart from readings of the host, whichever run says which a check is', () => {
    const reading: Check = { ...time, label: 'process ÷ thread start', key: 'start', reading: true };
    const floor: Check = { ...time, label: 'plain Ink ÷ node', key: 'ink' };
    const samples = (values: [number, number, number, number]) =>
      [0, 1, 2].map((offset) => ({
        ratio: values[0] + offset / 100,
        lagMs: values[1] + offset / 100,
        start: values[2] + offset / 100,
        ink: values[3] + offset / 100,
      }));
    // The claims agree; both readings moved. `reading` is in B's saved checks only; `floor` was saved by neither.
    const a = run('a', [
      figure('all', [ratio, time, { ...reading, reading: false }, floor], samples([1, 5, 2, 3])),
    ]);
    const b = run('b', [figure('all', [ratio, time, reading, floor], samples([1.01, 5.01, 4, 6]))]);
    const comparison = compareRuns(a, b, new Set(['plain Ink ÷ node']));
    expect(comparison.checks.map((check) => [check.label, check.reading, check.overlap])).toEqual([
      ['render ÷ floor', false, true],
      ['lag p99', false, true],
      ['process ÷ thread start', true, false],
      ['plain Ink ÷ node', true, false],
    ]);
    expect([comparison.claims.compared, comparison.claims.disjoint]).toEqual([2, 0]);
    expect([comparison.readings.compared, comparison.readings.disjoint]).toEqual([2, 2]);
    expect(comparison.readings.chanceOfAtLeast).toBeCloseTo(0.01, 12);
    const text = formatComparison(a, b, false, new Set(['plain Ink ÷ node']));
    expect(text).toMatch(
      /Claims about concur-tui: the spreads of 0 of 2 do not overlap; 0\.2 expected[^,]*\.$/m,
    );
    expect(text).toMatch(
      /Readings of the host: the spreads of 2 of 2 do not overlap;.* 2 or more with a chance of 0\.010/,
    );
    expect(text).toMatch(/process ÷ thread start +reading/);
    // Without the table's labels, a run saved before checks said which they were counts them as claims.
    expect(compareRuns(a, b).claims.disjoint).toBe(1);
  });

  it('leaves out a figure only one run holds, or one with a single repetition', () => {
    const a = run('a', [figure('render', [ratio], [{ ratio: 1 }, { ratio: 1.1 }])]);
    const b = run('b', [
      figure('render', [ratio], [{ ratio: 2 }]),
      figure('other', [time], [{ lagMs: 1 }, { lagMs: 2 }]),
    ]);
    expect(compareRuns(a, b).checks).toEqual([]);
  });
});
