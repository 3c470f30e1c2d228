import { describe, expect, test } from 'vitest';
import type { EngineEvent, HistoryPoint, ModelName } from '../source/engine/types.ts';
import { chartTop, historyColumns } from '../source/ui/chart-columns.ts';
import { chartMarkers, markerLine } from '../source/ui/chart-markers.ts';
import { chartRows } from '../source/ui/chart-rows.ts';
import { scaleCaption, scaledShare } from '../source/ui/chart-scale.ts';
import { chooseScale, historyChart, historySpan } from '../source/ui/charts.ts';
import { bar } from '../source/ui/horizontal-bars.ts';
import { runs } from '../source/ui/line-runs.ts';

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

describe('choosing the scale', () => {
  const column = (value: number) => ({ value, model: 'async' as const });

  test('linear while every value above the noise stays readable, so a doubling reads as a doubling', () => {
    expect(chooseScale([column(120), column(230)], { height: 3, floor: 1, bottom: 1 })).toEqual({
      kind: 'linear',
      top: 230,
    });
  });

  test('values under the noise floor never call for a log scale', () => {
    expect(chooseScale([column(312), column(0.8)], { height: 4, floor: 10, bottom: 1 }).kind).toBe('linear');
  });

  test('log as soon as a value would shrink under two eighths beside a spike', () => {
    expect(chooseScale([column(9_242), column(144), column(40)], { height: 3, floor: 1, bottom: 1 })).toEqual(
      {
        kind: 'log',
        bottom: 1,
        top: 9_242,
      },
    );
  });

  test('the caption says which scale', () => {
    expect(scaleCaption({ kind: 'linear', top: 230 }, String)).toBe('top 230');
    expect(scaleCaption({ kind: 'log', bottom: 1, top: 9_242 }, String)).toBe('log scale, top 9242');
  });
});

describe('log scale', () => {
  const scale = { kind: 'log', bottom: 1, top: 9_242 } as const;

  test('small values stay apart under a large top: 144/s and 40/s do not both draw as the lowest eighth', () => {
    const rows = chartRows(
      [
        { value: 144, model: 'async' },
        { value: 40, model: 'async' },
      ],
      1,
      scale,
    );
    expect(rows[0]?.[0]).not.toBe(rows[0]?.[1]);
    expect(rows[0]).not.toContain('▁');
  });

  test('a 24 s freeze does not flatten the lags around it', () => {
    const rows = chartRows(
      [
        { value: 24_000, model: 'async' },
        { value: 20, model: 'async' },
        { value: 2, model: 'async' },
      ],
      3,
      { kind: 'log', bottom: 0.5, top: 24_000 },
    );
    // The 20 ms column fills a third of the chart; the 2 ms column stands well above the lowest eighth.
    expect(rows[2]?.[1]).toBe('█');
    expect(['▂', '▃', '▄']).toContain(rows[2]?.[2]);
  });

  test('the share grows with the logarithm from bottom to top', () => {
    expect(scaledShare(1, scale)).toBe(0);
    expect(scaledShare(9_242, scale)).toBe(1);
    expect(scaledShare(Math.sqrt(9_242), scale)).toBeCloseTo(0.5);
    expect(scaledShare(0, scale)).toBe(0);
  });
});

