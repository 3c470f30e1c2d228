import { describe, expect, test } from 'vitest';
import type { AdviceFacts } from '../source/engine/advice/advice-facts.ts';
import { adviceRules, rulesHolding } from '../source/engine/advice/advice-rules.ts';
import type { AdviceRule } from '../source/engine/types.ts';
import { calm, recorded } from './fixtures/advice-facts.ts';

const holding = (facts: AdviceFacts): AdviceRule[] => [...rulesHolding(facts)].sort();

describe('advice rules', () => {
  test.each([
    ['asyncCpu', ['cpu-on-loop', 'cpu-contention']],
    ['asyncBlocking', ['blocking-call']],
    ['workersIoHttp100', ['waiting-on-threads']],
    ['workersCpu', ['pool-saturated']],
    ['workersCpuSixThreads', ['oversubscribed', 'pool-saturated']],
    ['asyncIoTimerBusyMachine', ['cpu-contention']],
    ['allocating', ['gc-pressure']],
  ] as const)('%s fires exactly %j', (name, rules) => {
    expect(holding(recorded[name])).toEqual([...rules].sort());
  });

  test('async io-timer at 10,000, busy and collecting garbage, gets no advice', () => {
    expect(holding(recorded.asyncIoTimer10k)).toEqual([]);
  });

  test('a calm run, a paused one and a settling one get no advice', () => {
    expect(holding(calm)).toEqual([]);
    expect(holding({ ...recorded.asyncCpu, quiet: true })).toEqual([]);
    expect(holding({ ...recorded.workersIoHttp100, quiet: true })).toEqual([]);
  });

  test('without stall measurements the loop rules stay quiet rather than guess', () => {
    const { stalls: _cpu, ...cpuWithoutStalls } = recorded.asyncCpu;
    const { stalls: _blocking, ...blockingWithoutStalls } = recorded.asyncBlocking;
    expect(holding(cpuWithoutStalls)).not.toContain('cpu-on-loop');
    expect(holding(blockingWithoutStalls)).not.toContain('blocking-call');
  });

  test('stalls with no long slice behind them (GC, the engine) blame no task', () => {
    const gcStalls = {
      ...recorded.asyncCpu,
      stalls: { count: 6, blamedOnLongSlices: 0, longestSliceMs: 0.1 },
    };
    expect(holding(gcStalls)).not.toContain('cpu-on-loop');
  });

  test('a loop busy below 95 % is not CPU work on the loop, however long the slices', () => {
    expect(holding({ ...recorded.asyncCpu, elu: 0.9 })).not.toContain('cpu-on-loop');
  });

  test('a loop thread that used CPU for a third of its busy time is not blocked', () => {
    expect(holding({ ...recorded.asyncBlocking, loopCores: 0.35 })).not.toContain('blocking-call');
  });

  test('threads that wait but drained their queue get no advice', () => {
    const drained = {
      ...recorded.workersIoHttp100,
      pool: { ...recorded.workersIoHttp100.pool, queueSize: 0, queueStanding: false },
    };
    expect(holding(drained)).toEqual([]);
  });

  test('an open loop whose queue grows counts as a backlog even before it stood for a second', () => {
    const pool = { ...recorded.workersIoHttp100.pool, queueStanding: false, queueGrowthPerSecond: 40 };
    expect(holding({ ...recorded.workersIoHttp100, pool })).toContain('waiting-on-threads');
  });

  test('a pool under a GIL is not "more threads than cores" nor waiting on threads', () => {
    expect(holding(recorded.workersIoHttpGil)).toEqual([]);
    const gilCpu = {
      ...recorded.workersCpuSixThreads,
      pool: { ...recorded.workersCpuSixThreads.pool, gil: true },
    };
    expect(holding(gilCpu)).not.toContain('oversubscribed');
  });

  test('a pool with spare CPU is not saturated', () => {
    const spare = {
      ...recorded.workersCpu,
      processCores: 1,
      machineBusyCores: 1.1,
      pool: { ...recorded.workersCpu.pool, threads: 1, busyThreads: 1, poolCores: 0.97 },
    };
    expect(holding(spare)).not.toContain('pool-saturated');
  });

  test('other processes on a machine with cores to spare skew nothing', () => {
    expect(holding({ ...calm, machineBusyCores: 1.2, otherCores: 1.1 })).toEqual([]);
  });

  test('GC under half of the main thread is a cost, not pressure', () => {
    expect(holding({ ...calm, gcShare: 0.45 })).toEqual([]);
    expect(holding({ ...calm, gcShare: 0.5 })).toEqual(['gc-pressure']);
  });

  test('GC pauses timed while other processes hold the cores are not pressure: the pauses waited for a core', () => {
    const contended = {
      ...calm,
      gcShare: 0.55,
      machineBusyCores: calm.logicalCores,
      otherCores: calm.logicalCores / 2,
    };
    expect(holding(contended)).toEqual(['cpu-contention']);
  });

  test('every rule says what it means and what to do, and names the facts that fired it', () => {
    const firing: Record<AdviceRule, AdviceFacts> = {
      'cpu-on-loop': recorded.asyncCpu,
      'blocking-call': recorded.asyncBlocking,
      'gc-pressure': recorded.allocating,
      'waiting-on-threads': recorded.workersIoHttp100,
      'pool-saturated': recorded.workersCpu,
      oversubscribed: recorded.workersCpuSixThreads,
      'cpu-contention': recorded.asyncIoTimerBusyMachine,
    };
    expect(new Set(adviceRules.map((spec) => spec.rule)).size).toBe(adviceRules.length);
    for (const spec of adviceRules) {
      expect(spec.message).toMatch(/: /);
      expect(spec.title.length + spec.action.length).toBeLessThan(60);
      expect(spec.facts(firing[spec.rule])).not.toMatch(/undefined|NaN/);
      // The pane line never spells a pane's title in capitals: it would read as a second pane on screen.
      expect(`${spec.title}: ${spec.action} · ${spec.facts(firing[spec.rule])}`).not.toMatch(
        /(?<![\p{L}\p{N}])(?:SCOREBOARD|EVENT LOOP|WORKER POOL|TASKS|CPU|ASYNC|WORKERS)(?![\p{L}\p{N}])/u,
      );
    }
    expect(adviceRules.find((spec) => spec.rule === 'cpu-on-loop')?.facts(recorded.asyncCpu)).toBe(
      'ELU 100 %, loop thread on 0.6 cores, 4 stalls, slices to 71 ms (#120 cpu)',
    );
  });
});
