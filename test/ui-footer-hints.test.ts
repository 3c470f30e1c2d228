import { expect, test } from 'vitest';
import { footerHints } from '../source/ui/footer-hints.ts';

test('a wide footer shows every key in display order', () => {
  expect(footerHints(200, 5).map((hint) => hint.keys)).toEqual([
    'a',
    'w',
    '1-5',
    '+/-',
    '[/]',
    'space',
    'r',
    '?',
    'q',
  ]);
});

test('a narrow footer keeps the model keys, help and quit first', () => {
  expect(footerHints(44, 5).map((hint) => hint.keys)).toEqual(['a', 'w', '?', 'q']);
});

test('the workload keys match the number of workloads', () => {
  expect(footerHints(200, 3).find((hint) => hint.label === 'workload')?.keys).toBe('1-3');
});
