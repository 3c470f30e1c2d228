import type { LagMonitor, LagSegment } from './metrics/lag-monitor.ts';
import { LatencyHistogram } from './metrics/percentiles.ts';
import { configKeyOf, loadKeyOf } from './run-config.ts';
import type { Percentiles, RunConfig, ScoreboardRow, TaskRecord } from './types.ts';
import { addOnCpuTask, noOnCpuSums, type OnCpuSums, onCpuShareOfSums } from './verdict-on-cpu.ts';

/** Reads this process's CPU time in ms; injectable for tests. */
export type CpuClock = () => number;

export const processCpuMs: CpuClock = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** How the current row stands, from the settling state: the views show it beside the row. */
export type CurrentRowStatus = {
  settling: boolean;
  tasksFromBefore: number;
  /** When the current measurement began (the last change), ms. */
  since: number;
};

/** A stretch of time one row counted: [from, to), `to` being now for the open one. */
export type CountedInterval = { key: string; from: number; to: number };

type Row = {
  config: RunConfig;
  key: string;
  loadKey: string;
  activeMs: number;
  cpuMs: number;
  finished: number;
  failed: number;
  /** Latency of done tasks only. */
  latency: LatencyHistogram;
  /** Opened the first time the row counts. */
  lag: LagSegment | undefined;
  /** Readings kept until the histogram changes: reading a native histogram walks all its buckets. */
  latencyReading: Percentiles | undefined;
  lagReading: Percentiles | undefined;
  overlapping: boolean;
  /** Counted intervals as flat [from, to] pairs; cheap, and only as long as the number of changes. */
  intervals: number[];
  /** CPU time and run time of the done tasks whose CPU time was measured: their share on CPU is the ratio. */
  onCpu: OnCpuSums;
};

type Counting = { since: number; cpuSince: number };

const noLag: Percentiles = { p50: 0, p99: 0, max: 0 };

function onCpuFields({ cpuMs, runMs }: OnCpuSums): Pick<ScoreboardRow, 'onCpuShare' | 'onCpuSums'> {
  const share = onCpuShareOfSums({ cpuMs, runMs });
  return share === undefined ? {} : { onCpuShare: share, onCpuSums: { cpuMs, runMs } };
}

/**
 * Whole-session aggregates per configuration (`RunConfig`). One row is current at a time, and it counts
 * (time, CPU, lag, finished tasks) only between `startCounting` and `stopCounting`, which the settling logic
 * calls: so the rows' counted intervals never overlap, and each task counts for at most one row.
 */
export class Scoreboard {
  readonly #rows = new Map<string, Row>();
  readonly #lagMonitor: LagMonitor;
  readonly #cpuMs: CpuClock;
  #current: Row | undefined;
  #counting: Counting | undefined;

  constructor(lagMonitor: LagMonitor, cpuMs: CpuClock = processCpuMs) {
    this.#lagMonitor = lagMonitor;
    this.#cpuMs = cpuMs;
  }

  /** Makes `config`'s row the current one (a new row the first time), not counting yet. Returns its key. */
  select(config: RunConfig, at: number): string {
    this.stopCounting(at);
    const key = configKeyOf(config);
    let row = this.#rows.get(key);
    if (!row) {
      row = {
        config: { ...config, knobs: { ...config.knobs } },
        key,
        loadKey: loadKeyOf(config),
        activeMs: 0,
        cpuMs: 0,
        finished: 0,
        failed: 0,
        latency: new LatencyHistogram(),
        lag: undefined,
        latencyReading: undefined,
        lagReading: undefined,
        overlapping: false,
        intervals: [],
        onCpu: noOnCpuSums(),
      };
      this.#rows.set(key, row);
    }
    this.#current = row;
    return key;
  }

  get counting(): boolean {
    return this.#counting !== undefined;
  }

