import { describe, expect, test } from 'vitest';
import type { EngineEvent, HistoryPoint, ModelName } from '../source/engine/types.ts';
import {
  bar,
  chartRows,
  chartTop,
  historyChart,
  historyColumns,
  historySpan,
  markerLine,
  runs,
  switchMarkers,
} from '../source/ui/charts.ts';

function point(at: number, lagP99: number, model: ModelName = 'async'): HistoryPoint {
  return {
    at,
    model,
    lagP99,
    lagMax: lagP99,
    eventLoopUtilization: 0,
    throughput: 0,
    poolUtilization: 0,
    processCores: 0,
    perCore: [],
    settling: false,
  };
}

describe('bar', () => {
  test('a full share fills the bar', () => {
    expect(bar(1, 4)).toBe('████');
  });
  test('an empty share is all background', () => {
    expect(bar(0, 4)).toBe('░░░░');
  });
  test('a partial cell is drawn in eighths', () => {
    expect(bar(0.5625, 4)).toBe('██▎░');
  });
  test('shares outside 0…1 are clamped', () => {
    expect(bar(1.7, 3)).toBe('███');
    expect(bar(-1, 3)).toBe('░░░');
  });
});

describe('historyColumns', () => {
  test('each column keeps the largest value that fell into it, so spikes stay visible', () => {
    const history = [point(1_000, 2), point(1_400, 80), point(1_600, 5)];
    const columns = historyColumns(history, (p) => p.lagP99, { to: 2_500, spanMs: 2_000, width: 2 });
    expect(columns).toEqual([{ value: 80, model: 'async' }, undefined]);
  });
  test('a point keeps its column as the chart moves on, then scrolls one whole column left', () => {
    const history = [point(1_100, 5), point(1_900, 7), point(2_300, 3)];
    const pick = (p: HistoryPoint) => p.lagP99;
    const at2400 = historyColumns(history, pick, { to: 2_400, spanMs: 4_000, width: 4 });
    const at2900 = historyColumns(history, pick, { to: 2_900, spanMs: 4_000, width: 4 });
    const at3100 = historyColumns(history, pick, { to: 3_100, spanMs: 4_000, width: 4 });
    expect(at2400).toEqual([
      undefined,
      undefined,
      { value: 7, model: 'async' },
      { value: 3, model: 'async' },
    ]);
    expect(at2900).toEqual(at2400);
    expect(at3100).toEqual([
      undefined,
      { value: 7, model: 'async' },
      { value: 3, model: 'async' },
      undefined,
    ]);
  });
  test("points later than the chart's end are left out", () => {
    expect(
      historyColumns([point(2_001, 9)], (p) => p.lagP99, { to: 2_000, spanMs: 2_000, width: 2 }),
    ).toEqual([undefined, undefined]);
  });
  test('points older than the span are left out', () => {
    const columns = historyColumns([point(0, 9)], (p) => p.lagP99, { to: 60_001, spanMs: 60_000, width: 4 });
    expect(columns).toEqual([undefined, undefined, undefined, undefined]);
  });
});

test('the chart scale never drops below its floor', () => {
  expect(chartTop([{ value: 0.4, model: 'workers' }], 10)).toBe(10);
  expect(chartTop([{ value: 312, model: 'async' }, undefined], 10)).toBe(312);
});

describe('chartRows', () => {
  test('a one-row chart is a sparkline scaled to the top', () => {
    const columns = [0, 4, 8].map((value) => ({ value, model: 'async' as const }));
    expect(chartRows(columns, 1, 8)).toEqual([' ▄█']);
  });
  test('a taller chart stacks rows, top row first', () => {
    expect(
      chartRows(
        [
          { value: 8, model: 'async' },
          { value: 2, model: 'async' },
        ],
        2,
        8,
      ),
    ).toEqual(['█ ', '█▄']);
  });
  test('a small non-zero value still shows the lowest eighth', () => {
    expect(chartRows([{ value: 0.1, model: 'workers' }], 1, 300)).toEqual(['▁']);
  });
  test('an empty column stays blank', () => {
    expect(chartRows([undefined], 2, 1)).toEqual([' ', ' ']);
  });
});

test('runs group neighbouring cells that share a key', () => {
  expect(runs('aabbb', (index) => (index < 2 ? 'red' : 'green'))).toEqual([
    { text: 'aa', key: 'red' },
    { text: 'bbb', key: 'green' },
  ]);
});

describe('switch markers', () => {
  const events: EngineEvent[] = [
    { at: 500, kind: 'pause' },
    { at: 1_000, kind: 'switch', from: 'async', to: 'workers' },
    { at: 1_900, kind: 'switch', from: 'workers', to: 'async' },
  ];
  test('only model switches become markers, placed at their time', () => {
    expect(switchMarkers(events, { to: 2_000, spanMs: 2_000, width: 20 })).toEqual([
      { column: 9, to: 'workers' },
      { column: 18, to: 'async' },
    ]);
  });
  test('the marker line names the model switched to when there is room', () => {
    expect(markerLine([{ column: 2, to: 'workers' }], 12)).toBe('  ▲workers  ');
  });
  test('a crowded marker gets the first letter of the model', () => {
    expect(
      markerLine(
        [
          { column: 0, to: 'workers' },
          { column: 3, to: 'async' },
        ],
        6,
      ),
    ).toBe('▲W ▲A ');
  });
});

test('the history span is at least 60 s', () => {
  expect(historySpan([point(50_000, 1)], 60_000)).toBe(60_000);
  expect(historySpan([point(0, 1)], 90_000)).toBe(90_000);
});

test('a history chart puts the switch under the first column of the new model', () => {
  const history = [point(0, 300, 'async'), point(30_000, 300, 'async'), point(31_000, 1, 'workers')];
  const chart = historyChart(
    history,
    [{ at: 30_500, kind: 'switch', from: 'async', to: 'workers' }],
    (p) => p.lagP99,
    {
      to: 60_000,
      width: 60,
      floor: 10,
    },
  );
  expect(chart.top).toBe(300);
  expect(chart.markers).toEqual([{ column: 29, to: 'workers' }]);
  expect(chart.columns[29]).toEqual({ value: 300, model: 'async' });
  expect(chart.columns[30]).toEqual({ value: 1, model: 'workers' });
});
