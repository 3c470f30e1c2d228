import { expect, test } from 'vitest';
import { bigText } from '../source/ui/big-text.ts';

test('both model names have block letters three rows tall', () => {
  for (const word of ['async', 'workers']) {
    const rows = bigText(word);
    expect(rows).toHaveLength(3);
    const widths = new Set(rows?.map((row) => row.length));
    expect(widths.size).toBe(1);
  }
});

test('ASYNC reads as block letters', () => {
  expect(bigText('async')).toEqual(['█▀█ █▀▀ █ █ █▄ █ █▀▀', '█▀█ ▀▀█ ▀█▀ █ ▀█ █  ', '▀ ▀ ▀▀▀  ▀  ▀  ▀ ▀▀▀']);
});

test('a letter without a glyph gives no block letters', () => {
  expect(bigText('zzz')).toBeUndefined();
});
