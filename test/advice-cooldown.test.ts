import { describe, expect, test } from 'vitest';
import { AdviceCooldown } from '../source/engine/advice/advice-cooldown.ts';
import type { AdviceRule } from '../source/engine/types.ts';
import { seededRandom } from './helpers/seeded-random.ts';

const rules: AdviceRule[] = ['cpu-on-loop', 'blocking-call', 'waiting-on-threads', 'gc-pressure'];
const holdMs = 1000;
const quietMs = 4000;

type Window = { at: number; holding: Set<AdviceRule> };

/** Windows of 200–300 ms; each rule keeps its state for a random stretch, so runs of holding and quiet mix. */
function randomWindows(seed: number, count: number): Window[] {
  const random = seededRandom(seed);
  const on = new Map(rules.map((rule) => [rule, false]));
  const windows: Window[] = [];
  let at = 0;
  for (let index = 0; index < count; index++) {
    at += 200 + Math.floor(random() * 100);
    for (const rule of rules) {
      // Some rules flicker every window, some hold for long stretches.
      const flipChance = rule === 'gc-pressure' ? 0.5 : 0.08;
      if (random() < flipChance) on.set(rule, !on.get(rule));
    }
    windows.push({ at, holding: new Set(rules.filter((rule) => on.get(rule))) });
  }
  return windows;
}

describe('advice cooldown', () => {
  test.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'over random windows (seed %i) no rule flips faster than its cooldown',
    (seed) => {
      const cooldown = new AdviceCooldown({ holdMs, quietMs });
      const windows = randomWindows(seed, 600);
      const shownBefore = new Map(rules.map((rule) => [rule, false]));
      /** When each rule's facts last held, and since when they have held without a break. */
      const lastHeld = new Map<AdviceRule, number>();
      const heldSince = new Map<AdviceRule, number>();
      for (const { at, holding } of windows) {
        for (const rule of rules) {
          if (holding.has(rule)) {
            if (!heldSince.has(rule)) heldSince.set(rule, at);
          } else heldSince.delete(rule);
        }
        const shown = cooldown.step(at, holding);
        for (const rule of rules) {
          const was = shownBefore.get(rule);
          const is = shown.has(rule);
          if (!was && is) {
            // Shows only after its facts held, unbroken, for the hold time.
            expect(at - (heldSince.get(rule) ?? at)).toBeGreaterThanOrEqual(holdMs);
          }
          if (was && !is) {
            // Goes only after its facts were quiet for the quiet time.
            expect(holding.has(rule)).toBe(false);
            expect(at - (lastHeld.get(rule) ?? 0)).toBeGreaterThanOrEqual(quietMs);
          }
          if (holding.has(rule) && at - (heldSince.get(rule) ?? at) >= holdMs) expect(is).toBe(true);
          if (holding.has(rule)) lastHeld.set(rule, at);
          shownBefore.set(rule, is);
        }
      }
      // The sequence exercised both directions.
      expect(windows.some((window) => window.holding.size > 0)).toBe(true);
    },
  );

  test('a rule that holds shows after the hold time and keeps the time it first showed', () => {
    const cooldown = new AdviceCooldown({ holdMs, quietMs });
    const holding = new Set<AdviceRule>(['cpu-on-loop']);
    expect(cooldown.step(0, holding).size).toBe(0);
    expect(cooldown.step(750, holding).size).toBe(0);
    expect(cooldown.step(1000, holding).get('cpu-on-loop')).toBe(1000);
    expect(cooldown.step(5000, holding).get('cpu-on-loop')).toBe(1000);
  });

  test('a rule that flickers every window never shows', () => {
    const cooldown = new AdviceCooldown({ holdMs, quietMs });
    for (let at = 0; at < 20_000; at += 250) {
      const shown = cooldown.step(at, new Set<AdviceRule>(at % 500 === 0 ? ['gc-pressure'] : []));
      expect(shown.size).toBe(0);
    }
  });

  test('a shown rule stays through a quiet spell shorter than the quiet time, and goes after one as long', () => {
    const cooldown = new AdviceCooldown({ holdMs, quietMs });
    const holding = new Set<AdviceRule>(['pool-saturated']);
    const none = new Set<AdviceRule>();
    cooldown.step(0, holding);
    cooldown.step(1000, holding);
    expect(cooldown.step(2000, none).has('pool-saturated')).toBe(true);
    expect(cooldown.step(5750, none).has('pool-saturated')).toBe(true);
    expect(cooldown.step(6000, holding).has('pool-saturated')).toBe(true);
    expect(cooldown.step(9999, none).has('pool-saturated')).toBe(true);
    expect(cooldown.step(13_999, none).has('pool-saturated')).toBe(false);
  });

  test('a reset forgets every rule', () => {
    const cooldown = new AdviceCooldown({ holdMs, quietMs });
    const holding = new Set<AdviceRule>(['oversubscribed']);
    cooldown.step(0, holding);
    expect(cooldown.step(1000, holding).size).toBe(1);
    cooldown.reset();
    expect(cooldown.step(1250, holding).size).toBe(0);
  });
});
