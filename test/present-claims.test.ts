// Claims as a slide says them, read and judged on scoreboard rows: every form the grammar takes, the errors a
// speaker gets for a claim it cannot read, and a claim never passed on a row that measured nothing.
import { describe, expect, it } from 'vitest';
import type { ScoreboardRow } from '../source/engine/types.ts';
import { ClaimError, judgeClaim, parseClaim } from '../source/present/claims.ts';
import { seededRandom } from './helpers/seeded-random.ts';

function row(model: ScoreboardRow['model'], values: Partial<ScoreboardRow> = {}): ScoreboardRow {
  return {
    key: model,
    loadKey: 'cpu|closed|8',
    config: { workload: 'cpu', model, mode: 'closed', load: 8, knobs: {} },
    model,
    workload: 'cpu',
    phase: 'past',
    overlapping: false,
    activeMs: 4000,
    finished: 100,
    failed: 0,
    throughput: 40,
    failureRate: 0,
    latencyP50: 190,
    latencyP99: 200,
    lagP99: 25,
    lagMax: 30,
    coresUsed: 1,
    ...values,
  };
}

describe('reading claims', () => {
  it('reads the forms a slide uses', () => {
    expect(parseClaim('workers throughput ≥ 1.5× async')).toMatchObject({
      model: 'workers',
      metric: 'throughput',
      operator: '>=',
      bound: { kind: 'ratio', factor: 1.5, model: 'async' },
    });
    expect(parseClaim('workers ≥ 1.5x async throughput')).toMatchObject({
      metric: 'throughput',
      bound: { kind: 'ratio', factor: 1.5 },
    });
    expect(parseClaim('lag p99 < 10 ms')).toMatchObject({
      metric: 'lagP99',
      operator: '<',
      bound: { kind: 'value', value: 10 },
    });
    expect(parseClaim('async lag <= 0.5 s')).toMatchObject({
      model: 'async',
      metric: 'lagP99',
      bound: { value: 500 },
    });
    expect(parseClaim('Processes Cores > 1.5')).toMatchObject({
      model: 'processes',
      metric: 'coresUsed',
      operator: '>',
    });
    expect(parseClaim('latency p50 ≤ 200 ms')).toMatchObject({ metric: 'latencyP50', operator: '<=' });
  });

  it('says what is wrong with a claim it cannot read', () => {
    const wrong: [string, RegExp][] = [
      ['workers are faster', /cannot read the claim/],
      ['async ≥ 2× workers', /names no measure/],
      ['lag p99 < 10 /s', /not measured in "\/s"/],
      ['throughput ≥ 1.5×', /a ratio is written/],
      ['lag p99 ≥ 2× async throughput', /two different measures/],
      ['throughput ≥ 2× async ms', /cannot read|a ratio takes no unit/],
    ];
    for (const [text, says] of wrong) {
      expect(() => parseClaim(text), text).toThrow(ClaimError);
      expect(() => parseClaim(text), text).toThrow(says);
    }
  });

  it('reads every combination of model, measure, operator and bound it offers', () => {
    const random = seededRandom(7);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
    const measures = [
      ['throughput', 'throughput', '/s'],
      ['latency p99', 'latencyP99', 'ms'],
      ['lag p99', 'lagP99', 'ms'],
      ['lag max', 'lagMax', 'ms'],
      ['cores', 'coresUsed', 'cores'],
    ] as const;
    const operators = [
      ['<', '<'],
      ['<=', '<='],
      ['≤', '<='],
      ['>', '>'],
      ['>=', '>='],
      ['≥', '>='],
    ] as const;
    for (let index = 0; index < 300; index++) {
      const [words, metric, unit] = pick(measures);
      const [operatorText, operator] = pick(operators);
      const model = pick(['async', 'workers', 'processes'] as const);
      const number = Math.round(random() * 1000) / 10;
      const ratio = random() < 0.5;
      const other = pick(['async', 'workers', 'processes'] as const);
      const text = ratio
        ? `${model} ${words} ${operatorText} ${number}× ${other}`
        : `${model} ${words} ${operatorText} ${number} ${unit}`;
      expect(parseClaim(text), text).toMatchObject({
        model,
        metric,
        operator,
        bound: ratio ? { kind: 'ratio', factor: number, model: other } : { kind: 'value', value: number },
      });
    }
  });
});

describe('judging claims on scoreboard rows', () => {
  it('passes or fails with the measured values, never on a row that measured nothing', () => {
    const rows = [
      row('async', { throughput: 40, lagP99: 25 }),
      row('workers', { phase: 'measuring', throughput: 78, lagP99: 4 }),
    ];
    expect(judgeClaim(parseClaim('workers throughput ≥ 1.5× async'), rows, 'workers')).toEqual({
      pass: true,
      measured: '1.95× (78/s ÷ 40/s)',
    });
    expect(judgeClaim(parseClaim('throughput ≥ 2× async'), rows, 'workers').pass).toBe(false);
    expect(judgeClaim(parseClaim('lag p99 < 10 ms'), rows, 'workers')).toEqual({
      pass: true,
      measured: 'workers 4.0 ms',
    });
    expect(judgeClaim(parseClaim('async lag p99 < 10 ms'), rows, 'workers')).toMatchObject({
      pass: false,
      measured: 'async 25 ms',
    });
    expect(judgeClaim(parseClaim('processes throughput ≥ 1× async'), rows, 'workers')).toEqual({
      pass: false,
      measured: 'processes was not measured at these settings',
    });
    const unmeasured = [row('async', { activeMs: 0 })];
    expect(judgeClaim(parseClaim('lag p99 ≥ 0 ms'), unmeasured, 'async').pass).toBe(false);
    const nothingFinished = [row('async', { finished: 0 })];
    expect(judgeClaim(parseClaim('latency p99 ≥ 0 ms'), nothingFinished, 'async')).toEqual({
      pass: false,
      measured: 'no async task finished',
    });
  });

  it('judges the running row of a model that has two at one load (with and without the GIL)', () => {
    const rows = [
      row('async', { throughput: 40 }),
      row('workers', { key: 'workers-free', throughput: 78 }),
      row('workers', { key: 'workers-gil', phase: 'measuring', throughput: 41 }),
    ];
    expect(judgeClaim(parseClaim('workers throughput ≤ 1.3× async'), rows, 'workers').pass).toBe(true);
  });
});
