// The facts of one window that the advice rules judge: plain numbers drawn from a snapshot and from what the
// advice monitor measured alongside it (the main thread's CPU, the GC share, the queue over recent windows).
// Pure, so each rule is tested from recorded values.

import { parallelCores } from '../metrics/machine-details.ts';
import { findModel } from '../models/model-descriptors.ts';
import type { Snapshot, Stall } from '../types.ts';

/** What the loop's stalls of the last `stallSpanMs` say about the tasks that covered them. */
export type StallFacts = {
  /** Stalls over the threshold that ended in the span. */
  count: number;
  /** Of them, stalls mostly covered by one task's slice (a task that ran on without yielding). */
  blamedOnLongSlices: number;
  /** The longest culprit slice among them, ms (0 for none). */
  longestSliceMs: number;
  /** The task of that slice, for the facts string. */
  culprit?: { taskId: number; workload: string };
};

/** The current model's pool, when it has one and it runs. */
export type PoolFacts = {
  threads: number;
  busyThreads: number;
  /** Busy thread-time over the time threads were up, 0…1. */
  utilization: number;
  queueSize: number;
  /** How the queue changed over the recent windows, tasks per second (positive: growing). */
  queueGrowthPerSecond: number;
  /** The queue held tasks in every one of the recent windows (a closed loop's backlog stands rather than grows). */
  queueStanding: boolean;
  /** CPU the run used outside the main thread (its worker threads and child processes), in cores. */
  poolCores: number;
  tasksPerWorker: number;
  gil: boolean;
};

export type AdviceFacts = {
  /** Nothing to judge: paused, or tasks from a previous setting still finishing (settling). */
  quiet: boolean;
  /** Event-loop utilization, 0…1. */
  elu: number;
  lagP99: number;
  /** CPU the main thread used over the window, in cores (the loop runs the async model's tasks). */
  loopCores: number;
  /** CPU this process and its pool's children used, in cores. */
  processCores: number;
  /** Busy cores machine-wide (the sum of every core's busy share), and the logical cores. */
  machineBusyCores: number;
  logicalCores: number;
  /** Cores that can run tasks in parallel (physical or performance cores once known, else logical). */
  parallelCores: number;
  /** Busy cores machine-wide minus this process and its children: other processes' CPU. */
  otherCores: number;
  /** Absent while stalls are not measured (no `Snapshot.stalls`). */
  stalls?: StallFacts;
  /** Absent when the current model has no pool. */
  pool?: PoolFacts;
  /** Share of the window the main thread spent paused in GC, 0…1. */
  gcShare: number;
};

/** What the advice monitor measures beside the snapshot. */
export type MeasuredBeside = {
  /** The main thread's CPU over the window, in cores; undefined where Node cannot read one thread's clock. */
  loopCores: number | undefined;
  gcShare: number;
  /** The current pool's queue size in the recent windows, oldest first, with when each was read. */
  queue: readonly { at: number; size: number }[];
};

/** Stalls that ended within this span before the snapshot count: stalls come and go between windows. */
export const stallSpanMs = 1000;

/** A culprit slice "explains" a stall when it covers at least this share of it. */
const explainsShare = 0.5;

export function stallFacts(recent: readonly Stall[], at: number, thresholdMs: number): StallFacts {
  const facts: StallFacts = { count: 0, blamedOnLongSlices: 0, longestSliceMs: 0 };
  for (const stall of recent) {
    if (stall.at + stall.durationMs < at - stallSpanMs) continue;
    facts.count++;
    const longest = stall.culprits[0];
    if (!longest) continue;
    if (longest.sliceMs >= Math.max(thresholdMs, explainsShare * stall.durationMs))
      facts.blamedOnLongSlices++;
    if (longest.sliceMs > facts.longestSliceMs) {
      facts.longestSliceMs = longest.sliceMs;
      facts.culprit = { taskId: longest.taskId, workload: longest.workload };
    }
  }
  return facts;
}

/** Growth of the queue over the readings, tasks per second, and whether it held tasks in each. */
export function queueTrend(queue: MeasuredBeside['queue']): { growth: number; standing: boolean } {
  const first = queue[0];
  const last = queue.at(-1);
  if (!first || !last || last.at <= first.at) return { growth: 0, standing: false };
  return {
    growth: ((last.size - first.size) * 1000) / (last.at - first.at),
    standing: queue.length >= 2 && queue.every((reading) => reading.size > 0),
  };
}

export function adviceFacts(snapshot: Snapshot, beside: MeasuredBeside): AdviceFacts {
  const { cpu, eventLoop } = snapshot;
  const machineBusyCores = cpu.perCore.reduce((sum, share) => sum + share, 0);
  const ownCores = cpu.processCores - (cpu.childProcessCores ?? 0);
  // Without a thread clock, the process's own CPU stands in for the main thread's (pool threads count too).
  const loopCores = beside.loopCores ?? ownCores;
  const pool = snapshot.pools[snapshot.model];
  const hasPool = findModel(snapshot.model)?.pool !== undefined;
  const settling = snapshot.history.at(-1)?.settling ?? false;
  const facts: AdviceFacts = {
    quiet: snapshot.scheduler.paused || settling,
    elu: eventLoop.utilization,
    lagP99: eventLoop.lag.p99,
    loopCores,
    processCores: cpu.processCores,
    machineBusyCores,
    logicalCores: cpu.perCore.length || snapshot.machine.logicalCores,
    parallelCores: parallelCores(snapshot.machine).count,
    otherCores: Math.max(0, machineBusyCores - cpu.processCores),
    gcShare: beside.gcShare,
  };
  if (snapshot.stalls) {
    facts.stalls = stallFacts(snapshot.stalls.recent, snapshot.at, snapshot.stalls.thresholdMs);
  }
  if (hasPool && pool?.active) {
    const trend = queueTrend(beside.queue);
    facts.pool = {
      threads: pool.threads,
      busyThreads: pool.busyThreads,
      utilization: pool.utilization,
      queueSize: pool.queueSize,
      queueGrowthPerSecond: trend.growth,
      queueStanding: trend.standing,
      poolCores: Math.max(0, cpu.processCores - loopCores),
      tasksPerWorker: snapshot.threading?.tasksPerWorker ?? 1,
      gil: snapshot.threading?.gil ?? false,
    };
  }
  return facts;
}
