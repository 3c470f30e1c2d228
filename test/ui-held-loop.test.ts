import { describe, expect, test } from 'vitest';
import { asksToQuit, HeldLoopWatch } from '../source/ui/held-loop.ts';
import { seededRandom } from './helpers/seeded-random.ts';

const options = { heldAfterMs: 300, graceMs: 200 };

describe('asksToQuit', () => {
  test.each([
    ['q', true],
    ['xyq', true],
    ['\u0003', true],
    ['w?a', false],
    ['Q', false],
    // Arrow keys, function keys, mouse reports and Alt-q hold a q or none that is a key press.
    ['\u001B[A\u001BOq', false],
    ['\u001B[<0;12;5q', false],
    ['\u001Bq', false],
    ['\u001B[<0;12;5Mq', true],
    ['\u001B[200~text\u001B[201~\u0003', true],
  ])('%j: %s', (keys, quits) => {
    expect(asksToQuit(keys)).toBe(quits);
  });
});

describe('HeldLoopWatch', () => {
  test('held only once the heartbeat has stood still long enough; a quit then ends it after the grace', () => {
    const watch = new HeldLoopWatch(options);
    expect(watch.beat(0, 1)).toBe(false);
    expect(watch.beat(299, 1)).toBe(false);
    expect(watch.beat(300, 1)).toBe(true);
    watch.read(310, 'q');
    expect(watch.mustEnd(509)).toBe(false);
    expect(watch.mustEnd(510)).toBe(true);
    expect(watch.heldFor(510)).toBe(510);
  });

  test('a beat after the quit was read hands the quit to the loop', () => {
    const watch = new HeldLoopWatch(options);
    watch.beat(0, 1);
    expect(watch.beat(400, 1)).toBe(true);
    watch.read(400, 'q');
    expect(watch.beat(450, 2)).toBe(false);
    expect(watch.mustEnd(1000)).toBe(false);
    expect(watch.heldFor(450)).toBe(0);
  });

  test('over random sequences of beats, looks and keys, it matches a model of the rule', () => {
    for (let seed = 1; seed <= 300; seed += 1) {
      const random = seededRandom(seed);
      const watch = new HeldLoopWatch(options);
      let now = 0;
      let beat = 0;
      // The model: when the heartbeat last moved, and when a quit was read since.
      let movedAt: number | undefined;
      let lastBeat: number | undefined;
      let quitAt: number | undefined;
      for (let step = 0; step < 60; step += 1) {
        const at = `seed ${seed}, step ${step}`;
        now += Math.floor(random() * 120);
        if (random() < 0.3) beat += 1;
        const held = watch.beat(now, beat);
        if (beat !== lastBeat) {
          lastBeat = beat;
          movedAt = now;
          quitAt = undefined;
        }
        const modelHeld = now - (movedAt as number) >= options.heldAfterMs;
        expect(held, at).toBe(modelHeld);
        if (held && random() < 0.4) {
          const keys = random() < 0.3 ? 'q' : random() < 0.5 ? '\u001B[A' : 'w';
          watch.read(now, keys);
          if (quitAt === undefined && keys === 'q') quitAt = now;
        }
        expect(watch.mustEnd(now), at).toBe(quitAt !== undefined && now - quitAt >= options.graceMs);
        expect(watch.heldFor(now), at).toBe(now - (movedAt as number));
      }
    }
  });
});
