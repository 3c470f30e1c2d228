import { describe, expect, test } from 'vitest';
import { modelNames } from '../source/engine/models/model-descriptors.ts';
import type { ModelName, ScoreboardRow } from '../source/engine/types.ts';
import { compareRows, type ScoreboardView, scoreboardView } from '../source/ui/scoreboard-model.ts';
import { type CurrentSettings, currentSettings, measuredAt } from '../source/ui/scoreboard-settings.ts';
import { scoreboardVerdict } from '../source/ui/scoreboard-verdict.ts';
import { differenceText, settingsText } from '../source/ui/scoreboard-words.ts';
import { scoreboardRow } from './fixtures/scoreboard-rows.ts';
import { workersBusy } from './fixtures/snapshots.ts';

const settings: CurrentSettings = { workload: 'cpu', mode: 'closed', load: 8, threads: 2, knobs: {} };

function row(model: ModelName, fields: Partial<ScoreboardRow> = {}, at: Partial<CurrentSettings> = {}) {
  return scoreboardRow(model, at.workload ?? 'cpu', { load: 8, threads: 2, knobs: {}, ...at }, fields);
}

const asyncRow = row('async', { throughput: 120, latencyP99: 850, lagP99: 312 });
const workersRow = row('workers', { throughput: 230, latencyP99: 41, lagP99: 0.8, coresUsed: 3.9 });

describe('which rows compare', () => {
  test("the current settings are those of the engine's current row", () => {
    const current = row('workers', { phase: 'measuring' }, { load: 1000, threads: 4, knobs: { size: 5 } });
    expect(
      currentSettings({ ...workersBusy, scoreboard: [{ ...asyncRow, phase: 'past' }, current] }),
    ).toEqual({
      workload: 'cpu',
      mode: 'closed',
      load: 1000,
      threads: 4,
      knobs: { size: 5 },
    });
  });

  test('with no current row, the current settings come from the snapshot', () => {
    const noneCurrent = workersBusy.scoreboard.map((entry) => ({ ...entry, phase: 'past' as const }));
    expect(currentSettings({ ...workersBusy, scoreboard: noneCurrent })).toEqual({
      workload: 'cpu',
      mode: 'closed',
      load: 8,
      threads: 4,
      knobs: { size: 200_000 },
    });
  });

  test('async compares at any pool size; workers only at the pool size running now', () => {
    expect(measuredAt(row('async', {}, { threads: 64 }), settings)).toBe(true);
    expect(measuredAt(row('workers', {}, { threads: 4 }), settings)).toBe(false);
    expect(measuredAt(row('workers', {}, { threads: 2 }), settings)).toBe(true);
  });

  test('a row at another load, workload or knob is an earlier configuration, never compared', () => {
    const atThousand = row('async', { throughput: 7_961 }, { load: 1000 });
    const otherWorkload = row('async', {}, { workload: 'io-timer' });
    const otherKnob = row('workers', {}, { knobs: { size: 5 } });
    const view = scoreboardView([otherWorkload, atThousand, workersRow, otherKnob], settings);
    // One entry per model of the table, only workers with a row at these settings.
    expect(view.entries).toEqual(
      modelNames().map((model) => ({ model, row: model === 'workers' ? workersRow : undefined })),
    );
    expect(view.comparisons).toEqual({});
    // The current workload's other settings first, then the other workloads.
    expect(view.earlier).toEqual([atThousand, otherKnob, otherWorkload]);
  });

  test('the higher throughput and the lower latency and lag win', () => {
    const { comparisons } = scoreboardView([asyncRow, workersRow], settings);
    expect(comparisons.throughput).toEqual({
      best: 'workers',
      others: [{ model: 'async', ratio: 230 / 120 }],
      clear: true,
    });
    expect(comparisons.latencyP99?.best).toBe('workers');
    expect(comparisons.lagP99?.best).toBe('workers');
  });

  test('a difference under 5 % is a tie', () => {
    const { comparisons } = scoreboardView(
      [row('async', { throughput: 100 }), row('workers', { throughput: 103 })],
      settings,
    );
    expect(comparisons.throughput?.clear).toBe(false);
  });

  test('latency is not compared while a row has finished nothing', () => {
    const { comparisons } = scoreboardView(
      [asyncRow, row('workers', { finished: 0, latencyP99: 0 })],
      settings,
    );
    expect(comparisons.latencyP99).toBeUndefined();
  });

  test('a settling row is shown but never compared', () => {
    const settling = row('workers', { phase: 'settling', settling: { tasksFromBefore: 3, forMs: 1200 } });
    const view = scoreboardView([asyncRow, settling], settings);
    expect(view.entries[1]).toEqual({ model: 'workers', row: settling, excluded: 'settling' });
    expect(view.comparisons).toEqual({});
  });

  test('a row whose tasks mostly fail is never compared, so never starred nor called faster', () => {
    const failing = row('async', { throughput: 5_279, finished: 10, failed: 31_214, failureRate: 1_000 });
    const view = scoreboardView([failing, workersRow], settings);
    expect(view.entries[0]?.excluded).toBe('most tasks failed');
    expect(view.comparisons.throughput).toBeUndefined();
    const verdict = scoreboardVerdict(view, 'async');
    expect(verdict.winner).toBeUndefined();
    expect(verdict.headline).toBe('async: most tasks failed, not compared');
  });

  test('every row is compared against the best, whatever the number of models', () => {
    const processes = row('processes' as ModelName, { throughput: 200 });
    const comparison = compareRows([asyncRow, workersRow, processes], 'throughput');
    expect(comparison?.best).toBe('workers');
    expect(comparison?.others).toEqual([
      { model: 'processes', ratio: 230 / 200 },
      { model: 'async', ratio: 230 / 120 },
    ]);
  });
});

