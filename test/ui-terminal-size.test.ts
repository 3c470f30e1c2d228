import { describe, expect, test } from 'vitest';
import { readTerminalSize, sizeOf } from '../source/ui/terminal-size.ts';

describe('reading the terminal size again', () => {
  const stream = (answer: (size: [number, number]) => number) => ({
    columns: 100,
    rows: 30,
    _handle: { getWindowSize: answer },
  });

  test('sets what the kernel says on the stream, and says whether it changed', () => {
    const resized = stream((size) => {
      size[0] = 80;
      size[1] = 24;
      return 0;
    });
    expect(readTerminalSize(resized)).toBe(true);
    expect([resized.columns, resized.rows]).toEqual([80, 24]);
    expect(readTerminalSize(resized)).toBe(false);
  });

  test('keeps the size it had when the terminal cannot say (an error, a hang-up, no handle)', () => {
    const failing = stream(() => -5);
    expect(readTerminalSize(failing)).toBe(false);
    const throwing = stream(() => {
      throw new Error('EBADF');
    });
    expect(readTerminalSize(throwing)).toBe(false);
    const plain = { columns: 100, rows: 30 };
    expect(readTerminalSize(plain)).toBe(false);
    expect([failing.columns, throwing.rows, plain.columns]).toEqual([100, 30, 100]);
  });
});

describe('the size a stream stands for', () => {
  test('is its own, or the 80×24 Ink assumes when it does not know one', () => {
    expect(sizeOf({ columns: 120, rows: 40 })).toEqual({ columns: 120, rows: 40 });
    expect(sizeOf({ columns: 0, rows: 0 })).toEqual({ columns: 80, rows: 24 });
  });
});
