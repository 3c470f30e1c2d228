import { describe, expect, it } from 'vitest';
import { type Check, evaluate } from '../scripts/bench-perf/figure.ts';
import {
  formatAbsolute,
  formatMarkdown,
  formatSpread,
  type RunReport,
} from '../scripts/bench-perf/report.ts';
import { spread } from '../scripts/bench-perf/stats.ts';

const renderRatio: Check = {
  label: 'render: frame ÷ plain Ink',
  key: 'frameVsInk',
  unit: '×',
  bound: { kind: 'atMost', value: 1.5 },
  absolute: { ours: 'frameMs', floor: 'floorFrameMs', unit: 'ms' },
};

const samples = [
  { frameVsInk: 1.31, frameMs: 4.1, floorFrameMs: 3.13 },
  { frameVsInk: 1.52, frameMs: 4.9, floorFrameMs: 3.22 },
  { frameVsInk: 1.4, frameMs: 4.4, floorFrameMs: 3.14 },
];
const medians = { frameVsInk: 1.4, frameMs: 4.4, floorFrameMs: 3.14 };

describe('a check judged over its repetitions', () => {
  it('keeps the smallest and largest repetition beside the median', () => {
    const result = evaluate(renderRatio, medians, samples);
    expect(result.measured).toBe(1.4);
    expect(result.min).toBe(1.31);
    expect(result.max).toBe(1.52);
    expect(result.pass).toBe(true);
  });

  it('prints the spread of a ratio with the unit once, and of a time with its unit', () => {
    expect(formatSpread(evaluate(renderRatio, medians, samples))).toBe('1.310–1.520×');
    const time = evaluate({ ...renderRatio, key: 'frameMs', unit: 'ms' }, medians, samples);
    expect(formatSpread(time)).toBe('4.10–4.90 ms');
  });

  it('prints no spread for a single repetition or a yes/no figure', () => {
    expect(formatSpread(evaluate(renderRatio, medians, [medians]))).toBe('—');
    const completes = evaluate(
      { label: 'completes', key: 'done', unit: 'yes/no', bound: { kind: 'atLeast', value: 1 } },
      { done: 1 },
      [{ done: 1 }, { done: 0 }],
    );
    expect(formatSpread(completes)).toBe('—');
  });

  it('shows the absolute values a ratio divides, ours then the floor', () => {
    expect(formatAbsolute(evaluate(renderRatio, medians, samples))).toBe('4.40 ms ÷ 3.14 ms');
    const { absolute: _, ...bare } = renderRatio;
    expect(formatAbsolute(evaluate(bare, medians, samples))).toBe('—');
  });

  it('passes a figure shown without a target and prints no verdict for it', () => {
    const { absolute: _, ...bare } = renderRatio;
    const shown = evaluate({ ...bare, bound: { kind: 'none' } }, { frameVsInk: 9 }, [{ frameVsInk: 9 }]);
    expect(shown.pass).toBe(true);
    const report: RunReport = {
      machine: {
        cpuModel: 'Test CPU',
        logicalCores: 2,
        totalMemoryGigabytes: 4,
        node: '24.0.0',
        os: 'Linux',
      },
      date: '2026-12-01',
      repeat: 1,
      elapsedSeconds: 1,
      figures: [
        {
          name: 'render-cost',
          method: '',
          repetitions: 1,
          elapsedSeconds: 1,
          samples: [{ frameVsInk: 9 }],
          medians: { frameVsInk: 9 },
          checks: [shown],
          errors: [],
        },
      ],
    };
    const row = formatMarkdown(report)
      .split('\n')
      .find((line) => line.startsWith('| render'));
    expect(row?.split('|').map((cell) => cell.trim())).toEqual([
      '',
      'render: frame ÷ plain Ink',
      '9.000×',
      '—',
      '—',
      '—',
      '—',
      '—',
      '',
    ]);
  });
});

describe('spread', () => {
  it('ignores repetitions that did not measure the value', () => {
    expect(spread([3, Number.NaN, 1, 2])).toEqual({ min: 1, max: 3 });
    expect(spread([Number.NaN])).toEqual({ min: Number.NaN, max: Number.NaN });
  });
});
