// A recorded run's report: the scoreboard the run ended with, the same numbers as the scoreboard printed on quit,
// and charts over the whole run with the switches marked, each model's line broken where the other ran.

import { XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../source/engine/engine.ts';
import type { Snapshot } from '../source/engine/types.ts';
import {
  markerLabel,
  type RecordedRun,
  recordingReport,
  windowPoints,
} from '../source/report/recording-report.ts';
import { expectReportedRows } from './helpers/report-rows.ts';
import { waitFor } from './helpers/wait-for.ts';

let run: RecordedRun;
const engine = new Engine({
  workload: 'cpu',
  knobs: { size: 2000 },
  model: 'async',
  concurrency: 4,
  threads: 2,
  sampleIntervalMs: 100,
});

beforeAll(async () => {
  const frames: Snapshot[] = [];
  engine.subscribe((snapshot) => frames.push(snapshot));
  // Each configuration runs until its row has counted a while: on a busy machine the pool's threads can take
  // longer than a fixed pause to start, and a row that has not counted is not compared.
  const counted = (model: string, load: number) =>
    waitFor(
      () =>
        frames
          .at(-1)
          ?.scoreboard.some(
            (row) =>
              row.config.model === model &&
              row.config.load === load &&
              row.activeMs >= 1000 &&
              row.finished > 0,
          ) ?? false,
      { timeoutMs: 15_000, what: `${model} at ${load} in flight to count for a second` },
    );
  await engine.start();
  await counted('async', 4);
  engine.dispatch({ type: 'switchModel', model: 'workers' });
  await counted('workers', 4);
  engine.dispatch({ type: 'setConcurrency', concurrency: 8 });
  await counted('workers', 8);
  const last = frames.at(-1) as Snapshot;
  run = {
    name: '/tmp/run.ndjson',
    header: { startedAt: last.startedAt, recordedAt: '2026-12-02T02:00:00.000Z', machine: last.machine },
    frames,
    markers: last.events.map((event) => ({ at: event.at, event })),
  };
}, 60_000);

afterAll(() => engine.stop());

describe('the report of a recorded run', () => {
  it('holds the scoreboard the run ended with: a table per settings, the numbers as printed on quit', () => {
    const { markdown } = recordingReport(run, 'talk.md');
    const last = run.frames.at(-1) as Snapshot;
    const loads = new Set(last.scoreboard.map((row) => row.loadKey));
    expect(loads.size).toBe(2);
    expect(markdown.match(/^### cpu .* · concurrency \d+$/gm)).toHaveLength(2);
    expectReportedRows(markdown, last.scoreboard);
    // The wording follows the measured numbers: a ratio, or a tie when they are within 5 %.
    expect(markdown).toMatch(
      /workers \(2 threads\) vs async: throughput ([\d.]+× (higher|lower)|about the same)/,
    );
    expect(markdown).toMatch(/: [\d.]+ s, \d+ windows, 1 model switch\.$/m);
  });

  it("leaves out of the charts a snapshot taken between windows (quit's), whose few milliseconds read no tasks", () => {
    const last = run.frames.at(-1) as Snapshot;
    const point = last.history.at(-1);
    if (!point) throw new Error('the run has no history');
    const atQuit: Snapshot = {
      ...last,
      at: last.at + 8,
      windowMs: 8,
      history: [...last.history, { ...point, at: point.at + 8, throughput: 0 }],
    };
    const charted = windowPoints([...run.frames, atQuit]);
    expect(charted).toEqual(windowPoints(run.frames));
    expect(charted.at(-1)?.throughput).toBeGreaterThan(0);
    // Every whole window is charted: one point per frame that gained one.
    expect(charted.length).toBeGreaterThanOrEqual(run.frames.length - 2);
  });

  it('charts the whole run in valid SVG with the switch and the load change marked', () => {
    const { charts, markdown } = recordingReport(run, 'talk.md');
    expect(charts.map((chart) => chart.name)).toEqual([
      'talk-lag.svg',
      'talk-throughput.svg',
      'talk-cpu.svg',
    ]);
    for (const chart of charts) {
      expect(XMLValidator.validate(chart.content), chart.name).toBe(true);
      expect(chart.content).toContain('→ workers');
      expect(markdown).toContain(`](${chart.name})`);
    }
    // A path per stretch of a model: async until the switch, workers after it.
    const lag = charts[0]?.content ?? '';
    expect((lag.match(/<path /g) ?? []).length).toBeGreaterThanOrEqual(2);
    expect(lag).toMatch(/stroke="#a0308f"/);
    expect(lag).toMatch(/stroke="#11808f"/);
  });

  it('names every kind of change it marks in a word or two', () => {
    expect(markerLabel({ at: 0, kind: 'switch', from: 'async', to: 'processes' })).toBe('→ processes');
    expect(markerLabel({ at: 0, kind: 'load', mode: 'closed', from: 8, to: 1000 })).toBe('1,000 in flight');
    expect(markerLabel({ at: 0, kind: 'load', mode: 'open', from: 8, to: 50 })).toBe('50/s');
    expect(markerLabel({ at: 0, kind: 'gil', to: 'on' })).toBe('GIL on');
    expect(markerLabel({ at: 0, kind: 'pause' })).toBeUndefined();
  });

  it('says when the file was cut off', () => {
    const { markdown } = recordingReport({ ...run, truncated: { line: 42, endsAt: 0 } }, 'talk.md');
    expect(markdown).toContain('The file was cut off at line 42');
  });
});
