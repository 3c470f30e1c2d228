import { describe, expect, test } from 'vitest';
import type { TimelineSample } from '../source/engine/types.ts';
import { cellKind, laneColumns, laneScale } from '../source/ui/lane-cells.ts';
import { laneLines } from '../source/ui/lane-lines.ts';
import { formatSpan, rulerText, stallRuns } from '../source/ui/lane-ruler.ts';
import type { Span } from '../source/ui/spans.ts';
import { laneColor } from '../source/ui/theme.ts';
import { seededRandom } from './helpers/seeded-random.ts';
import { type TestSlice, timelineFromSlices } from './helpers/timeline-from-slices.ts';

const text = (spans: readonly Span[]): string => spans.map((span) => span.text).join('');

/** A random timeline: 1–64 lanes, bins of 5–50 ms, slices of every length from slivers to long bars. */
function randomTimeline(next: () => number): TimelineSample {
  const binMs = [5, 10, 20, 50][Math.floor(next() * 4)] as number;
  const bins = 50 + Math.floor(next() * 600);
  const endAt = Math.round((1_000_000 + next() * 1_000_000) / binMs) * binMs;
  const laneCount = 1 + Math.floor(next() ** 2 * 64);
  const names = ['main', ...Array.from({ length: laneCount - 1 }, (_, index) => `t${index + 1}`)];
  const slices: TestSlice[] = [];
  let id = 1;
  for (const lane of names) {
    let at = endAt - bins * binMs;
    while (at < endAt) {
      at += next() < 0.3 ? next() * 300 : next() * 5;
      const lengthMs = next() < 0.5 ? next() * 0.5 : next() * 250;
      slices.push({ lane, taskId: id++, start: at, lengthMs });
      at += lengthMs;
    }
  }
  return timelineFromSlices(slices, { binMs, bins, endAt, lanes: names });
}

describe('laneLines over random timelines and sizes', () => {
  test.each(Array.from({ length: 40 }, (_, index) => index + 1))(
    'seed %i: rows and width are kept, busy bins are never blank and idle columns always are',
    (seed) => {
      const next = seededRandom(seed);
      const timeline = randomTimeline(next);
      const width = 20 + Math.floor(next() * 200);
      const rows = 1 + Math.floor(next() * 30);
      const color = next() < 0.5;
      const drawn = laneLines(timeline, { width, rows, color });
      const where = `seed ${seed}: ${width}×${rows}, ${timeline.lanes.length} lanes`;
      expect(drawn.lines.length, where).toBeLessThanOrEqual(rows);
      for (const line of drawn.lines) expect(text(line).length, where).toBeLessThanOrEqual(width);
      const shown = drawn.lines.filter((line) =>
        timeline.lanes.some((lane) => lane.name === line[0]?.text.trim()),
      );
      expect(shown.length + drawn.hidden, where).toBe(timeline.lanes.length);
      if (drawn.hidden > 0 && rows >= 2)
        expect(drawn.lines.some((line) => text(line).startsWith(`+${drawn.hidden} more`))).toBe(true);
      const labels = width - drawn.scale.width;
      const newestBin = Math.round(timeline.endAt / timeline.binMs) - 1;
      for (const line of shown) {
        const lane = timeline.lanes.find((candidate) => candidate.name === line[0]?.text.trim());
        if (!lane) continue;
        const cells = text(line).slice(labels).padEnd(drawn.scale.width);
        // Each bin, by its own time, in the column the scale puts it.
        const busyIn = new Array(drawn.scale.width).fill(false);
        const seen = new Array(drawn.scale.width).fill(false);
        for (let index = 0; index < timeline.bins; index++) {
          const bin = newestBin - (timeline.bins - 1 - index);
          const age =
            Math.floor(newestBin / drawn.scale.binsPerColumn) - Math.floor(bin / drawn.scale.binsPerColumn);
          if (age >= drawn.scale.width) continue;
          const column = drawn.scale.width - 1 - age;
          seen[column] = true;
          if ((lane.busyMs[index] ?? 0) > 0) busyIn[column] = true;
        }
        for (let column = 0; column < drawn.scale.width; column++) {
          const cell = cells[column] as string;
          if (busyIn[column]) {
            // With styles on a full cell is an inverse-video space: find its span.
            const blank = cell === ' ' && !inverseAt(line, labels + column);
            expect(blank, `${where}: ${lane.name} column ${column} is busy`).toBe(false);
          } else expect(cell, `${where}: ${lane.name} column ${column} is idle`).toBe(' ');
        }
      }
    },
  );
});