describe('the verdict', () => {
  test('one subject per clause', () => {
    const verdict = scoreboardVerdict(
      scoreboardView(
        [
          row('async', { throughput: 120, latencyP99: 90, lagP99: 2 }),
          row('workers', { throughput: 100, latencyP99: 50, lagP99: 2.2 }),
        ],
        settings,
      ),
      'workers',
    );
    expect(verdict.headline).toBe("async 1.2× workers' throughput");
    expect(verdict.details).toEqual(['workers: latency p99 1.8× lower', 'async: lag p99 1.1× lower']);
  });

  test('with both models run, the headline is the best throughput as a ratio of the other', () => {
    const verdict = scoreboardVerdict(scoreboardView([asyncRow, workersRow], settings), 'workers');
    expect(verdict).toMatchObject({
      headline: "workers 1.9× async's throughput",
      winner: 'workers',
      versus: 'async',
      details: ['workers: latency p99 21× lower', 'workers: lag p99 under 1 ms'],
    });
  });

  test('with three models, the headline names each of the others', () => {
    const view: ScoreboardView = {
      ...scoreboardView([asyncRow, workersRow], settings),
      comparisons: {
        throughput: {
          best: 'workers',
          others: [
            { model: 'processes' as ModelName, ratio: 1.2 },
            { model: 'async', ratio: 1.9 },
          ],
          clear: true,
        },
      },
    };
    expect(scoreboardVerdict(view, 'workers').headline).toBe(
      "workers 1.2× processes' throughput, 1.9× async's",
    );
  });

  test('with one model run at these settings, it says which key runs the other', () => {
    const verdict = scoreboardVerdict(scoreboardView([asyncRow], settings), 'async');
    expect(verdict.headline).toBe('press w to run workers at these settings and compare');
  });

  test('a settling row says how many tasks from before still run, and for how long', () => {
    const settling = row('workers', { phase: 'settling', settling: { tasksFromBefore: 3, forMs: 1200 } });
    const verdict = scoreboardVerdict(scoreboardView([asyncRow, settling], settings), 'workers');
    expect(verdict.headline).toBe(
      'workers settling: 3 tasks from before still running, 1.2 s, not compared yet',
    );
  });

  test('when the running model has no row yet, it says results are coming', () => {
    expect(scoreboardVerdict(scoreboardView([], settings), 'workers').headline).toBe(
      'workers is starting: results appear as tasks finish',
    );
  });

  test('when one model finished nothing, the headline says only the other did', () => {
    const verdict = scoreboardVerdict(
      scoreboardView([row('async', { throughput: 0, finished: 0 }), workersRow], settings),
      'workers',
    );
    expect(verdict.headline).toBe('only workers finished tasks');
  });

  test('a row that has counted for a moment and finished nothing is no result yet: never 0/s against the other', () => {
    const view = scoreboardView(
      [row('async', { throughput: 0, finished: 0, activeMs: 300 }), workersRow],
      settings,
    );
    expect(view.entries.find((entry) => entry.model === 'async')?.excluded).toBe('no task finished yet');
    expect(scoreboardVerdict(view, 'async').headline).not.toMatch(/only workers/);
  });

  test('about equal throughput says so', () => {
    const verdict = scoreboardVerdict(
      scoreboardView([row('async', { throughput: 100 }), row('workers', { throughput: 102 })], settings),
      'async',
    );
    expect(verdict.headline).toBe('throughput about equal (within 5 %)');
    expect(verdict.winner).toBeUndefined();
  });
});

describe('settings in words', () => {
  test('the settings running now read as one line', () => {
    expect(
      settingsText({ workload: 'io-http', mode: 'closed', load: 1000, threads: 2, knobs: { latency: 50 } }),
    ).toBe('io-http · 1,000 in flight · 2 threads or processes · latency 50 ms');
    expect(settingsText({ ...settings, mode: 'open', load: 100, threads: 1 })).toBe(
      'cpu · 100/s arriving · 1 thread or process',
    );
  });

  test("a workload file's knobs read with their units, now and in its earlier rows", () => {
    const knobSpecs = [
      { name: 'limit', description: 'primes below', unit: 'numbers', default: 10, min: 1, max: 1e9 },
    ];
    const file = {
      workload: 'primes',
      mode: 'closed' as const,
      load: 8,
      threads: 2,
      knobs: { limit: 200_000 },
    };
    expect(settingsText({ ...file, knobSpecs })).toBe(
      'primes · 8 in flight · 2 threads or processes · limit 200,000 numbers',
    );
    const earlier = row('async', {}, { workload: 'primes', knobs: { limit: 100 } });
    expect(differenceText(earlier, { ...file, knobSpecs })).toBe('limit 100 numbers');
  });

  test('an earlier row names only what differs from now', () => {
    expect(differenceText(row('workers', {}, { load: 1000, threads: 4 }), settings)).toBe(
      '1,000 in flight · 4 worker threads',
    );
    expect(differenceText(row('async', {}, { workload: 'io-http', knobs: { latency: 50 } }), settings)).toBe(
      'io-http · latency 50 ms',
    );
  });
});
