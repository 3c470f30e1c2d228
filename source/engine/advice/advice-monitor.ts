// Live advice for each snapshot: measures what the snapshot lacks (the main thread's CPU, the GC share, the
// queue over recent windows), judges the rules and runs their cooldown. At most one advice per pane.

import { GcShareMeter } from '../metrics/gc-share.ts';
import { mainThreadCpuMs } from '../metrics/self-cost.ts';
import type { Advice, AdviceRule, Snapshot } from '../types.ts';
import { AdviceCooldown, type CooldownOptions } from './advice-cooldown.ts';
import { adviceFacts, type MeasuredBeside } from './advice-facts.ts';
import { adviceRules, rulesHolding } from './advice-rules.ts';

/** Queue readings kept for its trend: about the last second at the default 250 ms windows. */
const queueReadings = 5;

export type AdviceMonitorOptions = CooldownOptions & {
  /** The main thread's CPU time so far, ms, or undefined where it cannot be read. @default mainThreadCpuMs */
  readMainThreadMs?: () => number | undefined;
};

export class AdviceMonitor {
  readonly #cooldown: AdviceCooldown;
  readonly #gc = new GcShareMeter();
  readonly #readMainThreadMs: () => number | undefined;
  #lastMainThreadMs: number | undefined;
  #queue: { at: number; size: number }[] = [];
  /** The settings the rules' states belong to: a change forgets them. */
  #settingsKey = '';
  /** Each rule's facts from the last window they held in: a shown rule cooling down keeps what fired it. */
  readonly #firedFacts = new Map<AdviceRule, string>();

  constructor(options: AdviceMonitorOptions = {}) {
    this.#cooldown = new AdviceCooldown(options);
    this.#readMainThreadMs = options.readMainThreadMs ?? mainThreadCpuMs;
    this.#lastMainThreadMs = this.#readMainThreadMs();
  }

  /** The advice that shows with this snapshot, at most one per pane; call once per window, in order. */
  advise(snapshot: Snapshot): Advice[] {
    const mainThreadMs = this.#readMainThreadMs();
    const loopCores =
      mainThreadMs === undefined || this.#lastMainThreadMs === undefined
        ? undefined
        : Math.max(0, mainThreadMs - this.#lastMainThreadMs) / Math.max(1, snapshot.windowMs);
    this.#lastMainThreadMs = mainThreadMs;
    const gcShare = this.#gc.sample(snapshot.windowMs);
    const key = settingsKey(snapshot);
    if (key !== this.#settingsKey) {
      this.#settingsKey = key;
      this.reset();
    }
    const pool = snapshot.pools[snapshot.model];
    this.#queue.push({ at: snapshot.at, size: pool?.queueSize ?? 0 });
    if (this.#queue.length > queueReadings) this.#queue.shift();
    const beside: MeasuredBeside = { loopCores, gcShare, queue: this.#queue };
    const facts = adviceFacts(snapshot, beside);
    const holding = rulesHolding(facts);
    const shown = this.#cooldown.step(snapshot.at, holding);
    const advice: Advice[] = [];
    for (const spec of adviceRules) {
      if (holding.has(spec.rule)) this.#firedFacts.set(spec.rule, spec.facts(facts));
      const since = shown.get(spec.rule);
      if (since === undefined || advice.some((taken) => taken.pane === spec.pane)) continue;
      const fired = this.#firedFacts.get(spec.rule) ?? spec.facts(facts);
      advice.push({ rule: spec.rule, pane: spec.pane, since, facts: fired, message: spec.message });
    }
    return advice;
  }

  /** Forgets what held and the queue's trend (a reset, or a change of setting). */
  reset(): void {
    this.#cooldown.reset();
    this.#queue = [];
    this.#firedFacts.clear();
  }

  stop(): void {
    this.#gc.stop();
  }
}

/** The settings the facts depend on: model, workload, load and the pool's shape. */
function settingsKey(snapshot: Snapshot): string {
  const { scheduler, threading } = snapshot;
  const load = scheduler.mode === 'open' ? scheduler.rate : scheduler.concurrency;
  return [
    snapshot.model,
    snapshot.workload.name,
    snapshot.workload.codeVersion ?? 1,
    scheduler.mode,
    load,
    snapshot.poolThreads,
    threading?.gil ?? false,
    threading?.tasksPerWorker ?? 1,
  ].join('|');
}
