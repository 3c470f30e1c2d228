import { expect, test } from 'vitest';
import { lagLevel, levelLabel, utilizationLevel } from '../source/ui/health.ts';

test('lag p99 under 10 ms is healthy, under 50 ms strained, beyond stalled', () => {
  expect([lagLevel(0.8), lagLevel(10), lagLevel(49.9), lagLevel(50), lagLevel(312)]).toEqual([
    'healthy',
    'strained',
    'strained',
    'stalled',
    'stalled',
  ]);
});

test('a loop busy over 90 % of the time is stalled', () => {
  expect([utilizationLevel(0.1), utilizationLevel(0.8), utilizationLevel(0.95)]).toEqual([
    'healthy',
    'strained',
    'stalled',
  ]);
});

test('each level reads in words and a symbol, not only in colour', () => {
  expect(levelLabel).toEqual({ healthy: '● healthy', strained: '▲ strained', stalled: '✖ stalled' });
});