describe('markers', () => {
  const events: EngineEvent[] = [
    { at: 500, kind: 'pause' },
    { at: 1_000, kind: 'switch', from: 'async', to: 'workers' },
    { at: 1_500, kind: 'workload', from: 'cpu', to: 'io-http' },
    { at: 1_900, kind: 'switch', from: 'workers', to: 'async' },
  ];

  test('every change becomes a marker at its time: model switches, workload switches and the rest', () => {
    expect(chartMarkers(events, { to: 2_000, spanMs: 2_000, width: 20 })).toEqual([
      { column: 4, symbol: '·', label: 'pause' },
      { column: 9, symbol: '▲', label: 'workers', model: 'workers' },
      { column: 14, symbol: '◆', label: 'io-http' },
      { column: 18, symbol: '▲', label: 'async', model: 'async' },
    ]);
  });

  test('an event kind the views have not met is marked with its name, and what it changed to', () => {
    const added = [
      { at: 1_000, kind: 'threads', from: 2, to: 3 },
      { at: 1_500, kind: 'knobs' },
    ] as unknown as EngineEvent[];
    expect(chartMarkers(added, { to: 2_000, spanMs: 2_000, width: 20 })).toEqual([
      { column: 9, symbol: '·', label: 'threads 3' },
      { column: 14, symbol: '·', label: 'knobs' },
    ]);
  });

  test('the marker line names what changed when there is room', () => {
    expect(markerLine([{ column: 2, symbol: '▲', label: 'workers', model: 'workers' }], 12)).toBe(
      '  ▲workers  ',
    );
    expect(markerLine([{ column: 0, symbol: '◆', label: 'io-http' }], 10)).toBe('◆io-http  ');
  });

  test('a crowded marker gets the first letter of its words', () => {
    expect(
      markerLine(
        [
          { column: 0, symbol: '▲', label: 'workers' },
          { column: 3, symbol: '▲', label: 'async' },
        ],
        6,
      ),
    ).toBe('▲W ▲A ');
  });

  test('of two markers in one column the model switch shows', () => {
    expect(
      markerLine(
        [
          { column: 1, symbol: '▲', label: 'workers' },
          { column: 1, symbol: '·', label: 'resume' },
        ],
        3,
      ),
    ).toBe(' ▲ ');
  });

  test('settling columns are shaded where no marker is', () => {
    expect(
      markerLine([{ column: 1, symbol: '▲', label: 'w' }], 6, [false, true, true, true, false, false]),
    ).toBe(' ▲w░  ');
  });

  test('a stall is marked ! where nothing else is drawn, settling shade included', () => {
    const stalls = [true, false, false, true, false, true];
    expect(markerLine([], 6, [], stalls)).toBe('!  ! !');
    expect(markerLine([], 6, [false, false, false, true, true, false], stalls)).toBe('!  !░!');
  });

  test('frequent stalls never hide a change or cut its words', () => {
    const everywhere = new Array(18).fill(true);
    const line = markerLine(
      [
        { column: 2, symbol: '▲', label: 'workers', model: 'workers' },
        { column: 12, symbol: '◆', label: 'cpu' },
      ],
      18,
      [],
      everywhere,
    );
    expect(line).toBe('!!▲workers!!◆cpu!!');
  });
});

test('the history span is at least 60 s', () => {
  expect(historySpan([point(50_000, 1)], 60_000)).toBe(60_000);
  expect(historySpan([point(0, 1)], 90_000)).toBe(90_000);
});

test('a history chart puts the switch under the first column of the new model, and shades its settling', () => {
  const history = [
    point(0, 300, 'async'),
    point(30_000, 300, 'async'),
    { ...point(31_000, 1, 'workers'), settling: true },
    point(33_000, 1, 'workers'),
  ];
  const chart = historyChart(
    history,
    [{ at: 30_500, kind: 'switch', from: 'async', to: 'workers' }],
    (p) => p.lagP99,
    { to: 60_000, width: 60, height: 3, floor: 10, bottom: 0.5 },
  );
  expect(chart.top).toBe(300);
  // 1 ms under a top of 300 ms would not show on a linear scale: the chart turns logarithmic.
  expect(chart.scale).toEqual({ kind: 'log', bottom: 0.5, top: 300 });
  expect(chart.markers).toEqual([{ column: 29, symbol: '▲', label: 'workers', model: 'workers' }]);
  expect(chart.columns[29]).toEqual({ value: 300, model: 'async' });
  expect(chart.columns[30]).toEqual({ value: 1, model: 'workers' });
  expect(chart.settling.flatMap((settling, column) => (settling ? [column] : []))).toEqual([30]);
});

test('a history chart flags the columns in which the loop stalled, and only when given stalls', () => {
  const options = { to: 60_000, width: 60, height: 3, floor: 10, bottom: 0.5 };
  const history = [point(0, 30), point(59_000, 30)];
  const chart = historyChart(history, [], (p) => p.lagP99, {
    ...options,
    stalls: [{ at: 10_200 }, { at: 10_700 }, { at: 42_000 }, { at: 61_000 }],
  });
  expect(chart.stalls?.flatMap((stalled, column) => (stalled ? [column] : []))).toEqual([9, 41]);
  expect(historyChart(history, [], (p) => p.lagP99, options).stalls).toBeUndefined();
});
