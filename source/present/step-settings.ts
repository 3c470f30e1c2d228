// A script's steps as engine settings: what is in force at each step, the actions that get the engine there, the
// engine a script starts on, and the rows a step's claims are judged on. Shared by the rehearsal and the
// presenter, so a rehearsed step and a presented one run alike.

import type { EngineAction } from '../engine/actions.ts';
import type { EngineOptions } from '../engine/engine.ts';
import type { ScoreboardRow, Snapshot } from '../engine/types.ts';
import type { Script, ScriptStep } from './script.ts';

/** The settings a presentation starts from: the engine's as the first step finds them. */
export type BaseSettings = Required<Pick<ScriptStep, 'threads' | 'gil'>> &
  Pick<ScriptStep, 'concurrency' | 'rate'>;

/** The engine's settings that a step can set and the first step may leave as they are. */
export function baseSettingsOf(snapshot: Snapshot): BaseSettings {
  const { mode, concurrency, rate } = snapshot.scheduler;
  return {
    threads: snapshot.poolThreads,
    gil: snapshot.threading?.gil ?? false,
    ...(mode === 'closed' ? { concurrency } : { rate }),
  };
}

/**
 * The settings in force at step `index`: the base, then each step's own over those before it, so a step
 * re-applied (going back) gives the run it gave the first time, a setting a later step made undone.
 */
export function settingsAt(script: Script, index: number, base: BaseSettings): ScriptStep {
  const steps = script.steps.slice(0, index + 1);
  const step = script.steps[index] as ScriptStep;
  let load: Pick<ScriptStep, 'concurrency' | 'rate'> =
    base.rate === undefined ? { concurrency: base.concurrency } : { rate: base.rate };
  let settings: ScriptStep = { ...step, threads: base.threads, gil: base.gil };
  for (const earlier of steps) {
    // Concurrency and rate exclude each other: the later one set wins.
    if (earlier.concurrency !== undefined) load = { concurrency: earlier.concurrency };
    if (earlier.rate !== undefined) load = { rate: earlier.rate };
    const {
      caption: _caption,
      advance: _advance,
      claims: _claims,
      concurrency: _c,
      rate: _r,
      ...set
    } = earlier;
    settings = { ...settings, ...set };
  }
  const { concurrency: _concurrency, rate: _rate, ...rest } = settings;
  return { ...rest, ...load, caption: step.caption, advance: step.advance, claims: step.claims };
}

/** The actions that take the engine from `snapshot`'s settings to `step`'s (only what the step sets). */
export function actionsFor(step: ScriptStep, snapshot: Snapshot): EngineAction[] {
  const actions: EngineAction[] = [];
  // Always asked: a workload change takes effect once loaded, so the snapshot may not show one still pending;
  // asking for the workload that already runs changes nothing.
  if (step.workload !== undefined) actions.push({ type: 'setWorkload', workload: step.workload });
  if (step.concurrency !== undefined) actions.push({ type: 'setConcurrency', concurrency: step.concurrency });
  if (step.rate !== undefined) actions.push({ type: 'setRate', rate: step.rate });
  if (step.threads !== undefined && step.threads !== snapshot.poolThreads) {
    actions.push({ type: 'changeThreads', delta: step.threads - snapshot.poolThreads });
  }
  if (step.gil !== undefined && step.gil !== (snapshot.threading?.gil ?? false))
    actions.push({ type: 'toggleGil' });
  if (step.model !== undefined && step.model !== snapshot.model)
    actions.push({ type: 'switchModel', model: step.model });
  return actions;
}

/** The running row, and the rows at its load that claims compare it with. */
export function rowsNow(snapshot: Snapshot): { current: ScoreboardRow | undefined; atLoad: ScoreboardRow[] } {
  const current = snapshot.scoreboard.find((row) => row.phase !== 'past' && row.model === snapshot.model);
  const atLoad = current ? snapshot.scoreboard.filter((row) => row.loadKey === current.loadKey) : [];
  return { current, atLoad };
}

/** The engine a script starts on: its first step's settings. */
export function engineOptionsOf(script: Script): EngineOptions {
  const first = script.steps[0] as ScriptStep;
  return {
    workload: first.workload,
    model: first.model,
    ...(first.concurrency === undefined ? {} : { concurrency: first.concurrency }),
    ...(first.rate === undefined ? {} : { mode: 'open' as const, rate: first.rate }),
    ...(first.threads === undefined ? {} : { threads: first.threads }),
    ...(first.gil === undefined ? {} : { gil: first.gil }),
    sampleIntervalMs: 250,
  };
}
