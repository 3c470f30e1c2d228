// What lets the user see inside a run (issue 14): the slices each thread ran, the stalls blamed on them, the
// advice drawn from the window's facts, the workload's histograms and the task the user opened. One object, so
// the engine only starts, resets, samples and stops it.

import { AdviceMonitor } from './advice/advice-monitor.ts';
import { StallLog } from './blame/stall-log.ts';
import type { PoolSliceSettings } from './model-set.ts';
import { SliceRecording } from './slices/slice-recording.ts';
import { inspectShownTask, ShownRecords, type TaskRecords } from './task-inspection.ts';
import type { Knobs, Snapshot, TaskRecord } from './types.ts';
import type { WorkloadCatalogue } from './workload-catalogue.ts';
import { WorkloadHistograms } from './workload-histograms.ts';

export type InsightOptions = {
  /** Whether tasks' slices are recorded (`--no-slices` turns it off). */
  recordSlices: boolean;
  /** A loop lag over this is a stall, ms. */
  stallThresholdMs: number;
  /** Names the workload of each slice (file workloads by their name). */
  catalogue: WorkloadCatalogue;
};

/** The parts of a snapshot that show inside the run. */
export type InsightSample = Pick<Snapshot, 'stalls' | 'timeline' | 'histograms' | 'inspected'>;

export class Insight {
  /** The current workload's slice lengths (fed by the slice log) and task latencies (fed by the task sink). */
  readonly histograms = new WorkloadHistograms();
  readonly slices: SliceRecording;
  readonly stalls: StallLog;
  readonly #advice = new AdviceMonitor();
  /** The task the task detail shows (action `inspectTask`). */
  #inspectedTaskId: number | undefined;
  /** What the task table showed lately: a task picked from it opens even once the registry dropped it. */
  readonly #shown = new ShownRecords();

  constructor(options: InsightOptions) {
    this.slices = new SliceRecording(options.recordSlices, options.catalogue, {
      histogram: this.histograms.sliceMs,
    });
    this.stalls = new StallLog(this.slices.log, { thresholdMs: options.stallThresholdMs });
  }

  /** For `ModelSet`: whether pool threads record slices, and where their slices go. */
  get poolSlices(): PoolSliceSettings {
    return { onSlice: this.slices.onPoolSlice, recordSlices: this.slices.recording };
  }

  /** For the lag monitor: a stall of `durationMs` from `at`, blamed at the next sample. */
  readonly onStall = (at: number, durationMs: number): void => this.stalls.record(at, durationMs);

  start(): void {
    this.slices.start();
  }

  inspect(taskId: number | undefined): void {
    this.#inspectedTaskId = taskId;
  }

  /** Starts stalls, advice and histograms afresh (the statistics' reset). */
  reset(): void {
    this.stalls.reset();
    this.#advice.reset();
    this.histograms.reset();
    this.#shown.clear();
  }

  sample(
    at: number,
    state: {
      pools: Snapshot['pools'];
      droppedSlices: number;
      knobs: Knobs;
      records: TaskRecords;
      /** The records the task table shows in this snapshot. */
      recent: readonly TaskRecord[];
    },
  ): InsightSample {
    const { slices } = this;
    this.#shown.remember(state.recent, at);
    return {
      stalls: this.stalls.sample(at),
      timeline: slices.sample(at, state.pools, state.droppedSlices),
      histograms: this.histograms.sample(state.knobs),
      inspected: inspectShownTask(
        this.#inspectedTaskId,
        state.records,
        this.#shown,
        slices.recording ? slices.log : undefined,
      ),
    };
  }

  /** Adds the advice that holds now to a snapshot assembled from this window (at most one per pane). */
  advise(snapshot: Snapshot): void {
    const advice = this.#advice.advise(snapshot);
    if (advice.length > 0) snapshot.advice = advice;
  }

  stop(): void {
    this.#advice.stop();
    this.slices.stop();
  }
}