  /** The current row counts from `at` on; `overlapping` marks it for good as having begun before settling. */
  startCounting(at: number, overlapping: boolean): void {
    const row = this.#current;
    if (!row || this.#counting) return;
    if (overlapping) row.overlapping = true;
    if (row.lag) row.lag.resume();
    else row.lag = this.#lagMonitor.openSegment();
    row.intervals.push(at, Number.NaN);
    this.#counting = { since: at, cpuSince: this.#cpuMs() };
  }

  stopCounting(at: number): void {
    const row = this.#current;
    const counting = this.#counting;
    if (!row || !counting) return;
    row.activeMs += at - counting.since;
    row.cpuMs += this.#cpuMs() - counting.cpuSince;
    row.lag?.suspend();
    row.lagReading = undefined;
    row.intervals[row.intervals.length - 1] = at;
    this.#counting = undefined;
  }

  /**
   * Counts a finished task for the current row, which must be counting. Returns the row's key. Latency counts
   * from `measuredFrom` when the task has one (the moment it joined this measurement), else from its submit time.
   */
  record(task: TaskRecord & { measuredFrom?: number }): string | undefined {
    const row = this.#current;
    if (!row || !this.#counting) return undefined;
    if (task.state === 'done') {
      row.finished++;
      const from = task.measuredFrom ?? task.submittedAt;
      row.latency.record(Math.max(0, (task.endedAt ?? from) - from));
      row.latencyReading = undefined;
      addOnCpuTask(row.onCpu, task);
    } else if (task.state === 'failed') {
      row.failed++;
    } else {
      return undefined;
    }
    return row.key;
  }

  /** Every configuration seen since the last reset, first seen first. */
  rows(at: number, status: CurrentRowStatus): ScoreboardRow[] {
    const counting = this.#counting;
    const cpuNow = counting ? this.#cpuMs() : 0;
    return [...this.#rows.values()].map((row) => {
      const live = row === this.#current ? counting : undefined;
      const activeMs = row.activeMs + (live ? at - live.since : 0);
      const cpuMs = row.cpuMs + (live ? cpuNow - live.cpuSince : 0);
      row.latencyReading ??= row.latency.read();
      const latency = row.latencyReading;
      // The counting row's lag changes with every probe; the others' stays as it was when they stopped.
      if (live || !row.lagReading) row.lagReading = row.lag?.read() ?? noLag;
      const lag = row.lagReading;
      const current = row === this.#current;
      const settling = current && status.settling;
      return {
        key: row.key,
        loadKey: row.loadKey,
        config: row.config,
        model: row.config.model,
        workload: row.config.workload,
        phase: !current ? 'past' : settling ? 'settling' : 'measuring',
        ...(settling
          ? { settling: { tasksFromBefore: status.tasksFromBefore, forMs: Math.max(0, at - status.since) } }
          : {}),
        overlapping: row.overlapping,
        activeMs,
        finished: row.finished,
        failed: row.failed,
        throughput: activeMs > 0 ? (row.finished * 1000) / activeMs : 0,
        failureRate: activeMs > 0 ? (row.failed * 1000) / activeMs : 0,
        latencyP50: latency.p50,
        latencyP99: latency.p99,
        lagP99: lag.p99,
        lagMax: lag.max,
        coresUsed: activeMs > 0 ? cpuMs / activeMs : 0,
        ...onCpuFields(row.onCpu),
      };
    });
  }

  /** Every interval each row counted since the last reset, the open one ending at `at`. */
  countedIntervals(at: number): CountedInterval[] {
    const intervals: CountedInterval[] = [];
    for (const row of this.#rows.values()) {
      for (let index = 0; index < row.intervals.length; index += 2) {
        const to = row.intervals[index + 1] as number;
        intervals.push({
          key: row.key,
          from: row.intervals[index] as number,
          to: Number.isNaN(to) ? at : to,
        });
      }
    }
    return intervals;
  }

  /** Forgets every row; the caller selects the current configuration again. */
  reset(at: number): void {
    this.stopCounting(at);
    for (const row of this.#rows.values()) row.lag?.close();
    this.#rows.clear();
    this.#current = undefined;
  }

  close(at: number): void {
    this.stopCounting(at);
    for (const row of this.#rows.values()) row.lag?.close();
  }
}
