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

test('every character a headline ratio can hold has block digits of one height and width per row', () => {
  for (const ratio of ['0.9×', '1.9×', '12×', '1,234×', '5.0×']) {
    const rows = bigText(ratio);
    expect(rows, ratio).toHaveLength(3);
    expect(new Set(rows?.map((row) => row.length)).size, ratio).toBe(1);
  }
  // Different digits must look different.
  const shapes = new Set(Array.from('0123456789', (digit) => bigText(digit)?.join('\n')));
  expect(shapes.size).toBe(10);
});
