import { describe, expect, test } from 'vitest';
import {
  fitWidth,
  formatBytes,
  formatCores,
  formatCount,
  formatElapsed,
  formatMs,
  formatMsNumber,
  formatPercent,
  formatRate,
  formatRatio,
  packItems,
  wrapWords,
} from '../source/ui/format.ts';

describe('formatMs', () => {
  test('sub-millisecond lag keeps two decimals', () => {
    expect(formatMs(0.423)).toBe('0.42 ms');
  });
  test('a few milliseconds keep one decimal', () => {
    expect(formatMs(4.26)).toBe('4.3 ms');
  });
  test('tens and hundreds of milliseconds are whole', () => {
    expect(formatMs(312.4)).toBe('312 ms');
  });
  test('a freeze of over a second reads in seconds', () => {
    expect(formatMs(1200)).toBe('1.2 s');
  });
  test('ten seconds and more read in whole seconds', () => {
    expect(formatMs(42_049)).toBe('42 s');
  });
  test('minutes read in minutes', () => {
    expect(formatMs(150_000)).toBe('2.5 min');
  });
  test('a missing number reads as a dash', () => {
    expect(formatMs(Number.NaN)).toBe('—');
  });
});

test('bare millisecond numbers carry thousands separators and no unit', () => {
  expect([formatMsNumber(0.3), formatMsNumber(2), formatMsNumber(1234.4)]).toEqual(['0.30', '2.0', '1,234']);
});

test('bytes step up in binary units', () => {
  expect([
    formatBytes(512),
    formatBytes(1536),
    formatBytes(180 * 1024 ** 2),
    formatBytes(16 * 1024 ** 3),
  ]).toEqual(['512 B', '1.5 KB', '180 MB', '16 GB']);
});

test('counts have thousands separators', () => {
  expect([formatCount(7), formatCount(10_500), formatCount(1_234_567)]).toEqual(['7', '10,500', '1,234,567']);
});

test('rates below a hundred keep a decimal when they have one', () => {
  expect([formatRate(0.5), formatRate(12.34), formatRate(120), formatRate(1234.4)]).toEqual([
    '0.5/s',
    '12.3/s',
    '120/s',
    '1,234/s',
  ]);
});

test('shares read as whole percentages', () => {
  expect([formatPercent(0), formatPercent(0.424), formatPercent(1)]).toEqual(['0%', '42%', '100%']);
});

test('cores read with one decimal', () => {
  expect(formatCores(3.94)).toBe('3.9');
});

test('elapsed time reads like a clock', () => {
  expect([formatElapsed(7_000), formatElapsed(83_000), formatElapsed(3_723_000)]).toEqual([
    '0:07',
    '1:23',
    '1:02:03',
  ]);
});

test('ratios keep a decimal below ten and drop it above', () => {
  expect([formatRatio(1.917), formatRatio(21.2), formatRatio(390)]).toEqual(['1.9×', '21×', '390×']);
});

describe('fitWidth', () => {
  test('pads to the width on the chosen side', () => {
    expect(fitWidth('ab', 4)).toBe('ab  ');
    expect(fitWidth('ab', 4, 'right')).toBe('  ab');
  });
  test('cuts long text with an ellipsis', () => {
    expect(fitWidth('abcdef', 4)).toBe('abc…');
  });
});

test('prose wraps at spaces within the width', () => {
  expect(wrapWords('the pool is idle because the model is async', 16)).toEqual([
    'the pool is idle',
    'because the',
    'model is async',
  ]);
});

test('items pack onto as few lines as the width allows, in order', () => {
  expect(packItems(['aaaa', 'bbbb', 'cccc'], 11, (item) => item.length)).toEqual([
    ['aaaa', 'bbbb'],
    ['cccc'],
  ]);
});
