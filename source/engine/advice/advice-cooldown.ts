// When advice shows: a rule whose facts hold shows once they have held for `holdMs`, and stays until they have
// been quiet for `quietMs`, so a rule near its bound does not flicker on and off with every window.

import type { AdviceRule } from '../types.ts';

export type CooldownOptions = {
  /** How long a rule's facts must hold before it shows, ms. @default 1000 */
  holdMs?: number;
  /** How long its facts must be quiet before it goes, ms. @default 4000 */
  quietMs?: number;
};

type RuleState =
  /** Holding since `since`, not shown yet. */
  | { phase: 'pending'; since: number }
  /** Shown since `since`; quiet since `quietSince` when its facts stopped holding. */
  | { phase: 'shown'; since: number; quietSince?: number };

/** Rules shown now, each with when it first showed in this stretch. */
export type ShownRules = ReadonlyMap<AdviceRule, number>;

/** The cooldown of every rule: feed it each window's holding rules, in time order. */
export class AdviceCooldown {
  readonly #holdMs: number;
  readonly #quietMs: number;
  readonly #states = new Map<AdviceRule, RuleState>();

  constructor(options: CooldownOptions = {}) {
    this.#holdMs = options.holdMs ?? 1000;
    this.#quietMs = options.quietMs ?? 4000;
  }

  /** Moves every rule on to `at`, given the rules whose facts hold in the window ending then. */
  step(at: number, holding: ReadonlySet<AdviceRule>): ShownRules {
    for (const rule of holding) {
      const state = this.#states.get(rule);
      if (!state) this.#states.set(rule, { phase: 'pending', since: at });
      else if (state.phase === 'shown') state.quietSince = undefined;
    }
    const shown = new Map<AdviceRule, number>();
    for (const [rule, state] of this.#states) {
      const holds = holding.has(rule);
      if (state.phase === 'pending') {
        if (!holds) this.#states.delete(rule);
        else if (at - state.since >= this.#holdMs) this.#states.set(rule, { phase: 'shown', since: at });
      } else if (!holds) {
        state.quietSince ??= at;
        if (at - state.quietSince >= this.#quietMs) this.#states.delete(rule);
      }
      const now = this.#states.get(rule);
      if (now?.phase === 'shown') shown.set(rule, now.since);
    }
    return shown;
  }

  /** Forgets every rule: the setting changed, so what held no longer says anything. */
  reset(): void {
    this.#states.clear();
  }
}
