import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, test } from 'vitest';
import type { InspectedTask, Snapshot, TaskRecord } from '../source/engine/types.ts';
import { formatMs } from '../source/ui/format.ts';
import { layoutFor } from '../source/ui/layout.ts';
import { Screen } from '../source/ui/screen.tsx';
import { bucketOf, histogramLines } from '../source/ui/task-detail/histogram-lines.ts';
import { taskDetailLines } from '../source/ui/task-detail/task-detail-lines.ts';
import { taskTimeline } from '../source/ui/task-detail/task-timeline.ts';
import { ThemeContext } from '../source/ui/theme-context.ts';
import { at } from './fixtures/snapshots.ts';
import { doneTask, failedTask, histograms, runningTask, withInspected } from './fixtures/task-detail.ts';
import { seededRandom } from './helpers/seeded-random.ts';

afterEach(cleanup);

const sizes = [
  { columns: 80, rows: 24 },
  { columns: 120, rows: 40 },
] as const;

/** The whole screen with the detail open on `id`, as a person reads it with colour off. */
function screen(snapshot: Snapshot, id: number, size: { columns: number; rows: number }): string[] {
  const view = { helpOpen: false, helpScroll: 0, selectedTask: id, detailOpen: true };
  const { lastFrame } = render(
    <ThemeContext value={{ color: false }}>
      <Screen snapshot={snapshot} layout={layoutFor(size)} size={size} view={view} workloadCount={5} />
    </ThemeContext>,
  );
  return (lastFrame() ?? '').split('\n');
}

/** The value after a fact's label, up to its note: `run        88 ms  start → end` → `88 ms`. */
function fact(lines: readonly string[], label: string): string | undefined {
  // The legend under the timeline names `awaiting` too: the facts come after it.
  for (const line of lines.filter((candidate) => !candidate.includes('1 cell ≈'))) {
    // A fact starts its line or its column, after the padding of the one before.
    const match = new RegExp(`(^|  )${label.padEnd(11)}`).exec(line);
    if (!match) continue;
    return line
      .slice(match.index + match[0].length)
      .split('  ')[0]
      ?.trim();
  }
  return undefined;
}

/** The timeline bar: the line under the title. */
function bar(lines: readonly string[]): string {
  const title = lines.findIndex((line) => line.includes(' TASK #'));
  return lines[title + 1] ?? '';
}

