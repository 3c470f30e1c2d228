import { afterEach, describe, expect, test } from 'vitest';
import { GcShareMeter } from '../source/engine/metrics/gc-share.ts';
import { waitFor } from './helpers/wait-for.ts';

const meters: GcShareMeter[] = [];
afterEach(() => {
  for (const meter of meters.splice(0)) meter.stop();
});

function meter(): GcShareMeter {
  const created = new GcShareMeter();
  meters.push(created);
  return created;
}

describe('GC share', () => {
  test('the share is the pauses over the window, and each sample starts afresh', () => {
    const gc = meter();
    gc.add([{ duration: 30 }, { duration: 20 }]);
    expect(gc.sample(250)).toBeCloseTo(0.2);
    expect(gc.sample(250)).toBe(0);
  });

  test('a pause longer than the window reads as the whole window, never more', () => {
    const gc = meter();
    gc.add([{ duration: 400 }]);
    expect(gc.sample(250)).toBe(1);
    expect(gc.sample(0)).toBe(0);
  });

  test("the main thread's real collections are observed", async () => {
    const gc = meter();
    let seen = 0;
    let keep: unknown[] = [];
    await waitFor(
      () => {
        // Garbage enough for a scavenge in a few rounds; the observer reports on a later turn.
        for (let index = 0; index < 20_000; index++) keep.push({ index, text: `object ${index}` });
        keep = [];
        seen += gc.sample(1_000_000);
        return seen > 0;
      },
      { what: 'a gc entry' },
    );
    expect(seen).toBeGreaterThan(0);
  });
});
