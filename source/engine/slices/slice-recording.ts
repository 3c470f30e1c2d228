// The engine's side of slices: the log, the histogram of slice lengths, the loop recorder's hold and the
// timeline for each snapshot. The engine keeps one, so engine.ts only wires it.

import type { LiveTask, LoopSliceSink } from '../live-task.ts';
import { LogHistogramCounter } from '../metrics/log-histogram.ts';
import type { Snapshot, TimelineSample } from '../types.ts';
import type { WorkloadCatalogue } from '../workload-catalogue.ts';
import { bareFileUrl } from '../workload-file-name.ts';
import { holdLoopRecording } from './loop-recording.ts';
import { SliceLog, type SliceLogOptions } from './slice-log.ts';
import type { PoolSliceSink } from './slice-query.ts';
import { TaskSliceStats } from './task-slice-stats.ts';

/** Lane prefix of each pool model's threads in the timeline. */
const lanePrefixes: Record<string, string> = { workers: 't', processes: 'p' };

export class SliceRecording {
  /** Whether slices are recorded (`--no-slices` turns it off: then no promise hook is ever set). */
  readonly recording: boolean;
  readonly log: SliceLog;
  /** Slice lengths, ms: the counter the engine's workload histograms hand in (workload-histograms.ts). */
  readonly histogram: LogHistogramCounter;
  /** For `ModelSet`: where the pools' slices go. */
  readonly onPoolSlice: PoolSliceSink;
  /** For the task sink: where loop tasks' slices go. Undefined while not recording. */
  readonly loopSink: LoopSliceSink | undefined;
  #release: (() => void) | undefined;

  constructor(
    recording: boolean,
    catalogue?: WorkloadCatalogue,
    options: SliceLogOptions & { histogram?: LogHistogramCounter } = {},
  ) {
    this.recording = recording;
    this.histogram = options.histogram ?? new LogHistogramCounter();
    const workloadName = (specifier: string) =>
      (catalogue?.find(specifier) ?? catalogue?.find(bareFileUrl(specifier)))?.workload.name ?? specifier;
    const log = new SliceLog({ workloadName, ...options, histogram: this.histogram });
    this.log = log;
    this.onPoolSlice = (lane, taskId, start, lengthMs, sliceNumber) =>
      log.recordSlice(lane, taskId, start, lengthMs, sliceNumber);
    if (recording) {
      const stats = new TaskSliceStats();
      this.loopSink = {
        sliced(task: LiveTask, start: number, lengthMs: number): void {
          log.recordLoopSlice(task.id, task.specifier, start, lengthMs, stats.add(task.id, lengthMs));
        },
        fill: (task: LiveTask) => stats.fill(task),
      };
    }
  }

  /** Starts the loop's recorder, when recording. */
  start(): void {
    if (this.recording) this.#release ??= holdLoopRecording();
  }

  stop(): void {
    this.#release?.();
  }

  /** The timeline up to `at`, with a lane for every pool thread that exists now. */
  sample(at: number, pools: Snapshot['pools'], poolDropped = 0): TimelineSample {
    if (!this.recording) {
      return { recording: false, binMs: this.log.binMs, endAt: at, bins: 0, lanes: [], dropped: 0 };
    }
    const live: string[] = [];
    for (const [model, pool] of Object.entries(pools)) {
      const prefix = lanePrefixes[model];
      if (prefix === undefined || !pool?.active) continue;
      for (const thread of pool.perThread) live.push(`${prefix}${thread.label}`);
    }
    const timeline = this.log.timeline(at, live);
    return poolDropped === 0 ? timeline : { ...timeline, dropped: timeline.dropped + poolDropped };
  }
}
