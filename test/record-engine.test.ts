import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../source/engine/engine.ts';
import type { Snapshot } from '../source/engine/types.ts';
import { readRecording } from '../source/record/read-recording.ts';
import { RecordingHandle } from '../source/record/recording-handle.ts';
import { waitFor } from './helpers/wait-for.ts';

const engines: Engine[] = [];
afterEach(async () => {
  await Promise.all(engines.splice(0).map((engine) => engine.stop()));
});

const directory = () => mkdtempSync(path.join(tmpdir(), 'concur-tui-record-'));

describe('recording a real engine', () => {
  it('reads back what the engine published: every scoreboard row, the switch as a marker and as an action', async () => {
    const engine = new Engine({ workload: 'io-timer', knobs: { latency: 5 }, concurrency: 20, threads: 1 });
    engines.push(engine);
    const file = path.join(directory(), 'run.ndjson');
    const handle = new RecordingHandle(engine, { file, version: '0.0.0-test' });
    const published: Snapshot[] = [];
    engine.subscribe((snapshot) => published.push(snapshot));
    await engine.start();
    // About three seconds of windows, the model switched half-way, as a user would with a key.
    await waitFor(() => published.length >= 6, { what: 'six windows on async' });
    handle.dispatch({ type: 'switchModel', model: 'workers' });
    await waitFor(() => published.length >= 12, { what: 'six windows on workers' });
    await handle.close();
    await engine.stop();

    const recording = await readRecording(file);
    expect(recording.truncated).toBeUndefined();
    expect(recording.header).toMatchObject({
      kind: 'concur-tui recording',
      schema: 1,
      version: '0.0.0-test',
    });
    expect(recording.header.machine).toEqual(published[0]?.machine);
    const byAt = new Map(published.map((snapshot) => [snapshot.at, snapshot]));
    expect(recording.frames.length).toBeGreaterThanOrEqual(12);
    for (const frame of recording.frames) {
      const original = byAt.get(frame.at);
      expect(original, `a frame at ${frame.at} the engine published`).toBeDefined();
      // Every number the scoreboard shows, as published.
      expect(frame.scoreboard).toEqual(original?.scoreboard);
      expect(frame.history).toEqual(original?.history);
      expect(frame.events).toEqual(original?.events);
      const { recent, ...tasks } = frame.tasks;
      const { recent: publishedRecent = [], ...publishedTasks } = original?.tasks ?? {};
      expect(tasks).toEqual(publishedTasks);
      // The task table's rows, their times to the microsecond (the file writes them relative to the window).
      expect(recent.map((task) => [task.id, task.state, task.model])).toEqual(
        publishedRecent.map((task) => [task.id, task.state, task.model]),
      );
      recent.forEach((task, index) => {
        const published = publishedRecent[index];
        for (const field of ['submittedAt', 'startedAt', 'endedAt'] as const) {
          if (published?.[field] === undefined) expect(task[field]).toBeUndefined();
          else expect(Math.abs((task[field] as number) - published[field])).toBeLessThan(0.002);
        }
      });
      expect(frame.eventLoop).toEqual(original?.eventLoop);
    }
    const last = recording.frames.at(-1) as Snapshot;
    expect(last.scoreboard.map((row) => row.model).sort()).toEqual(['async', 'workers']);
    expect(recording.markers.map((marker) => marker.event)).toContainEqual(
      expect.objectContaining({ kind: 'switch', from: 'async', to: 'workers' }),
    );
    expect(recording.actions.map((entry) => entry.action)).toEqual([
      { type: 'switchModel', model: 'workers' },
    ]);
  });

  it('starts and stops with the key while running, each time in a new file in the working directory', async () => {
    const engine = new Engine({ workload: 'io-timer', knobs: { latency: 5 }, concurrency: 4, threads: 1 });
    engines.push(engine);
    const folder = directory();
    const handle = new RecordingHandle(engine, {
      directory: folder,
      date: () => new Date(2026, 11, 2, 1, 15, 20),
    });
    const published: Snapshot[] = [];
    engine.subscribe((snapshot) => published.push(snapshot));
    await engine.start();
    const notice = () => handle.latest()?.notice?.message;
    expect(handle.toggle()).toBe('recording started');
    // The footer's notice names the file: the notice rides on the snapshots the dashboard draws.
    expect(notice()).toMatch(/^recording to .*concur-tui-2026-12-02-011520\.ndjson \(s stops\)$/);
    const file = handle.writer?.file as string;
    expect(path.dirname(file)).toBe(folder);
    await waitFor(() => published.length >= 3, { what: 'three windows' });
    expect(handle.toggle()).toBe('recording stopped');
    expect(notice()).toMatch(/^recording saved: .*concur-tui-2026-12-02-011520\.ndjson \(\d+ (B|KB)\)$/);
    expect(handle.toggle()).toBe('recording started');
    expect(notice()).toMatch(/concur-tui-2026-12-02-011520-2\.ndjson/);
    await handle.close();
    await engine.stop();
    const recording = await readRecording(file);
    expect(recording.frames.length).toBeGreaterThanOrEqual(3);
  });
});
