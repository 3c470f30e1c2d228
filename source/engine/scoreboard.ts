import type { LagMonitor, LagSegment } from './metrics/lag-monitor.ts';
import { LatencyHistogram } from './metrics/percentiles.ts';
import { configKeyOf, loadKeyOf } from './run-config.ts';
import type { ModelName, RunConfig, ScoreboardRow, TaskRecord } from './types.ts';

/** Reads this process's CPU time in ms; injectable for tests. */
export type CpuClock = () => number;

export const processCpuMs: CpuClock = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

type Row = {
  model: ModelName;
  workload: string;
  activeMs: number;
  cpuMs: number;
  finished: number;
  failed: number;
  latency: LatencyHistogram;
  lag: LagSegment;
};

type Active = { row: Row; since: number; cpuSince: number };

/**
 * Whole-session aggregates per (workload, model), counted only while that pair is the active one:
 * a task that drains on the old model after a switch counts for neither row, so each row
 * describes one model running alone.
 */
export class Scoreboard {
  readonly #rows = new Map<string, Row>();
  readonly #lagMonitor: LagMonitor;
  readonly #cpuMs: CpuClock;
  #active: Active | undefined;

  constructor(lagMonitor: LagMonitor, cpuMs: CpuClock = processCpuMs) {
    this.#lagMonitor = lagMonitor;
    this.#cpuMs = cpuMs;
  }

  /** Makes (workload, model) the active pair from `at` on. */
  activate(workload: string, model: ModelName, at: number): void {
    this.#deactivate(at);
    const key = `${workload}\u0000${model}`;
    let row = this.#rows.get(key);
    if (!row) {
      row = {
        model,
        workload,
        activeMs: 0,
        cpuMs: 0,
        finished: 0,
        failed: 0,
        latency: new LatencyHistogram(),
        lag: this.#lagMonitor.openSegment(),
      };
      this.#rows.set(key, row);
    } else {
      row.lag.resume();
    }
    this.#active = { row, since: at, cpuSince: this.#cpuMs() };
  }

  /** Stops the clock on the active pair, e.g. while paused. */
  suspend(at: number): void {
    this.#deactivate(at);
  }

  /** Counts a finished task if it ran on the active pair. */
  record(task: TaskRecord, workload: string): void {
    const active = this.#active;
    if (!active || active.row.workload !== workload || active.row.model !== task.model) return;
    if (task.state === 'done') active.row.finished++;
    else if (task.state === 'failed') active.row.failed++;
    else return;
    active.row.latency.record((task.endedAt ?? task.submittedAt) - task.submittedAt);
  }

  rows(at: number): ScoreboardRow[] {
    return [...this.#rows.values()].map((row) => {
      const live = this.#active?.row === row ? this.#active : undefined;
      const activeMs = row.activeMs + (live ? at - live.since : 0);
      const cpuMs = row.cpuMs + (live ? this.#cpuMs() - live.cpuSince : 0);
      const latency = row.latency.read();
      const lag = row.lag.read();
      const finished = row.finished + row.failed;
      const config: RunConfig = {
        workload: row.workload,
        model: row.model,
        mode: 'closed',
        load: 0,
        knobs: {},
      };
      return {
        key: configKeyOf(config),
        loadKey: loadKeyOf(config),
        config,
        phase: live ? 'measuring' : 'past',
        overlapping: false,
        failureRate: activeMs > 0 ? (row.failed * 1000) / activeMs : 0,
        model: row.model,
        workload: row.workload,
        activeMs,
        finished: row.finished,
        failed: row.failed,
        throughput: activeMs > 0 ? (finished * 1000) / activeMs : 0,
        latencyP50: latency.p50,
        latencyP99: latency.p99,
        lagP99: lag.p99,
        lagMax: lag.max,
        coresUsed: activeMs > 0 ? cpuMs / activeMs : 0,
      };
    });
  }

  /** Forgets every row; the active pair starts afresh from `at`. */
  reset(at: number): void {
    const active = this.#active;
    this.#deactivate(at);
    for (const row of this.#rows.values()) row.lag.close();
    this.#rows.clear();
    if (active) this.activate(active.row.workload, active.row.model, at);
  }

  close(): void {
    this.#active = undefined;
    for (const row of this.#rows.values()) row.lag.close();
  }

  #deactivate(at: number): void {
    const active = this.#active;
    if (!active) return;
    active.row.activeMs += at - active.since;
    active.row.cpuMs += this.#cpuMs() - active.cpuSince;
    active.row.lag.suspend();
    this.#active = undefined;
  }
}
