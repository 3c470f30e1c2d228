import { describe, expect, it } from 'vitest';
import { speedupCurve } from '../source/engine/amdahl-fit.ts';
import { type VerdictFacts, verdictOf } from '../source/engine/verdict.ts';

const cpuFacts: VerdictFacts = {
  onCpuShare: 0.93,
  parallelCores: 2,
  poolThreads: 2,
  models: [
    { model: 'async', throughput: 50, lagP99: 160 },
    { model: 'workers', throughput: 95, lagP99: 1 },
    { model: 'processes', throughput: 90, lagP99: 1 },
  ],
};

const waitingFacts: VerdictFacts = {
  onCpuShare: 0.02,
  parallelCores: 2,
  poolThreads: 2,
  models: [
    { model: 'async', throughput: 160, lagP99: 1.5 },
    { model: 'workers', throughput: 40, lagP99: 1 },
    { model: 'processes', throughput: 39, lagP99: 1 },
  ],
};

describe('the verdict', () => {
  it('calls CPU-bound work CPU-bound and sends it to the faster pool, with the sweep and the fit', () => {
    const curve = speedupCurve(
      [
        { threads: 1, throughput: 50 },
        { threads: 2, throughput: 95 },
        { threads: 4, throughput: 93 },
      ],
      2,
      true,
    );
    const verdict = verdictOf({ ...cpuFacts, sweep: { curve, serialFraction: 0.03 } });
    expect(verdict.kind).toBe('cpu-bound');
    expect(verdict.model).toBe('workers');
    expect(verdict.line).toBe(
      "CPU-bound: 93 % of the tasks' run time is on CPU; run it on workers: 1.9× one thread at 2 threads, 2× ideal, serial fraction 3 %.",
    );
  });

  it('names processes when they were the faster pool, and compares with async without a sweep', () => {
    const models = cpuFacts.models.map((fact) =>
      fact.model === 'processes' ? { ...fact, throughput: 99 } : fact,
    );
    const verdict = verdictOf({ ...cpuFacts, models });
    expect(verdict.model).toBe('processes');
    expect(verdict.line).toContain('run it on processes: 2.0× async here, 2× ideal');
    expect(verdict.line).not.toContain('serial fraction');
  });

  it('calls work that waits waiting and sends it to async', () => {
    const verdict = verdictOf(waitingFacts);
    expect(verdict.kind).toBe('waiting');
    expect(verdict.model).toBe('async');
    expect(verdict.line).toBe(
      "Waiting: 2 % of the tasks' run time is on CPU; run it on async: 160/s here (workers 40/s, processes 39/s), lag p99 2 ms.",
    );
  });

  it('calls little CPU with a high lag on async blocking, and says what to do', () => {
    const models = waitingFacts.models.map((fact) =>
      fact.model === 'async' ? { ...fact, lagP99: 49 } : fact,
    );
    const verdict = verdictOf({ ...waitingFacts, models });
    expect(verdict.kind).toBe('blocking');
    expect(verdict.line).toContain('lag p99 49 ms on async');
    expect(verdict.line).toContain('use a non-blocking API, or run it on workers');
  });

  it('calls little CPU that runs slower on the loop than on a pool blocking, even with a low lag', () => {
    const models = waitingFacts.models.map((fact) =>
      fact.model === 'async' ? { ...fact, throughput: 20 } : fact,
    );
    expect(verdictOf({ ...waitingFacts, models }).kind).toBe('blocking');
  });

  it('stays quiet on blocking while the lag and the throughput on async are fine', () => {
    const justUnder = waitingFacts.models.map((fact) =>
      fact.model === 'async' ? { ...fact, lagP99: 9.9, throughput: 33 } : fact,
    );
    expect(verdictOf({ ...waitingFacts, models: justUnder }).kind).toBe('waiting');
  });

  it('stays quiet on CPU-bound under half the time on CPU, and says it from there', () => {
    expect(verdictOf({ ...cpuFacts, onCpuShare: 0.49 }).kind).not.toBe('cpu-bound');
    expect(verdictOf({ ...cpuFacts, onCpuShare: 0.5 }).kind).toBe('cpu-bound');
  });

  it('between a fifth and half the time on CPU names the fastest model measured, async included', () => {
    const models = [
      { model: 'async' as const, throughput: 897, lagP99: 8.9 },
      { model: 'workers' as const, throughput: 854, lagP99: 4.3 },
      { model: 'processes' as const, throughput: 933, lagP99: 3.8 },
    ];
    const verdict = verdictOf({ ...cpuFacts, models, onCpuShare: 0.23 });
    expect(verdict.kind).toBe('partly-cpu');
    expect(verdict.model).toBe('processes');
    expect(verdict.line).toBe(
      "Partly on CPU: 23 % of the tasks' run time is on CPU; fastest measured: processes, 933/s here (async 897/s, workers 854/s).",
    );
    const loopFirst = models.map((fact) => (fact.model === 'async' ? { ...fact, throughput: 1000 } : fact));
    expect(verdictOf({ ...cpuFacts, models: loopFirst, onCpuShare: 0.3 }).model).toBe('async');
    expect(verdictOf({ ...cpuFacts, models, onCpuShare: 0.19 }).kind).not.toBe('partly-cpu');
  });

  it('gives no verdict without a finished task or a measured share', () => {
    expect(verdictOf({ ...cpuFacts, models: [] }).kind).toBe('unknown');
    const unmeasured = verdictOf({ ...cpuFacts, onCpuShare: undefined });
    expect(unmeasured.kind).toBe('unknown');
    expect(unmeasured.line).toContain('fastest here: workers');
  });

  it('asks for async before telling waiting from blocking', () => {
    const models = waitingFacts.models.filter((fact) => fact.model !== 'async');
    const verdict = verdictOf({ ...waitingFacts, models });
    expect(verdict.kind).toBe('unknown');
    expect(verdict.line).toContain('measure it on async');
  });

  it('still says CPU-bound when no pool was measured', () => {
    const models = cpuFacts.models.filter((fact) => fact.model === 'async');
    const verdict = verdictOf({ ...cpuFacts, models });
    expect(verdict.kind).toBe('cpu-bound');
    expect(verdict.model).toBeUndefined();
    expect(verdict.line).toContain('workers or processes');
  });
});
