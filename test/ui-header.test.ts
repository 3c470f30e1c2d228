import { describe, expect, test } from 'vitest';
import type { Snapshot } from '../source/engine/types.ts';
import { besideLetters, compactLines, fitProse } from '../source/ui/panes/header.tsx';
import type { Span } from '../source/ui/spans.ts';
import { asyncRunningCpu } from './fixtures/snapshots.ts';

const text = (lines: Span[][]) => lines.map((spans) => spans.map((span) => span.text).join(''));

/** The real workloads' descriptions are 86–97 characters: the header must show them whole where they fit. */
const cpu: Snapshot = {
  ...asyncRunningCpu,
  workload: {
    ...asyncRunningCpu.workload,
    description:
      'Pure JavaScript hashing: holds its thread for the whole task, so it needs more threads to scale',
  },
};
const ioTimer: Snapshot = {
  ...asyncRunningCpu,
  workload: { ...asyncRunningCpu.workload, name: 'io-timer', kind: 'io', description: 'Waits on a timer' },
};

/** Width of the text beside the block letters at `columns` (the letters take 31 cells, the frame one less). */
const besideAt = (columns: number) => columns - 1 - 31;

describe('the text beside the block letters', () => {
  test('at 160 columns the description is whole, on its own row, with the machine below it', () => {
    const lines = text(besideLetters(cpu, besideAt(160), 4));
    expect(lines).toContain(cpu.workload.description);
    expect(lines.join('\n')).not.toContain('…');
    expect(lines.at(-1)).toMatch(/logical cores/);
  });

  test('at 120×40 the description wraps over two rows instead of being cut', () => {
    const lines = text(besideLetters(cpu, besideAt(120), 4));
    expect(lines).toHaveLength(4);
    expect(lines.slice(2).join(' ')).toBe(cpu.workload.description);
    expect(lines.every((line) => line.length <= besideAt(120))).toBe(true);
  });

  test('when there is no row for it, the machine sits beside the settings if it fits', () => {
    const lines = text(besideLetters(cpu, besideAt(120), 4));
    expect(lines[1]).toMatch(/concurrency .* · .*logical cores/);
  });

  test('at 80×24 a description longer than its row is cut with "…", never wrapped past the header', () => {
    const lines = text(besideLetters(cpu, besideAt(80), 3));
    expect(lines).toHaveLength(3);
    expect(lines[2]).toMatch(/…$/);
    expect(lines[2]?.length).toBeLessThanOrEqual(besideAt(80));
  });

  test('the workload is named once when its kind is its name, and with its kind otherwise', () => {
    expect(text(besideLetters(cpu, 100, 3))[1]).toMatch(/^cpu · concurrency/);
    expect(text(besideLetters(cpu, 100, 3)).join('\n')).not.toContain('cpu (cpu)');
    expect(text(besideLetters(ioTimer, 100, 3))[1]).toMatch(/^io-timer \(io\) · concurrency/);
  });

  test('the first row says what runs and how', () => {
    expect(text(besideLetters(cpu, 100, 3))[0]).toMatch(/▶ running cooperative/);
  });
});

describe('the compact header', () => {
  test('names the model, the workload once and the description', () => {
    const lines = text(compactLines(cpu, 200));
    expect(lines[0]).toMatch(/^ ASYNC {2}▶ running · cpu · concurrency/);
    expect(lines[1]).toContain(cpu.workload.description);
  });

  test('cuts the description with "…" when it does not fit', () => {
    const [, second] = text(compactLines(cpu, 50));
    expect(second).toMatch(/…$/);
    expect(second?.length).toBeLessThanOrEqual(50);
  });
});

describe('fitProse', () => {
  test.each([
    ['short text', 20, 2, ['short text']],
    ['one two three four', 9, 2, ['one two', 'three fo…']],
    ['one two three four', 9, 3, ['one two', 'three', 'four']],
    ['one two', 3, 1, ['on…']],
  ])('%s in %i cells and %i rows', (prose, width, rows, expected) => {
    expect(fitProse(prose, width, rows)).toEqual(expected);
  });

  test('never gives more rows than asked, nor a row wider than asked', () => {
    const prose = cpu.workload.description;
    for (let width = 1; width < 110; width++) {
      for (let rows = 1; rows < 5; rows++) {
        const lines = fitProse(prose, width, rows);
        expect(lines.length).toBeLessThanOrEqual(rows);
        for (const line of lines) expect(Array.from(line).length).toBeLessThanOrEqual(width);
      }
    }
  });
});
