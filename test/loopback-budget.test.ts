import { describe, expect, it } from 'vitest';
import {
  assumedOpenFiles,
  connectionBudget,
  countOpenDescriptors,
  parseProcessLimits,
  readProcessLimits,
} from '../source/engine/metrics/process-limits.ts';
import { maxThreads } from '../source/engine/thread-count.ts';
import { httpBudget } from '../source/engine/workload-services.ts';

const limitsTable = `Limit                     Soft Limit           Hard Limit           Units
Max cpu time              unlimited            unlimited            seconds
Max processes             63704                63704                processes
Max open files            1024                 1048576              files
Max locked memory         8388608              8388608              bytes
`;

describe('the descriptor budget of the loopback client', () => {
  it('reads the soft limits from a /proc limits table', () => {
    expect(parseProcessLimits(limitsTable)).toEqual({ openFiles: 1024, processes: 63704 });
  });

  it('reads an unlimited or missing limit as unknown', () => {
    const unlimited = limitsTable.replace('63704                63704', 'unlimited            unlimited');
    expect(parseProcessLimits(unlimited)).toEqual({ openFiles: 1024, processes: undefined });
    expect(parseProcessLimits('')).toEqual({ openFiles: undefined, processes: undefined });
  });

  it('reads this process’s limits and open descriptors where /proc exists', () => {
    const limits = readProcessLimits();
    if (process.platform === 'linux') expect(limits.openFiles).toBeGreaterThan(0);
    expect(countOpenDescriptors()).toBeGreaterThan(2);
  });

  it('gives the client half of the descriptors left at start, never less than one connection', () => {
    expect(connectionBudget({ openFiles: 1024 }, 24)).toBe(484);
    expect(connectionBudget({ openFiles: 40 }, 30)).toBe(1);
    // Unknown (no /proc): the smallest common default.
    expect(connectionBudget({}, 20)).toBe(Math.floor((assumedOpenFiles - 20 - 32) / 2));
  });

  it('keeps one connection of the budget for every pool thread', () => {
    expect(httpBudget({ openFiles: 1024 }, 24)).toEqual({
      connections: 484,
      mainThreadConnections: 484 - maxThreads,
    });
    expect(httpBudget({ openFiles: 256 }, 24).mainThreadConnections).toBe(100 - maxThreads);
    expect(httpBudget({ openFiles: 64 }, 24).mainThreadConnections).toBe(1);
  });
});
