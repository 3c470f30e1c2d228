// Presenting a script on a live engine: steps that move on by themselves as the script says, and random
// sequences of next and previous after which the engine always runs the settings in force at the shown step.
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../source/engine/engine.ts';
import { Presenter } from '../source/present/presenter.ts';
import { parseScript } from '../source/present/script.ts';
import { baseSettingsOf, settingsAt } from '../source/present/step-settings.ts';
import { seededRandom } from './helpers/seeded-random.ts';
import { waitFor } from './helpers/wait-for.ts';

const script = parseScript(
  JSON.stringify({
    title: 'test talk',
    steps: [
      { caption: 'one', workload: 'io-timer', model: 'async', concurrency: 100, claims: ['lag p99 < 5 s'] },
      {
        caption: 'two',
        title: 'TWO',
        panes: ['scoreboard', 'pool'],
        model: 'workers',
        threads: 2,
        advance: 'key',
        claims: ['workers throughput ≥ 1000× async'],
      },
      { caption: 'three', model: 'async', concurrency: 50, advance: { seconds: 1 } },
      { caption: 'four', workload: 'cpu', concurrency: 4, gil: true, threads: 3 },
      { caption: 'five', concurrency: 30 },
    ],
  }),
  'test.json',
);

const engines: Engine[] = [];
const presenters: Presenter[] = [];
afterEach(async () => {
  for (const presenter of presenters.splice(0)) presenter.stop();
  await Promise.all(engines.splice(0).map((engine) => engine.stop()));
});

async function present(countSeconds: number): Promise<{ engine: Engine; presenter: Presenter }> {
  const engine = new Engine({
    workload: 'io-timer',
    model: 'async',
    concurrency: 100,
    knobs: { latency: 5 },
    sampleIntervalMs: 100,
  });
  engines.push(engine);
  await engine.start();
  const presenter = new Presenter(engine, script, { countSeconds });
  presenters.push(presenter);
  return { engine, presenter };
}

describe('presenting a script', () => {
  it('moves on once settled and counted, waits for a key, then for its seconds; judges claims as it runs', async () => {
    const { presenter } = await present(0.5);
    expect(presenter.state()).toMatchObject({ index: 0, steps: 5, caption: 'one', title: 'test talk' });
    expect(presenter.state().panes).toBeUndefined();
    await waitFor(() => presenter.state().index === 1, { timeoutMs: 8000, what: 'step two by itself' });
    expect(presenter.state().waiting).toBe('key');
    // The step's title and panes, for the band and the stage; the first step has neither.
    expect(presenter.state()).toMatchObject({ stepTitle: 'TWO', panes: ['scoreboard', 'pool'] });
    await waitFor(() => presenter.state().claims[0]?.verdict !== undefined, {
      timeoutMs: 8000,
      what: 'the claim judged',
    });
    expect(presenter.state().claims[0]?.verdict).toMatchObject({
      pass: false,
      measured: expect.stringMatching(/^[\d.]+× /),
    });
    await delay(500);
    expect(presenter.state().index).toBe(1);
    presenter.next();
    expect(presenter.state()).toMatchObject({ index: 2, waiting: 'timer' });
    await waitFor(() => presenter.state().index === 3, {
      timeoutMs: 5000,
      what: 'step four after one second',
    });
  }, 30_000);

  it('runs the settings in force at the shown step after any sequence of next and previous', async () => {
    const { engine, presenter } = await present(1000);
    const base = { threads: 2, gil: false, concurrency: 100 };
    expect(baseSettingsOf(engine.snapshotNow())).toEqual(base);
    const random = seededRandom(11);
    for (let press = 0; press < 40; press++) {
      if (random() < 0.55) presenter.next();
      else presenter.previous();
      const { index } = presenter.state();
      expect(index).toBeGreaterThanOrEqual(0);
      expect(index).toBeLessThan(script.steps.length);
      const want = settingsAt(script, index, base);
      // A workload change takes effect once the workload has loaded; the others at once.
      if (random() < 0.7) await engine.settled();
      else continue;
      const snapshot = engine.snapshotNow();
      expect(snapshot.workload.name, `press ${press}, step ${index + 1}`).toBe(want.workload);
      expect(snapshot.model, `press ${press}, step ${index + 1}`).toBe(want.model);
      if (want.rate !== undefined)
        expect(snapshot.scheduler).toMatchObject({ mode: 'open', rate: want.rate });
      else expect(snapshot.scheduler).toMatchObject({ mode: 'closed', concurrency: want.concurrency });
      expect(snapshot.poolThreads).toBe(want.threads);
      expect(snapshot.threading?.gil ?? false).toBe(want.gil);
      if (random() < 0.3) await delay(50);
    }
    // Whatever was pending, the last step shown is the run in the end.
    await engine.settled();
    const want = settingsAt(script, presenter.state().index, base);
    expect(engine.snapshotNow()).toMatchObject({ model: want.model, workload: { name: want.workload } });
  }, 30_000);
});
