import { afterEach, describe, expect, it } from 'vitest';
import { describeModel } from '../source/bench/describe-config.ts';
import { parseCommandLine, UsageError } from '../source/cli/parse-args.ts';
import { Engine } from '../source/engine/engine.ts';
import { configKeyOf, loadKeyOf } from '../source/engine/run-config.ts';
import type { RunConfig, Snapshot } from '../source/engine/types.ts';
import { scoreboardView } from '../source/ui/scoreboard-model.ts';
import { currentSettings } from '../source/ui/scoreboard-settings.ts';
import { differenceText } from '../source/ui/scoreboard-words.ts';
import { threadingSummary } from '../source/ui/threading-words.ts';
import { waitFor } from './helpers/wait-for.ts';

const workers: RunConfig = {
  workload: 'cpu',
  model: 'workers',
  mode: 'closed',
  load: 8,
  threads: 2,
  knobs: {},
};

/** The workers row the scoreboard compares at the snapshot's settings. */
function comparedWorkersRow(snapshot: Snapshot) {
  const view = scoreboardView(snapshot.scoreboard, currentSettings(snapshot));
  return view.entries.find((entry) => entry.model === 'workers')?.row;
}

function currentRow(snapshot: Snapshot) {
  return snapshot.scoreboard.find((row) => row.phase !== 'past');
}

describe('the GIL and tasks per thread in a configuration', () => {
  it('are part of the row key but not of the load key, so rows with and without still compare', () => {
    const keys = [
      workers,
      { ...workers, gil: true },
      { ...workers, tasksPerWorker: 100 },
      { ...workers, gil: true, tasksPerWorker: 100 },
    ].map(configKeyOf);
    expect(new Set(keys).size).toBe(4);
    expect(loadKeyOf({ ...workers, gil: true, tasksPerWorker: 100 })).toBe(loadKeyOf(workers));
    expect(describeModel({ ...workers, gil: true, tasksPerWorker: 100 })).toBe(
      'workers (2 threads, GIL, 100 tasks each)',
    );
  });

  it('come from --gil and --tasks-per-worker, for the dashboard and bench', () => {
    expect(parseCommandLine([])).toMatchObject({ gil: false, tasksPerWorker: 1 });
    expect(parseCommandLine(['bench', '--gil', '--tasks-per-worker', '50'])).toMatchObject({
      command: 'bench',
      gil: true,
      tasksPerWorker: 50,
    });
    expect(() => parseCommandLine(['--tasks-per-worker', '0'])).toThrow(UsageError);
    expect(() => parseCommandLine(['--tasks-per-worker', '2.5'])).toThrow(UsageError);
  });
});

describe('the g key on a running engine', () => {
  let engine: Engine | undefined;

  afterEach(async () => {
    await engine?.stop();
    engine = undefined;
  });

  it('starts a new scoreboard row each time, marks the charts and says so in the header', async () => {
    const running = new Engine({
      workload: 'io-timer',
      knobs: { latency: 1 },
      model: 'workers',
      threads: 1,
      concurrency: 4,
    });
    engine = running;
    await running.start();
    const first = currentRow(running.snapshotNow());
    expect(first?.config.gil).toBeUndefined();
    expect(threadingSummary(running.snapshotNow())).toBeUndefined();

    running.dispatch({ type: 'toggleGil' });
    const on = running.snapshotNow();
    expect(currentRow(on)?.config.gil).toBe(true);
    expect(currentRow(on)?.key).not.toBe(first?.key);
    expect(on.events.at(-1)).toMatchObject({ kind: 'gil', to: 'on' });
    expect(threadingSummary(on)).toBe('Python-style threads, one runs at a time (GIL)');
    await waitFor(() => (currentRow(running.snapshotNow())?.finished ?? 0) > 0, {
      what: 'tasks done under the GIL',
    });

    running.dispatch({ type: 'toggleGil' });
    const off = running.snapshotNow();
    // Back to the first configuration: its row again.
    expect(currentRow(off)?.key).toBe(first?.key);
    expect(off.scoreboard.filter((row) => row.config.gil)).toHaveLength(1);
    // The scoreboard compares the row of the pool as it runs now, never the other one.
    expect(comparedWorkersRow(off)?.key).toBe(first?.key);
    // The earlier GIL row says what set it apart.
    const earlier = scoreboardView(off.scoreboard, currentSettings(off)).earlier;
    expect(earlier.map((row) => differenceText(row, currentSettings(off)))).toContain('GIL');
    running.dispatch({ type: 'toggleGil' });
    expect(comparedWorkersRow(running.snapshotNow())?.config.gil).toBe(true);
  });

  it('is no new configuration on async, which never uses the pool, but applies when workers come', async () => {
    const running = new Engine({
      workload: 'io-timer',
      knobs: { latency: 1 },
      model: 'async',
      concurrency: 4,
    });
    engine = running;
    await running.start();
    const asyncKey = currentRow(running.snapshotNow())?.key;
    running.dispatch({ type: 'toggleGil' });
    expect(currentRow(running.snapshotNow())?.key).toBe(asyncKey);
    running.dispatch({ type: 'switchModel', model: 'workers' });
    expect(currentRow(running.snapshotNow())?.config).toMatchObject({ model: 'workers', gil: true });
    running.dispatch({ type: 'switchModel', model: 'async' });
    // On async, the workers row to compare with is the one with the GIL as it is set now.
    expect(comparedWorkersRow(running.snapshotNow())?.config.gil).toBe(true);
  });

  it('keeps tasks per thread in the configuration of the workers rows only', async () => {
    const running = new Engine({
      workload: 'io-timer',
      knobs: { latency: 1 },
      model: 'workers',
      tasksPerWorker: 8,
    });
    engine = running;
    await running.start();
    expect(currentRow(running.snapshotNow())?.config.tasksPerWorker).toBe(8);
    running.dispatch({ type: 'switchModel', model: 'async' });
    expect(currentRow(running.snapshotNow())?.config.tasksPerWorker).toBeUndefined();
  });
});
