// `concur-tui present --check`: runs a script headless on this machine, step by step as the talk would, and
// judges each step's claims on the scoreboard once the step's row has settled and counted for a while.

import { setTimeout as delay } from 'node:timers/promises';
import type { EngineAction } from '../engine/actions.ts';
import { Engine, type EngineOptions } from '../engine/engine.ts';
import type { ScoreboardRow, Snapshot } from '../engine/types.ts';
import { type ClaimVerdict, judgeClaim } from './claims.ts';
import type { Script, ScriptStep } from './script.ts';

export type StepResult = {
  step: number;
  caption: string;
  /** Seconds the step's row counted before its claims were judged. */
  countedSeconds: number;
  claims: { text: string; verdict: ClaimVerdict }[];
};

export type RehearseOptions = {
  /** Seconds a row counts, after settling, before a "settled" or "key" step is judged. @default 4 */
  countSeconds?: number;
  /** Longest wait for a step's row to settle, seconds; past it the step is judged on what it has. @default 30 */
  settleTimeoutSeconds?: number;
  /** Called after each step, e.g. to print it as it comes. @default none */
  onStep?: (result: StepResult) => void;
};

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

/** Rehearses `script` in a fresh engine; every step's claims judged, in order. */
export async function rehearse(script: Script, options: RehearseOptions = {}): Promise<StepResult[]> {
  const { countSeconds = 4, settleTimeoutSeconds = 30, onStep } = options;
  const engine = new Engine(engineOptionsOf(script));
  const results: StepResult[] = [];
  try {
    await engine.start();
    const base = baseSettingsOf(engine.snapshotNow());
    for (const [index, step] of script.steps.entries()) {
      if (index > 0) {
        for (const action of actionsFor(settingsAt(script, index, base), engine.snapshotNow()))
          engine.dispatch(action);
      }
      const counted = await waitToJudge(engine, step, countSeconds, settleTimeoutSeconds);
      const snapshot = engine.snapshotNow();
      const { atLoad } = rowsNow(snapshot);
      const result: StepResult = {
        step: index + 1,
        caption: step.caption,
        countedSeconds: counted,
        claims: step.claims.map((claim) => ({
          text: claim.text,
          verdict: judgeClaim(claim, atLoad, snapshot.model),
        })),
      };
      results.push(result);
      onStep?.(result);
    }
  } finally {
    await engine.stop();
  }
  return results;
}

/**
 * Waits as the step says: `{ seconds }` as such; otherwise until the step's row has settled and counted
 * `countSeconds` (a key press is judged as settled: nobody presses keys in a rehearsal). Returns the seconds
 * the row counted.
 */
async function waitToJudge(
  engine: Engine,
  step: ScriptStep,
  countSeconds: number,
  settleTimeoutSeconds: number,
): Promise<number> {
  // A row the talk comes back to keeps what it counted before: the step waits for new counting of its own.
  const before = new Map(engine.snapshotNow().scoreboard.map((row) => [row.key, row.activeMs]));
  // Polled on the published snapshots: asking for one now would close the engine's window early.
  const latest = () => engine.latest() ?? engine.snapshotNow();
  const counted = () => {
    const { current } = rowsNow(latest());
    return current ? (current.activeMs - (before.get(current.key) ?? 0)) / 1000 : 0;
  };
  if (typeof step.advance === 'object') {
    await delay(step.advance.seconds * 1000);
    return counted();
  }
  const deadline = performance.now() + (settleTimeoutSeconds + countSeconds) * 1000;
  while (performance.now() < deadline) {
    const { current } = rowsNow(latest());
    const model = step.model ?? current?.model;
    if (current?.phase === 'measuring' && current.model === model && counted() >= countSeconds) break;
    await delay(100);
  }
  return counted();
}