/** Whether the cell at `index` of a line is drawn in inverse video. */
function inverseAt(line: readonly Span[], index: number): boolean {
  let offset = 0;
  for (const span of line) {
    if (index < offset + span.text.length) return span.inverse === true;
    offset += span.text.length;
  }
  return false;
}

describe('lane cells', () => {
  test('a cell shows how busy it was: blank, a sliver, half, full', () => {
    expect([0, 0.01, 0.3, 0.5, 0.7, 1].map(cellKind)).toEqual([
      'idle',
      'sliver',
      'sliver',
      'half',
      'full',
      'full',
    ]);
  });

  test('a column is the task that covered most of it', () => {
    const timeline = timelineFromSlices(
      [
        { lane: 'main', taskId: 7, start: 995, lengthMs: 3 },
        { lane: 'main', taskId: 8, start: 990, lengthMs: 4 },
      ],
      { binMs: 10, bins: 10, endAt: 1000 },
    );
    const columns = laneColumns(timeline.lanes[0] as never, timeline, laneScale(timeline, 4));
    expect(columns.at(-1)).toEqual({ busy: expect.closeTo(0.7, 5), taskId: 8, slices: 2 });
    expect(columns[0]?.busy).toBe(0);
  });

  test('a lane keeps its cells in their columns as time moves on by a bin', () => {
    const slices = [{ lane: 'main', taskId: 3, start: 900, lengthMs: 25 }];
    const before = timelineFromSlices(slices, { binMs: 10, bins: 20, endAt: 1000 });
    const after = timelineFromSlices(slices, { binMs: 10, bins: 20, endAt: 1010 });
    const cells = (timeline: TimelineSample) =>
      text(laneLines(timeline, { width: 26, rows: 2, color: false }).lines[0] ?? []);
    // The whole lane moves one cell left, nothing else changes.
    expect(cells(after).slice(6)).toBe(`${cells(before).slice(7)} `);
  });

  test('back-to-back tasks alternate glyphs, and two tasks of one parity are split by a boundary', () => {
    const alternate = timelineFromSlices(
      [1, 2, 3].map((id) => ({ lane: 'main', taskId: id, start: 920 + id * 20, lengthMs: 20 })),
      { binMs: 10, bins: 10, endAt: 1000 },
    );
    expect(text(laneLines(alternate, { width: 16, rows: 2, color: false }).lines[0] ?? [])).toBe(
      'main      ==##==',
    );
    const sameParity = timelineFromSlices(
      [2, 4].map((id) => ({ lane: 't1', taskId: id, start: 940 + id * 10, lengthMs: 20 })),
      { binMs: 10, bins: 4, endAt: 1000 },
    );
    expect(text(laneLines(sameParity, { width: 10, rows: 2, color: false }).lines[0] ?? [])).toBe(
      't1    ##|#',
    );
  });

  test('with styles, a busy stretch is one inverse-video span in the lane colour however many tasks', () => {
    const timeline = timelineFromSlices(
      Array.from({ length: 10 }, (_, index) => ({
        lane: 'p2',
        taskId: index + 1,
        start: 800 + index * 20,
        lengthMs: 20,
      })),
      { binMs: 10, bins: 20, endAt: 1000 },
    );
    const line = laneLines(timeline, { width: 26, rows: 2, color: true }).lines[0] ?? [];
    expect(line.filter((span) => span.inverse)).toEqual([
      { text: '==  ==  ==  ==  ==  ', color: laneColor('p2'), inverse: true },
    ]);
  });
});

describe('the ruler and stalls', () => {
  test('ticks go back from now and keep their place', () => {
    const scale = laneScale({ binMs: 10, endAt: 5000 }, 60);
    const ruler = rulerText(scale);
    expect(ruler).toHaveLength(60);
    expect(ruler.endsWith('now')).toBe(true);
    expect(ruler).toContain('|-200ms');
    expect(rulerText(laneScale({ binMs: 10, endAt: 5370 }, 60))).toBe(ruler);
  });

  test('spans read as people write them', () => {
    expect([250, 1000, 1500, 12_400].map(formatSpan)).toEqual(['250ms', '1s', '1.5s', '12s']);
  });

  test('a stall runs from the column it began in for as long as it lasted, at least one column', () => {
    const timeline = { binMs: 10, endAt: 1000 };
    const scale = laneScale(timeline, 50);
    const stall = (at: number, durationMs: number) => ({ at, durationMs, culprits: [], tasks: 0 });
    expect(stallRuns([stall(900, 45), stall(960, 2), stall(100, 5)], timeline, scale)).toEqual([
      { column: 40, columns: 5 },
      { column: 46, columns: 1 },
    ]);
  });
});
