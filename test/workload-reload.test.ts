// Reloading a workload file in a running engine: new tasks run the new version in each model, started tasks
// finish on the old one, the scoreboard starts new rows, and a broken save keeps the last good version.
import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../source/engine/engine.ts';
import type { ModelName, Snapshot } from '../source/engine/types.ts';
import { markerOf } from '../source/ui/chart-markers.ts';
import { scoreboardView } from '../source/ui/scoreboard-model.ts';
import { currentSettings } from '../source/ui/scoreboard-settings.ts';
import { differenceText } from '../source/ui/scoreboard-words.ts';
import { VersionedWorkload } from './helpers/versioned-workload.ts';
import { waitFor } from './helpers/wait-for.ts';

let engine: Engine | undefined;
let file: VersionedWorkload | undefined;

afterEach(async () => {
  file?.open();
  await engine?.stop();
  file?.remove();
  engine = undefined;
  file = undefined;
});

async function startOn(model: ModelName, workload: VersionedWorkload): Promise<Engine> {
  engine = new Engine({
    workload: workload.url,
    workloadFiles: [{ url: workload.url, workload: await workload.workload() }],
    model,
    concurrency: 2,
    threads: 2,
    sampleIntervalMs: 60_000,
  });
  await engine.start();
  return engine;
}

function currentRow(snapshot: Snapshot) {
  const row = snapshot.scoreboard.find((entry) => entry.phase !== 'past');
  if (!row) throw new Error('no current row');
  return row;
}

describe.each(['async', 'workers', 'processes'] as const)('a reload on %s', (model) => {
  it('runs new tasks on the new version while the tasks started before finish on the old', async () => {
    file = new VersionedWorkload();
    const workload = file;
    const running = await startOn(model, workload);
    await waitFor(() => workload.lines().length >= 2, { what: 'two v1 tasks started', timeoutMs: 20_000 });
    const before = workload.lines().map((line) => line.id);
    expect(workload.lines().every((line) => line.version === 1)).toBe(true);

    workload.save(2);
    running.dispatch({ type: 'reloadWorkload', url: workload.url });
    await running.settled();
    workload.open();
    const ended = () => workload.lines().filter((line) => line.at === 'end');
    await waitFor(() => ended().length >= 8 && before.every((id) => ended().some((line) => line.id === id)), {
      what: 'the tasks from before, and tasks after the reload, to end',
      timeoutMs: 20_000,
    });

    const lines = workload.lines();
    for (const id of before) {
      expect(lines.filter((line) => line.id === id).map((line) => line.version)).toEqual([1, 1]);
    }
    const after = lines.filter((line) => !before.includes(line.id));
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((line) => line.version === 2)).toBe(true);

    const snapshot = running.snapshotNow();
    expect(currentRow(snapshot).config.codeVersion).toBe(2);
    // The file as started keys as before (no version); each reload's rows carry theirs.
    const old = snapshot.scoreboard.filter((row) => row.config.codeVersion === undefined);
    expect(old.length).toBe(1);
    expect(old.every((row) => row.phase === 'past' && row.key !== currentRow(snapshot).key)).toBe(true);
    const reload = snapshot.events.find((event) => event.kind === 'reload');
    expect(reload).toMatchObject({ kind: 'reload', file: 'task.mjs', version: 2 });
    expect(reload && markerOf(reload).label).toBe('reloaded v2');
    expect(snapshot.notice?.message).toBe('reloaded task.mjs (v2)');
  }, 60_000);
});

