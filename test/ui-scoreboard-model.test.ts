import { describe, expect, test } from 'vitest';
import type { ScoreboardRow } from '../source/engine/types.ts';
import { scoreboardVerdict, scoreboardView } from '../source/ui/scoreboard-model.ts';
import { scoreboardIdentity } from './fixtures/scoreboard-rows.ts';

function row(fields: Partial<ScoreboardRow> & Pick<ScoreboardRow, 'model'>): ScoreboardRow {
  return {
    ...scoreboardIdentity(fields.model, 'cpu'),
    activeMs: 30_000,
    finished: 1_000,
    failed: 0,
    throughput: 100,
    latencyP50: 10,
    latencyP99: 100,
    lagP99: 5,
    lagMax: 10,
    coresUsed: 1,
    ...fields,
  };
}

const asyncRow = row({ model: 'async', throughput: 120, latencyP99: 850, lagP99: 312 });
const workersRow = row({ model: 'workers', throughput: 230, latencyP99: 41, lagP99: 0.8, coresUsed: 3.9 });

describe('scoreboardView', () => {
  test('only rows of the current workload count, one entry per model in order', () => {
    const view = scoreboardView([workersRow, row({ model: 'async', workload: 'io-timer' })], 'cpu');
    expect(view.entries).toEqual([
      { model: 'async', row: undefined },
      { model: 'workers', row: workersRow },
    ]);
    expect(view.comparisons).toEqual({});
  });

  test('the higher throughput and the lower latency and lag win', () => {
    const { comparisons } = scoreboardView([asyncRow, workersRow], 'cpu');
    expect(comparisons.throughput).toEqual({ winner: 'workers', loser: 'async', ratio: 230 / 120 });
    expect(comparisons.latencyP99?.winner).toBe('workers');
    expect(comparisons.lagP99?.winner).toBe('workers');
  });

  test('a difference under 5 % is a tie with no winner', () => {
    const { comparisons } = scoreboardView(
      [row({ model: 'async', throughput: 100 }), row({ model: 'workers', throughput: 103 })],
      'cpu',
    );
    expect(comparisons.throughput).toBeUndefined();
  });

  test('latency is not compared while a model has finished nothing', () => {
    const { comparisons } = scoreboardView(
      [asyncRow, row({ model: 'workers', finished: 0, latencyP99: 0 })],
      'cpu',
    );
    expect(comparisons.latencyP99).toBeUndefined();
  });
});

describe('scoreboardVerdict', () => {
  test('with both models run, the headline is workers throughput as a ratio of async', () => {
    const verdict = scoreboardVerdict(scoreboardView([asyncRow, workersRow], 'cpu'), 'workers');
    expect(verdict.headline).toBe('workers 1.9× async throughput');
    expect(verdict.winner).toBe('workers');
    expect(verdict.details).toEqual(['latency p99 21× lower', 'lag p99 under 1 ms']);
  });

  test('a detail won by the other model names it', () => {
    const verdict = scoreboardVerdict(
      scoreboardView(
        [row({ model: 'async', throughput: 50, lagP99: 2 }), row({ model: 'workers', lagP99: 8 })],
        'cpu',
      ),
      'async',
    );
    expect(verdict.headline).toBe('workers 2.0× async throughput');
    expect(verdict.details).toContain('lag p99 4.0× lower on async');
  });

  test('with one model run, it says which key runs the other', () => {
    const verdict = scoreboardVerdict(scoreboardView([asyncRow], 'cpu'), 'async');
    expect(verdict.headline).toBe('press w to run workers on cpu and compare');
  });

  test('when the running model has no row yet, it says results are coming', () => {
    const verdict = scoreboardVerdict(scoreboardView([asyncRow], 'cpu'), 'workers');
    expect(verdict.headline).toBe('workers is running: its results appear as tasks finish');
  });

  test('with nothing run, it says there are no results yet', () => {
    expect(scoreboardVerdict(scoreboardView([], 'cpu'), 'async').headline).toBe('no results on cpu yet');
  });

  test('when one model finished nothing, the headline says only the other did', () => {
    const verdict = scoreboardVerdict(
      scoreboardView([row({ model: 'async', throughput: 0, finished: 0 }), workersRow], 'cpu'),
      'workers',
    );
    expect(verdict.headline).toBe('only workers finished tasks');
  });
});