describe.each(sizes)('the task detail at $columns×$rows', (size) => {
  test('fits below the terminal, every line within its width', () => {
    for (const task of [doneTask, failedTask, runningTask]) {
      const lines = screen(withInspected(task), task.record.id, size);
      expect(lines.length).toBeLessThan(size.rows);
      for (const line of lines) expect(line.length, line).toBeLessThan(size.columns);
    }
  });

  test('a done task: its wait, run, time on its thread against awaiting, slices, thread and latency', () => {
    const { record } = doneTask;
    const lines = screen(withInspected(doneTask), record.id, size);
    const started = record.startedAt as number;
    const ended = record.endedAt as number;
    expect(lines.join('\n')).toContain(`TASK #${record.id}`);
    expect(fact(lines, 'wait')).toBe(formatMs(started - record.submittedAt));
    expect(fact(lines, 'run')).toBe(formatMs(ended - started));
    expect(fact(lines, 'on thread')).toContain(formatMs(record.sliceMs as number));
    expect(fact(lines, 'awaiting')).toBe(formatMs(ended - started - (record.sliceMs as number)));
    expect(fact(lines, 'slices')).toBe(String(record.slices));
    expect(lines.join('\n')).toContain(`longest ${formatMs(record.longestSliceMs as number)}`);
    expect(fact(lines, 'thread')).toBe('main (the event loop)');
    expect(fact(lines, 'latency')).toBe(formatMs(ended - record.submittedAt));
  });

  test("the timeline runs from submit to end: the queue, then the task's slices told apart by the awaits", () => {
    const { record } = doneTask;
    const line = bar(screen(withInspected(doneTask), record.id, size));
    const width = size.columns - 1;
    expect(line).toHaveLength(width);
    const span = (record.endedAt as number) - record.submittedAt;
    const queued = /^\.+/.exec(line)?.[0].length ?? 0;
    // The queue's share of the bar is the wait's share of the latency, to a cell.
    const waitShare = ((record.startedAt as number) - record.submittedAt) / span;
    expect(Math.abs(queued - waitShare * width)).toBeLessThanOrEqual(1);
    // Four slices, alternating in their marks, with awaits between.
    const slices = line.match(/#+|%+/g) ?? [];
    expect(slices).toHaveLength(doneTask.slices.length);
    expect(line.slice(queued)).toMatch(/^#+-+%+-+#+-+%+$/);
  });

  test('a failed task shows its error', () => {
    const lines = screen(withInspected(failedTask), failedTask.record.id, size);
    const text = lines.join('\n');
    expect(text).toContain('failed');
    expect(text).toContain(failedTask.record.error);
  });

  test('a running task counts its times so far, up to now, from the slices seen', () => {
    const { record } = runningTask;
    const lines = screen(withInspected(runningTask), record.id, size);
    expect(fact(lines, 'run')).toBe(`${formatMs(at - (record.startedAt as number))} so far`);
    const seen = runningTask.slices.reduce((sum, slice) => sum + slice.lengthMs, 0);
    expect(fact(lines, 'on thread')).toContain(formatMs(seen));
    expect(fact(lines, 'slices')).toBe(String(runningTask.slices.length));
    expect(lines.join('\n')).toContain(`now ${formatMs(at - record.submittedAt)}`);
    expect(fact(lines, 'latency')).toBeUndefined();
  });

  test('both histograms are drawn, each with its count', () => {
    const text = screen(withInspected(doneTask), doneTask.record.id, size).join('\n');
    const total = (counts: number[]) => counts.reduce((sum, count) => sum + count, 0).toLocaleString('en-US');
    expect(text).toMatch(new RegExp(`slice lengths · ${total(histograms.sliceMs.counts)}`));
    expect(text).toMatch(new RegExp(`task latency · ${total(histograms.latencyMs.counts)}`));
  });
});

test('the slices are listed one by one on a tall screen only', () => {
  const tall = screen(withInspected(doneTask), doneTask.record.id, { columns: 120, rows: 40 }).join('\n');
  const short = screen(withInspected(doneTask), doneTask.record.id, { columns: 80, rows: 24 }).join('\n');
  expect(tall).toContain('slices in the log');
  for (const slice of doneTask.slices) expect(tall).toContain(`ran ${formatMs(slice.lengthMs)}`);
  expect(short).not.toContain('slices in the log');
});

test('at any size, down to a cramped terminal, the lines fit their room', () => {
  const random = seededRandom(14);
  for (let trial = 0; trial < 300; trial++) {
    const width = 10 + Math.floor(random() * 200);
    const height = Math.floor(random() * 60);
    const task = [doneTask, failedTask, runningTask][trial % 3] as InspectedTask;
    const lines = taskDetailLines({
      id: task.record.id,
      inspected: task,
      histograms: random() < 0.5 ? histograms : undefined,
      recording: random() < 0.5,
      workload: 'cpu',
      at,
      names: new Map(),
      width,
      height,
      colorOn: random() < 0.5,
    });
    const where = `${width}×${height}`;
    expect(lines.length, where).toBeLessThanOrEqual(height);
    for (const line of lines) {
      const cells = line.reduce((sum, span) => sum + span.text.length, 0);
      expect(cells, `${where}: ${line.map((span) => span.text).join('')}`).toBeLessThanOrEqual(width);
    }
  }
});

describe('what the detail does not know reads as unknown, never as 0', () => {
  const base = {
    histograms: undefined,
    recording: false,
    workload: 'cpu',
    at,
    names: new Map<number, string>(),
    width: 79,
    height: 19,
    colorOn: false,
  };
  const text = (lines: { text: string }[][]) => lines.map((line) => line.map((span) => span.text).join(''));

  test('with slices not recorded, time on its thread, awaiting and slices are "—"', () => {
    const record: TaskRecord = { ...doneTask.record };
    delete record.slices;
    delete record.sliceMs;
    delete record.longestSliceMs;
    const lines = text(taskDetailLines({ ...base, id: record.id, inspected: { record, slices: [] } }));
    expect(fact(lines, 'on thread')).toBe('— (slices not recorded)');
    expect(fact(lines, 'awaiting')).toBe('—');
    expect(fact(lines, 'slices')).toBe('—');
    expect(lines.join('\n')).toContain('slices are not recorded');
    // The run is still known, so the timeline says the slices are unknown rather than drawing awaits.
    expect(lines[1]).toMatch(/^\.+~+$/);
  });

  test('a task the engine no longer holds is said to be gone', () => {
    const lines = text(taskDetailLines({ ...base, id: 77, inspected: undefined }));
    expect(lines.join(' ')).toContain("Task #77 is no longer in the engine's records");
    expect(lines.join(' ')).not.toMatch(/\b0 ms\b/);
  });

  test('a task the engine dropped is drawn as the table last showed it, and says so, not as running until now', () => {
    // Seen running at `at`; the detail is drawn 5 s later.
    const inspected: InspectedTask = { ...runningTask, lastSeenAt: at };
    const later = { ...base, at: at + 5000, id: runningTask.record.id };
    const lines = text(taskDetailLines({ ...later, inspected }));
    expect(lines.join(' ')).toContain('as the table showed it 5.0 s ago');
    expect(lines.join(' ')).toContain('dropped its record');
    // Its run so far counts to when it was seen (60 ms after its start), not to 5 s later.
    const asSeen = text(taskDetailLines({ ...base, id: runningTask.record.id, inspected: runningTask }));
    expect(fact(lines, 'run')).toBe(fact(asSeen, 'run'));
    expect(fact(lines, 'run')).toContain('60');
  });

  test("before the engine answers, the table's row stands in for the record", () => {
    const listed = doneTask.record;
    const lines = text(taskDetailLines({ ...base, id: listed.id, inspected: undefined, listed }));
    expect(fact(lines, 'run')).toBe(formatMs((listed.endedAt as number) - (listed.startedAt as number)));
  });

  test('an inspected task of another id (the engine has not caught up) is not shown as this one', () => {
    const other: InspectedTask = { ...failedTask };
    const lines = text(taskDetailLines({ ...base, id: 5, inspected: other }));
    expect(lines.join(' ')).not.toContain(failedTask.record.error);
    expect(lines.join(' ')).toContain('Task #5 is no longer');
  });
});

describe('the timeline cells', () => {
  const record: TaskRecord = {
    id: 1,
    state: 'done',
    model: 'async',
    submittedAt: 0,
    startedAt: 10,
    endedAt: 100,
  };

  test('a slice far shorter than a cell still takes its cell', () => {
    const { cells } = taskTimeline(record, [{ lane: 'main', start: 50, lengthMs: 0.01 }], 200, 10);
    expect(cells.filter((cell) => cell === 'slice')).toHaveLength(1);
  });

  test('the time before the earliest slice the log still holds is unknown, not awaiting', () => {
    const { cells } = taskTimeline(record, [{ lane: 'main', start: 80, lengthMs: 20 }], 200, 10);
    expect(cells).toEqual([
      'queued',
      'unknown',
      'unknown',
      'unknown',
      'unknown',
      'unknown',
      'unknown',
      'unknown',
      'slice',
      'slice',
    ]);
  });

  test('a task not started is queued all along, up to now', () => {
    const queued: TaskRecord = { id: 2, state: 'queued', model: 'workers', submittedAt: 0 };
    const timeline = taskTimeline(queued, [], 40, 8);
    expect(timeline.cells).toEqual(Array.from({ length: 8 }, () => 'queued'));
    expect(timeline.spanMs).toBe(40);
  });
});

describe('the histogram lines', () => {
  const options = {
    title: 'task latency',
    unit: 'tasks',
    width: 38,
    height: 8,
    color: 'green' as const,
    empty: 'none yet',
  };

  test('a bucket with one value among hundreds still shows', () => {
    const lines = histogramLines(histograms.latencyMs, { ...options, colorOn: false });
    const bottom =
      lines
        .at(-2)
        ?.map((span) => span.text)
        .join('') ?? '';
    const shownBuckets = bottom.match(/#+/g) ?? [];
    expect(shownBuckets).toHaveLength(histograms.latencyMs.counts.filter((count) => count > 0).length);
    expect(lines.length).toBeLessThanOrEqual(options.height);
  });

  test('the mark points at the bucket of its value', () => {
    expect(bucketOf([1, 2, 4, 8], 3)).toBe(2);
    expect(bucketOf([1, 2, 4, 8], 100)).toBe(3);
    expect(bucketOf([1, 2, 4, 8], 0.5)).toBe(0);
  });

  test('an empty or absent histogram says why, in a sentence', () => {
    const empty = { bounds: [1, 2], counts: [0, 0] };
    for (const histogram of [empty, undefined]) {
      const lines = histogramLines(histogram, { ...options, colorOn: false });
      expect(lines.map((line) => line.map((span) => span.text).join(''))).toEqual([
        'task latency',
        'none yet',
      ]);
    }
  });
});