describe('a broken save', () => {
  it('keeps the last good version running and names the file in the notice', async () => {
    file = new VersionedWorkload();
    const workload = file;
    workload.open();
    const running = await startOn('async', workload);
    // The model imports the file with its first task: only then may a save replace it.
    await waitFor(() => workload.lines().length > 0, { what: 'v1 loaded' });
    workload.saveBroken();
    running.dispatch({ type: 'reloadWorkload', url: workload.url });
    await running.settled();
    const notice = running.snapshotNow().notice;
    expect(notice?.level).toBe('error');
    expect(notice?.message).toContain('task.mjs');
    expect(notice?.message).toContain('v1 runs on');
    const seen = workload.lines().length;
    await waitFor(() => workload.lines().length > seen + 10, { what: 'tasks after the broken save' });
    expect(workload.lines().every((line) => line.version === 1)).toBe(true);
    expect(currentRow(running.snapshotNow()).config.codeVersion).toBeUndefined();
    expect(running.snapshotNow().events.some((event) => event.kind === 'reload')).toBe(false);

    // Fixed: the next save loads, as version 2 (versions count good saves).
    workload.save(3);
    running.dispatch({ type: 'reloadWorkload' });
    await running.settled();
    expect(running.snapshotNow().notice?.message).toBe('reloaded task.mjs (v2)');
    const fixed = workload.lines().length;
    await waitFor(() => workload.lines().length > fixed + 10, { what: 'tasks after the fix' });
    expect(
      workload
        .lines()
        .slice(fixed + 4)
        .every((line) => line.version === 3),
    ).toBe(true);
  }, 30_000);

  it('keeps the old version when an override is out of the new range, and drops a knob that went', async () => {
    file = new VersionedWorkload();
    const workload = file;
    workload.open();
    engine = new Engine({
      workload: workload.url,
      workloadFiles: [{ url: workload.url, workload: await workload.workload() }],
      knobs: { wait: 8 },
      concurrency: 2,
      sampleIntervalMs: 60_000,
    });
    const running = engine;
    await running.start();
    workload.save(2, '[{ name: "wait", min: 0, max: 5, default: 1, unit: "ms" }]');
    running.dispatch({ type: 'reloadWorkload' });
    await running.settled();
    expect(running.snapshotNow().notice?.message).toMatch(
      /task\.mjs not reloaded, v1 runs on: .*between 0 and 5/,
    );
    expect(running.snapshotNow().workload.knobs).toEqual({ wait: 8 });

    workload.save(3, '[]');
    running.dispatch({ type: 'reloadWorkload' });
    await running.settled();
    const snapshot = running.snapshotNow();
    expect(snapshot.notice?.message).toBe('reloaded task.mjs (v2)');
    expect(snapshot.workload.knobs).toEqual({});
    expect(currentRow(snapshot).config).toMatchObject({ codeVersion: 2, knobs: {} });
  }, 30_000);

  it('never finishing its import within the bound keeps the old version', async () => {
    file = new VersionedWorkload();
    const workload = file;
    workload.open();
    const running = await startOn('async', workload);
    await waitFor(() => workload.lines().length > 0, { what: 'v1 loaded' });
    writeFileSync(workload.path, 'await new Promise(() => {});\nexport default {};\n');
    running.dispatch({ type: 'reloadWorkload' });
    // The engine's bound is 10 s; the reload is queued, so nothing else waits on it meanwhile.
    await running.settled();
    expect(running.snapshotNow().notice?.message).toMatch(/task\.mjs not reloaded, v1 runs on: .*within/);
  }, 30_000);
});

describe('rows of two versions on screen', () => {
  it('compares only the current version and names the earlier one by its version', async () => {
    file = new VersionedWorkload();
    const workload = file;
    workload.open();
    const running = await startOn('async', workload);
    await waitFor(() => workload.lines().length > 20, { what: 'v1 tasks' });
    workload.save(2);
    running.dispatch({ type: 'reloadWorkload' });
    await running.settled();
    await waitFor(() => currentRow(running.snapshotNow()).phase === 'measuring', { what: 'v2 measuring' });
    const snapshot = running.snapshotNow();
    const settings = currentSettings(snapshot);
    const view = scoreboardView(snapshot.scoreboard, settings);
    expect(view.entries.find((entry) => entry.model === 'async')?.row?.config.codeVersion).toBe(2);
    expect(view.earlier.map((row) => differenceText(row, settings))).toEqual(['v1']);
  }, 30_000);
});
