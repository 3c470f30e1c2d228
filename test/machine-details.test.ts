import { describe, expect, test } from 'vitest';
import {
  averageGHz,
  governorOf,
  type MachineReading,
  machineDetailsFrom,
  parallelCores,
} from '../source/engine/metrics/machine-details.ts';
import type { MachineInfo } from '../source/engine/types.ts';

/** What systeminformation 5 reports, as `si.cpu()` computes it from lscpu, for a few kinds of machine. */
const twoCoreVm: MachineReading = {
  cpu: {
    cores: 2,
    physicalCores: 2,
    performanceCores: 2,
    efficiencyCores: 0,
    speed: 0,
    speedMax: 0,
    governor: '',
  },
  memory: { available: 23_504_658_432 },
  governors: [],
  cpuinfo: 'processor\t: 0\ncpu MHz\t\t: 2596.126\n\nprocessor\t: 1\ncpu MHz\t\t: 2596.126\n',
};
const smtDesktop: MachineReading = {
  cpu: { cores: 8, physicalCores: 4, performanceCores: 4, efficiencyCores: 0, speed: 3.2, speedMax: 4.6 },
  governors: ['powersave\n', 'powersave\n', 'powersave\n', 'powersave\n'],
};
/** i9-12900: 8 performance cores with two threads each, 8 efficiency cores with one. */
const hybridLaptop: MachineReading = {
  cpu: { cores: 24, physicalCores: 16, performanceCores: 8, efficiencyCores: 8, speed: 2.4, speedMax: 5.1 },
  governors: ['performance\n', 'powersave\n'],
};

const machine = (logicalCores: number, reading?: MachineReading): MachineInfo => {
  const details = reading ? machineDetailsFrom(reading, logicalCores) : undefined;
  return { cpuModel: 'Demo', logicalCores, totalMemoryBytes: 2 ** 34, ...(details ? { details } : {}) };
};

describe('machineDetailsFrom', () => {
  test('a two-core VM without a clock in its model line takes the clock from /proc/cpuinfo', () => {
    const details = machineDetailsFrom(twoCoreVm, 2);
    expect(details).toEqual({
      physicalCores: 2,
      speedGHz: expect.closeTo(2.596, 3),
      availableMemoryBytes: 23_504_658_432,
    });
  });

  test('an SMT desktop has half as many physical cores as logical ones, its clock range and its governor', () => {
    expect(machineDetailsFrom(smtDesktop, 8)).toEqual({
      physicalCores: 4,
      speedGHz: 3.2,
      speedMaxGHz: 4.6,
      governor: 'powersave',
    });
  });

  test('a hybrid CPU keeps its performance and efficiency cores, and cores that differ in governor say so', () => {
    expect(machineDetailsFrom(hybridLaptop, 24)).toMatchObject({
      physicalCores: 16,
      hybrid: { performanceCores: 8, efficiencyCores: 8 },
      governor: 'performance/powersave',
    });
  });

  test('a container limited to fewer cores than the host counts no more physical cores than it may use', () => {
    expect(machineDetailsFrom(smtDesktop, 2)?.physicalCores).toBe(2);
  });

  test('nonsense gives no details rather than a wrong count', () => {
    expect(machineDetailsFrom({}, 4)).toBeUndefined();
    expect(machineDetailsFrom({ cpu: { physicalCores: 'four' } }, 4)).toBeUndefined();
    expect(machineDetailsFrom({ cpu: { physicalCores: Number.NaN } }, 4)).toBeUndefined();
    expect(machineDetailsFrom({ cpu: { physicalCores: 0 } }, 4)).toBeUndefined();
    expect(machineDetailsFrom({ cpu: { cores: 2, physicalCores: 4 } }, 4)).toBeUndefined();
  });

  test('a bad clock, governor or memory is left out, the rest kept', () => {
    const details = machineDetailsFrom(
      {
        cpu: { physicalCores: 2, speed: -1, speedMax: 1e9, governor: 'rm -rf /' },
        memory: { available: -5 },
      },
      2,
    );
    expect(details).toEqual({ physicalCores: 2 });
  });
});

describe('averageGHz and governorOf', () => {
  test('the clock is the mean of the cores, and absent when /proc/cpuinfo has none', () => {
    expect(averageGHz('cpu MHz : 1000.0\ncpu MHz : 3000.0\n')).toBeCloseTo(2);
    expect(averageGHz('processor : 0\nBogoMIPS : 50.00\n')).toBeUndefined();
  });

  test('each governor is named once; systeminformation’s is the fallback', () => {
    expect(governorOf(['schedutil\n', 'schedutil\n'])).toBe('schedutil');
    expect(governorOf([], 'ondemand')).toBe('ondemand');
    expect(governorOf([], '')).toBeUndefined();
  });
});

describe('parallelCores', () => {
  test('until the details are known it is the logical cores, and says so', () => {
    expect(parallelCores(machine(8))).toEqual({ count: 8, kind: 'logical' });
  });

  test('physical cores on an SMT machine, performance cores on a hybrid one', () => {
    expect(parallelCores(machine(8, smtDesktop))).toEqual({ count: 4, kind: 'physical' });
    expect(parallelCores(machine(24, hybridLaptop))).toEqual({ count: 8, kind: 'performance' });
    expect(parallelCores(machine(2, twoCoreVm))).toEqual({ count: 2, kind: 'physical' });
  });

  test('never more than the cores this process may run on', () => {
    const limited = { ...machine(24, hybridLaptop), logicalCores: 4 };
    expect(parallelCores(limited).count).toBe(4);
  });
});
