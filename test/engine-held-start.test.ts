// The dashboard starts the engine with its tasks held while Ink loads, then releases them. Keys can arrive in
// between (a switch, a pause, a change of load): nothing may run or count before the release, and afterwards the
// run must be the one those keys asked for, counted from the release.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineAction } from '../source/engine/actions.ts';
import { now } from '../source/engine/clock.ts';
import { Engine } from '../source/engine/engine.ts';
import type { ModelName } from '../source/engine/types.ts';
import { seededRandom } from './helpers/seeded-random.ts';
import { waitFor } from './helpers/wait-for.ts';

const engines: Engine[] = [];
afterEach(async () => {
  await Promise.all(engines.splice(0).map((engine) => engine.stop()));
});

const models: readonly ModelName[] = ['async', 'workers'];

function randomAction(random: () => number): EngineAction {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  return pick<EngineAction>([
    { type: 'switchModel', model: pick(models) },
    { type: 'togglePause' },
    { type: 'setConcurrency', concurrency: pick([2, 5, 9]) },
    { type: 'resetStatistics' },
  ]);
}

describe('an engine started with its tasks held', () => {
  it.each([1, 2, 3, 4, 5])(
    'runs and counts nothing until released, then runs what the keys pressed meanwhile asked for (seed %i)',
    async (seed) => {
      const random = seededRandom(seed);
      const engine = new Engine({ workload: 'io-timer', knobs: { latency: 5 }, concurrency: 4, threads: 2 });
      engines.push(engine);
      await engine.start({ holdTasks: true });
      let paused = false;
      let model: ModelName = 'async';
      let concurrency = 4;
      for (let step = 0; step < 4 + Math.floor(random() * 4); step++) {
        const action = randomAction(random);
        engine.dispatch(action);
        if (action.type === 'togglePause') paused = !paused;
        if (action.type === 'switchModel') model = action.model;
        if (action.type === 'setConcurrency') concurrency = action.concurrency;
        await nextTurn();
        const snapshot = engine.snapshotNow();
        expect(snapshot.tasks.counts.submitted).toBe(0);
        expect(engine.countedIntervals()).toEqual([]);
      }
      const releasedAt = now();
      engine.releaseTasks();
      engine.releaseTasks();
      const snapshot = engine.snapshotNow();
      expect(snapshot.model).toBe(model);
      expect(snapshot.scheduler.paused).toBe(paused);
      if (paused) {
        await nextTurn();
        expect(engine.snapshotNow().tasks.counts.submitted).toBe(0);
        expect(engine.countedIntervals()).toEqual([]);
        return;
      }
      await waitFor(() => (engine.snapshotNow().tasks.counts.done ?? 0) > 20, {
        what: 'tasks after the release',
      });
      const after = engine.snapshotNow();
      expect(after.tasks.counts.running + after.tasks.counts.queued).toBeLessThanOrEqual(concurrency);
      const intervals = engine.countedIntervals();
      expect(intervals.length).toBeGreaterThan(0);
      for (const interval of intervals) expect(interval.from).toBeGreaterThanOrEqual(releasedAt);
      expect(after.tasks.recent.every((task) => task.submittedAt >= releasedAt)).toBe(true);
    },
    20_000,
  );

  it('starts at once without the hold, and a release then changes nothing', async () => {
    const engine = new Engine({ workload: 'io-timer', knobs: { latency: 5 }, concurrency: 3 });
    engines.push(engine);
    await engine.start();
    expect(engine.snapshotNow().tasks.counts.submitted).toBe(3);
    engine.releaseTasks();
    expect(engine.snapshotNow().tasks.counts.submitted).toBe(3);
  });
});
