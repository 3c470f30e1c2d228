// The settings running now, and whether a scoreboard row was measured at them: only rows measured at the same
// settings are compared.

import { loadKeyOf, sameThreading, threadingOfPool, usesThreads } from '../engine/run-config.ts';
import type { KnobSpec, ModelName, RunConfig, ScoreboardRow, Snapshot } from '../engine/types.ts';

/** The settings running now: what a row must have been measured at to be compared. */
export type CurrentSettings = Omit<RunConfig, 'model' | 'threads'> & {
  threads: number;
  /** The running workload's knobs as it declares them (a workload file's are known only from the snapshot). */
  knobSpecs?: readonly KnobSpec[];
};

/**
 * The settings running now: those of the engine's current row (settling or measuring), so the views use the
 * engine's own idea of a configuration; from the snapshot when no row is current (paused, or just started).
 */
export function currentSettings(snapshot: Snapshot): CurrentSettings {
  const row = snapshot.scoreboard.find((candidate) => candidate.phase !== 'past');
  if (row) {
    const { workload, mode, load, knobs, threads, payloadKb, codeVersion } = row.config;
    return {
      workload,
      mode,
      load,
      knobs,
      threads: threads ?? snapshot.poolThreads,
      ...poolThreading(snapshot),
      ...(payloadKb ? { payloadKb } : {}),
      ...(codeVersion ? { codeVersion } : {}),
      ...knobSpecsOf(snapshot, workload),
    };
  }
  const { scheduler } = snapshot;
  return {
    workload: snapshot.workload.name,
    mode: scheduler.mode,
    load: scheduler.mode === 'closed' ? scheduler.concurrency : scheduler.rate,
    threads: snapshot.poolThreads,
    knobs: snapshot.workload.knobs,
    ...poolThreading(snapshot),
    ...(snapshot.payloadKb ? { payloadKb: snapshot.payloadKb } : {}),
    ...(snapshot.workload.codeVersion ? { codeVersion: snapshot.workload.codeVersion } : {}),
    ...knobSpecsOf(snapshot, snapshot.workload.name),
  };
}

/** The snapshot's knob specs, when they are `workload`'s. */
function knobSpecsOf(snapshot: Snapshot, workload: string): { knobSpecs?: readonly KnobSpec[] } {
  const specs = snapshot.workload.knobSpecs;
  return specs && snapshot.workload.name === workload ? { knobSpecs: specs } : {};
}

/** The pool's GIL and tasks per member as set now, whichever model runs: each row reads what its model honours. */
function poolThreading(snapshot: Snapshot): Pick<RunConfig, 'gil' | 'tasksPerWorker'> {
  const { gil = false, tasksPerWorker = 1 } = snapshot.threading ?? {};
  return { ...(gil ? { gil } : {}), ...(tasksPerWorker > 1 ? { tasksPerWorker } : {}) };
}

/** The settings' GIL and tasks per member as a row of `model` would record them. */
export function threadingFor(settings: Pick<RunConfig, 'gil' | 'tasksPerWorker'>, model: ModelName) {
  return threadingOfPool({ gil: settings.gil ?? false, tasksPerWorker: settings.tasksPerWorker ?? 1 }, model);
}

/**
 * Whether a row was measured at these settings: the engine's load key, and the pool size only for models that
 * run on threads (async never touches the pool, so its row compares with workers at any pool size).
 */
export function measuredAt(row: ScoreboardRow, settings: CurrentSettings): boolean {
  const { model, threads } = row.config;
  return (
    row.loadKey === loadKeyOf({ ...settings, model }) &&
    (!usesThreads(model) ||
      (threads === settings.threads && sameThreading(row.config, threadingFor(settings, model))))
  );
}
