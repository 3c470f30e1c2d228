// A workload file in the dashboard: the header names its file, the help lists its knobs, keys 1…5 stay the
// built-ins and the file takes the next number.

import { describe, expect, test } from 'vitest';
import type { Snapshot } from '../source/engine/types.ts';
import { workloadFileFields } from '../source/engine/workload-file-name.ts';
import { helpLines } from '../source/ui/help-overlay.tsx';
import { keyTable } from '../source/ui/key-table.ts';
import { besideLetters, compactLines } from '../source/ui/panes/header.tsx';
import { styleSpans } from '../source/ui/spans.ts';
import { builtinWorkloads } from '../workloads/index.ts';
import { asyncRunningCpu } from './fixtures/snapshots.ts';

const specs = [
  {
    name: 'rounds',
    description: 'SHA-256 rounds per task',
    unit: 'rounds',
    default: 2000,
    min: 1,
    max: 1_000_000,
  },
];

const fileSnapshot: Snapshot = {
  ...asyncRunningCpu,
  workload: {
    name: 'my-task',
    kind: 'cpu',
    description: 'Hashes a small buffer over and over',
    knobs: { rounds: 500 },
    ...workloadFileFields({ specifier: 'file:///home/me/work/task.js?v=2', workload: { knobs: specs } }),
  },
};

const plain = (lines: ReturnType<typeof compactLines>) =>
  lines.map((spans) => styleSpans(spans, false)).join('\n');

describe('a workload file in the dashboard', () => {
  test('the snapshot carries the file name without its folder or reload query', () => {
    expect(fileSnapshot.workload.file).toBe('task.js');
    expect(workloadFileFields({ specifier: 'cpu', workload: { knobs: specs } })).not.toHaveProperty('file');
  });

  test('the header shows the workload’s name and its file', () => {
    expect(plain(besideLetters(fileSnapshot, 100, 4))).toMatch(/my-task task\.js \(cpu\) · concurrency/);
    expect(plain(compactLines(fileSnapshot, 100))).toMatch(/my-task task\.js/);
    expect(plain(besideLetters(asyncRunningCpu, 100, 4))).not.toMatch(/\.js/);
  });

  test('the help lists the file’s knobs with their value, unit, default, range and description', () => {
    const text = helpLines({ width: 100, height: 200, workloadCount: 6, workload: fileSnapshot.workload })
      .map((spans) => styleSpans(spans, false))
      .join('\n');
    expect(text).toContain('Knobs of my-task (task.js)');
    expect(text).toMatch(/· rounds 500 rounds \(default 2000, 1–1000000\): SHA-256 rounds per task/);
    expect(text).toMatch(/1…6, tab, shift-tab\s+pick a workload/);
  });

  test('keys 1…5 stay the built-ins; the file is on 6', () => {
    const row = keyTable(builtinWorkloads.length + 1).find((candidate) => candidate.id === 'workload');
    expect(row?.keys).toEqual(expect.arrayContaining(['1', '2', '3', '4', '5', '6']));
  });
});
