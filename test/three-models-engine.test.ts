import { afterEach, describe, expect, it } from 'vitest';
import { describeSettings } from '../source/bench/describe-config.ts';
import { parseCommandLine, UsageError } from '../source/cli/parse-args.ts';
import { Engine } from '../source/engine/engine.ts';
import { loadKeyOf } from '../source/engine/run-config.ts';
import type { ModelName, RunConfig, Snapshot } from '../source/engine/types.ts';
import { scoreboardView } from '../source/ui/scoreboard-model.ts';
import { currentSettings } from '../source/ui/scoreboard-settings.ts';
import { settingsText } from '../source/ui/scoreboard-words.ts';
import { waitFor } from './helpers/wait-for.ts';

const processes: RunConfig = {
  workload: 'io-timer',
  model: 'processes',
  mode: 'closed',
  load: 4,
  threads: 2,
  knobs: { latency: 5 },
};

/** The row the scoreboard compares for `model` at the snapshot's settings. */
function comparedRow(snapshot: Snapshot, model: ModelName) {
  const view = scoreboardView(snapshot.scoreboard, currentSettings(snapshot));
  return view.entries.find((entry) => entry.model === model)?.row;
}

describe('the payload in a configuration', () => {
  it('is part of the load key, so rows compare only at the same payload, and is said in words', () => {
    expect(loadKeyOf({ ...processes, payloadKb: 100 })).not.toBe(loadKeyOf(processes));
    expect(loadKeyOf({ ...processes, payloadKb: 100 })).toBe(loadKeyOf({ ...processes, payloadKb: 100 }));
    expect(describeSettings({ ...processes, payloadKb: 100 })).toContain('payload 100 KB');
    expect(settingsText({ ...processes, threads: 2, payloadKb: 1024 })).toContain('payload 1,024 KB');
  });

  it('comes from --payload, within 0 … 4096 KB', () => {
    expect(parseCommandLine([])).toMatchObject({ payloadKb: 0 });
    expect(parseCommandLine(['bench', '--payload', '100'])).toMatchObject({
      command: 'bench',
      payloadKb: 100,
    });
    expect(() => parseCommandLine(['--payload', '-1'])).toThrow(UsageError);
    expect(() => parseCommandLine(['--payload', '5000'])).toThrow(UsageError);
  });
});

describe('three models on one running engine', () => {
  let engine: Engine | undefined;

  afterEach(async () => {
    await engine?.stop();
    engine = undefined;
  });

  it('shows a task computing in a child process as running while it runs, not as queued', async () => {
    // Tasks of about a third of a second that never yield: the child can send nothing while one runs.
    engine = new Engine({
      workload: 'cpu',
      knobs: { size: 300_000 },
      model: 'processes',
      concurrency: 4,
      threads: 2,
      sampleIntervalMs: 50,
    });
    await engine.start();
    const running = engine;
    await waitFor(
      () => {
        const { counts } = running.snapshotNow().tasks;
        return counts.running === 2 && counts.queued === 2;
      },
      { timeoutMs: 20_000, what: 'two tasks running on the two processes, two waiting' },
    );
  }, 30_000);

  it('runs every model with a payload, keeps a row per model, and compares them at the same settings', async () => {
    engine = new Engine({
      workload: 'io-timer',
      knobs: { latency: 5 },
      concurrency: 4,
      threads: 2,
      payloadKb: 64,
      gil: true,
      sampleIntervalMs: 100,
    });
    await engine.start();
    for (const model of ['workers', 'processes', 'async'] as const) {
      engine.dispatch({ type: 'switchModel', model });
      const current = engine;
      await waitFor(
        () => {
          const row = current.snapshotNow().scoreboard.find((candidate) => candidate.phase !== 'past');
          return row?.model === model && row.phase === 'measuring' && row.finished >= 5;
        },
        { timeoutMs: 20_000 },
      );
    }
    const snapshot = engine.snapshotNow();
    expect(snapshot.payloadKb).toBe(64);
    expect(snapshot.tasks.counts.failed).toBe(0);
    const rows = new Map(snapshot.scoreboard.map((row) => [row.model, row]));
    expect([...rows.keys()].sort()).toEqual(['async', 'processes', 'workers']);
    for (const row of rows.values()) expect(row.config.payloadKb).toBe(64);
    expect(rows.get('workers')?.config.gil).toBe(true);
    expect(rows.get('processes')?.config.gil).toBeUndefined();
    // With the GIL on, the processes row still compares: it is measured at the settings running now.
    for (const model of ['async', 'workers', 'processes'] as const) {
      expect(comparedRow(snapshot, model)?.model).toBe(model);
    }
  }, 60_000);
});
