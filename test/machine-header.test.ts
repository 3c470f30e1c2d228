import { describe, expect, test } from 'vitest';
import type { MachineDetails } from '../source/engine/metrics/machine-details.ts';
import type { MachineInfo, Snapshot } from '../source/engine/types.ts';
import { besideLetters, clockText, coresText, machineText } from '../source/ui/panes/header.tsx';
import type { Span } from '../source/ui/spans.ts';
import { asyncRunningCpu } from './fixtures/snapshots.ts';

const gigabytes = 1024 ** 3;
const logicalOnly: MachineInfo = { cpuModel: 'AMD EPYC', logicalCores: 2, totalMemoryBytes: 24 * gigabytes };
const withDetails = (logicalCores: number, details: MachineDetails): MachineInfo => ({
  ...logicalOnly,
  logicalCores,
  details,
});
const vm = withDetails(2, { physicalCores: 2, speedGHz: 2.596, availableMemoryBytes: 22 * gigabytes });
const desktop = withDetails(8, { physicalCores: 4, speedGHz: 3.2, speedMaxGHz: 4.6, governor: 'powersave' });
const hybrid = withDetails(24, { physicalCores: 16, hybrid: { performanceCores: 8, efficiencyCores: 8 } });

describe('the machine in the header', () => {
  test('before the details arrive, the cores are called logical', () => {
    expect(machineText(logicalOnly, 200)).toBe('AMD EPYC · 2 logical cores · 24 GB');
  });

  test('with the details: which cores run in parallel, the clock, and the memory free at start', () => {
    expect(machineText(vm, 200)).toBe('AMD EPYC · 2 physical cores · 2.6 GHz · 22 GB free of 24 GB');
    expect(coresText(desktop)).toBe('4 physical cores (8 logical)');
    expect(coresText(hybrid)).toBe('8P+8E cores (24 logical)');
  });

  test('less room drops the CPU model, then the clock, then the memory, and never passes the room', () => {
    const full = machineText(desktop, 200) ?? '';
    const lengths = [full.length, full.length - 1, 40, 30, 25, 10].map(
      (room) => machineText(desktop, room)?.length ?? 0,
    );
    expect(lengths[0]).toBe(full.length);
    for (const [index, room] of [full.length, full.length - 1, 40, 30, 25, 10].entries()) {
      expect(lengths[index]).toBeLessThanOrEqual(room);
    }
    expect(machineText(desktop, 30)).toBe('4 physical cores (8 logical)');
    expect(machineText(desktop, 10)).toBeUndefined();
  });

  test('the clock shows its range and governor when known', () => {
    expect(clockText(3.2, 4.6, 'powersave')).toBe('3.2–4.6 GHz powersave');
    expect(clockText(2.6)).toBe('2.6 GHz');
    expect(clockText(undefined, undefined, 'performance')).toBe('performance');
    expect(clockText()).toBeUndefined();
  });

  test('beside the letters at 80 and 120 columns, the machine keeps within the width, on its row or beside', () => {
    const snapshot: Snapshot = { ...asyncRunningCpu, machine: desktop };
    for (const [columns, rows] of [
      [80, 3],
      [80, 4],
      [120, 4],
    ] as const) {
      const width = columns - 1 - 31;
      const lines = besideLetters(snapshot, width, rows).map((spans: Span[]) =>
        spans.map((span) => span.text).join(''),
      );
      for (const line of lines.slice(1)) expect(Array.from(line).length).toBeLessThanOrEqual(width);
    }
    const ownRow = besideLetters(snapshot, 120 - 32, 4)
      .at(-1)
      ?.map((span) => span.text)
      .join('');
    expect(ownRow).toBe('AMD EPYC · 4 physical cores (8 logical) · 3.2–4.6 GHz powersave · 24 GB');
  });
});
