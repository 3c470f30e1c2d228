// `concur-tui present --check`: runs a script headless on this machine, step by step as the talk would, and
// judges each step's claims on the scoreboard once the step's row has settled and counted for a while.

import { setTimeout as delay } from 'node:timers/promises';
import { Engine } from '../engine/engine.ts';
import { type ClaimVerdict, judgeClaim } from './claims.ts';
import type { Script, ScriptStep } from './script.ts';
import { actionsFor, baseSettingsOf, engineOptionsOf, rowsNow, settingsAt } from './step-settings.ts';

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
