// How to run this task, in one sentence, from measured facts only: the tasks' share of their run time on CPU, the
// loop's lag while it ran on async, the throughput of each model and, from a thread sweep, how far throughput
// follows threads. Pure functions: the bench and the dashboard gather the facts, this judges them.

import type { SpeedupPoint } from './amdahl-fit.ts';
import type { ModelName } from './types.ts';

/** What one model measured at one load. */
export type ModelFact = { model: ModelName; throughput: number; lagP99: number };

export type VerdictFacts = {
  /**
   * Share of the tasks' run time spent on their threads' CPU, 0–1: Σ CPU time ÷ Σ run time of the measured tasks
   * (verdict-on-cpu.ts); undefined when no task was measured.
   */
  onCpuShare?: number | undefined;
  /** Models measured at the same load; a model absent was not measured. */
  models: readonly ModelFact[];
  /** The cores that can run in parallel here. */
  parallelCores: number;
  /** The pool's threads while the models ran (the ideal without a sweep). */
  poolThreads: number;
  /** A thread sweep of the worker pool, when one ran. */
  sweep?: { curve: readonly SpeedupPoint[]; serialFraction?: number | undefined } | undefined;
};

export type VerdictKind = 'cpu-bound' | 'partly-cpu' | 'waiting' | 'blocking' | 'unknown';

export type Verdict = {
  kind: VerdictKind;
  /** The model the sentence recommends, when it names one. */
  model?: ModelName;
  /** One plain sentence. */
  line: string;
};

/**
 * From this share of the tasks' run time on CPU, a task is CPU-bound: a task that computes is on CPU nearly all its
 * run time when its thread has a core (95 % and more measured here), a task that waits a few percent.
 */
export const cpuBoundShare = 0.5;
/**
 * From this share up to `cpuBoundShare`, a task is partly on CPU (a cached `readFile`: copying on its thread,
 * the reads on libuv's): the facts do not say which model wins, so the verdict names the fastest measured.
 */
export const partlyOnCpuShare = 0.2;
/** Lag p99 on the loop at or past this, with little CPU, means the task holds the loop without computing, ms. */
export const blockingLagMs = 10;
/** Async below this share of the best pool's throughput, for work with little CPU, holds its thread too. */
const blockingThroughputShare = 0.8;

const percent = (share: number): string => `${Math.round(share * 100)} %`;
const times = (ratio: number): string => `${ratio >= 10 ? Math.round(ratio) : ratio.toFixed(1)}×`;
const ideal = (value: number): string => `${Number.isInteger(value) ? value : value.toFixed(1)}×`;
const perSecond = (throughput: number): string =>
  `${throughput >= 10 ? Math.round(throughput).toLocaleString('en-US') : throughput.toFixed(1)}/s`;

function best(models: readonly ModelFact[], among: readonly ModelName[]): ModelFact | undefined {
  let found: ModelFact | undefined;
  for (const fact of models) {
    if (!among.includes(fact.model) || !(fact.throughput > 0)) continue;
    if (!found || fact.throughput > found.throughput) found = fact;
  }
  return found;
}

/** "1.9× here, 2× ideal": the sweep's best point against one thread, else the pool against async. */
function speedupWords(facts: VerdictFacts, pool: ModelFact): string | undefined {
  const curve = facts.sweep?.curve ?? [];
  const top = curve.reduce<SpeedupPoint | undefined>(
    (found, point) => (found && found.speedup >= point.speedup ? found : point),
    undefined,
  );
  const parts: string[] = [];
  if (top && top.threads > 1) {
    parts.push(`${times(top.speedup)} one thread at ${top.threads} threads, ${ideal(top.ideal)} ideal`);
  } else {
    const loop = facts.models.find((fact) => fact.model === 'async');
    if (!loop || !(loop.throughput > 0)) return undefined;
    const most = Math.min(facts.poolThreads, Math.max(1, facts.parallelCores));
    parts.push(`${times(pool.throughput / loop.throughput)} async here, ${ideal(most)} ideal`);
  }
  const serial = facts.sweep?.serialFraction;
  if (serial !== undefined) parts.push(`serial fraction ${percent(serial)}`);
  return parts.join(', ');
}

function othersWords(facts: VerdictFacts, chosen: ModelFact): string {
  const others = facts.models.filter((fact) => fact !== chosen && fact.throughput >= 0);
  const list = others.map((fact) => `${fact.model} ${perSecond(fact.throughput)}`).join(', ');
  return `${perSecond(chosen.throughput)} here${list ? ` (${list})` : ''}`;
}

/** One sentence on how to run the task, from the facts; `unknown` when they do not decide it. */
export function verdictOf(facts: VerdictFacts): Verdict {
  const share = facts.onCpuShare;
  const measured = facts.models.filter((fact) => fact.throughput > 0);
  if (measured.length === 0)
    return { kind: 'unknown', line: 'No verdict yet: no model has finished a task.' };
  if (share === undefined) {
    const top = best(facts.models, ['async', 'workers', 'processes']) as ModelFact;
    return {
      kind: 'unknown',
      line: `No verdict: no task's CPU time was measured (that needs Node ≥ 23.9, and a task that has its thread to itself); fastest here: ${top.model}, ${perSecond(top.throughput)}.`,
    };
  }
  const onCpu = `${percent(share)} of the tasks' run time is on CPU`;
  if (share >= cpuBoundShare) {
    const pool = best(facts.models, ['workers', 'processes']);
    if (!pool) {
      return {
        kind: 'cpu-bound',
        line: `CPU-bound: ${onCpu}; run it on workers or processes (neither measured yet).`,
      };
    }
    const speedup = speedupWords(facts, pool);
    return {
      kind: 'cpu-bound',
      model: pool.model,
      line: `CPU-bound: ${onCpu}; run it on ${pool.model}: ${speedup ?? othersWords(facts, pool)}.`,
    };
  }
  if (share >= partlyOnCpuShare) {
    const top = best(facts.models, ['async', 'workers', 'processes']) as ModelFact;
    return {
      kind: 'partly-cpu',
      model: top.model,
      line: `Partly on CPU: ${onCpu}; fastest measured: ${top.model}, ${othersWords(facts, top)}.`,
    };
  }
  const loop = facts.models.find((fact) => fact.model === 'async');
  if (!loop) {
    return {
      kind: 'unknown',
      line: `Little CPU: ${onCpu}; measure it on async to tell waiting from blocking.`,
    };
  }
  const pool = best(facts.models, ['workers', 'processes']);
  const slowOnLoop = pool !== undefined && loop.throughput < blockingThroughputShare * pool.throughput;
  if (loop.lagP99 >= blockingLagMs || slowOnLoop) {
    const lag = `lag p99 ${Math.round(loop.lagP99)} ms on async`;
    const onPool = pool
      ? ` (${pool.model} ${perSecond(pool.throughput)} vs async ${perSecond(loop.throughput)})`
      : '';
    return {
      kind: 'blocking',
      ...(pool ? { model: pool.model } : {}),
      line: `Blocking: ${onCpu}, yet it holds its thread (${lag}); use a non-blocking API, or run it on ${pool?.model ?? 'workers'}${onPool}.`,
    };
  }
  return {
    kind: 'waiting',
    model: 'async',
    line: `Waiting: ${onCpu}; run it on async: ${othersWords(facts, loop)}, lag p99 ${Math.round(loop.lagP99)} ms.`,
  };
}
