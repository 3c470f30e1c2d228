import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../source/engine/engine.ts';
import type { Snapshot } from '../source/engine/types.ts';
import { waitFor } from './helpers/wait-for.ts';

const engines: Engine[] = [];

function createEngine(...args: ConstructorParameters<typeof Engine>): Engine {
  const engine = new Engine(...args);
  engines.push(engine);
  return engine;
}

afterEach(async () => {
  await Promise.all(engines.splice(0).map((engine) => engine.stop()));
});

const latest = (engine: Engine): Snapshot => {
  const snapshot = engine.latest();
  if (!snapshot) throw new Error('no snapshot yet');
  return snapshot;
};

const doneOn = (engine: Engine, model: string) =>
  latest(engine).scoreboard.find((row) => row.model === model)?.finished ?? 0;

describe('the engine', () => {
  it('publishes a snapshot at once and then on its interval', async () => {
    const engine = createEngine({
      workload: 'io-timer',
      knobs: { latency: 5 },
      concurrency: 4,
      sampleIntervalMs: 50,
    });
    const seen: Snapshot[] = [];
    engine.subscribe((snapshot) => seen.push(snapshot));
    await engine.start();
    expect(seen.length).toBe(1);
    await waitFor(() => seen.length >= 4, { what: 'four snapshots' });
    expect(seen.at(-1)?.workload.name).toBe('io-timer');
    expect(seen.at(-1)?.model).toBe('async');
  });

  it('loses and double-counts no task across mid-run switches', async () => {
    const engine = createEngine({
      workload: 'io-timer',
      knobs: { latency: 5 },
      concurrency: 40,
      threads: 2,
      sampleIntervalMs: 50,
    });
    await engine.start();
    await waitFor(() => doneOn(engine, 'async') > 100, { what: 'async tasks' });
    engine.dispatch({ type: 'switchModel', model: 'workers' });
    await waitFor(() => doneOn(engine, 'workers') > 100, { what: 'worker tasks' });
    engine.dispatch({ type: 'switchModel', model: 'async' });
    await waitFor(() => doneOn(engine, 'async') > 200, { what: 'async tasks again' });
    await engine.stop();
    const { counts } = latest(engine).tasks;
    expect(counts.queued + counts.running).toBe(0);
    expect(counts.done + counts.failed + counts.cancelled).toBe(counts.submitted);
    expect(counts.failed).toBe(0);
    expect(latest(engine).events.filter((event) => event.kind === 'switch')).toHaveLength(2);
  });

  it('finishes in-flight tasks on the model they started on after a switch', async () => {
    const engine = createEngine({
      workload: 'io-timer',
      knobs: { latency: 200 },
      concurrency: 5,
      threads: 2,
      sampleIntervalMs: 50,
    });
    await engine.start();
    await waitFor(() => engine.snapshotNow().tasks.counts.running === 5, { what: 'five tasks running' });
    const before = latest(engine).tasks.recent.map((task) => task.id);
    engine.dispatch({ type: 'switchModel', model: 'workers' });
    await waitFor(
      () => {
        const recent = latest(engine).tasks.recent;
        return before.every((id) => recent.some((task) => task.id === id && task.state === 'done'));
      },
      { what: 'the first tasks to finish' },
    );
    const recent = latest(engine).tasks.recent;
    for (const id of before) expect(recent.find((task) => task.id === id)?.model).toBe('async');
    expect(recent.some((task) => task.model === 'workers')).toBe(true);
  });

  it('runs the io-http workload against its own loopback server', async () => {
    const engine = createEngine({ workload: 'io-http', concurrency: 4, sampleIntervalMs: 50 });
    await engine.start();
    await waitFor(() => latest(engine).tasks.counts.done > 10, { what: 'http tasks' });
    expect(latest(engine).tasks.counts.failed).toBe(0);
  });

  it('keeps the concurrency it is asked for and changes it live', async () => {
    const engine = createEngine({
      workload: 'io-timer',
      knobs: { latency: 20 },
      concurrency: 8,
      sampleIntervalMs: 50,
    });
    await engine.start();
    await waitFor(() => latest(engine).tasks.counts.running === 8, { what: '8 tasks running' });
    engine.dispatch({ type: 'changeConcurrency', delta: 1 });
    await waitFor(() => latest(engine).tasks.counts.running === 16, { what: '16 tasks running' });
    expect(latest(engine).scheduler.concurrency).toBe(16);
  });

  it('steps the arrival rate on + in the open loop', async () => {
    const engine = createEngine({
      workload: 'io-timer',
      knobs: { latency: 5 },
      mode: 'open',
      rate: 100,
      sampleIntervalMs: 50,
    });
    await engine.start();
    engine.dispatch({ type: 'changeConcurrency', delta: 1 });
    expect(engine.snapshotNow().scheduler).toMatchObject({ mode: 'open', rate: 128 });
    await waitFor(() => latest(engine).tasks.counts.done > 20, { what: 'open-loop tasks' });
  });

  it('pauses and resumes submission', async () => {
    const engine = createEngine({
      workload: 'io-timer',
      knobs: { latency: 5 },
      concurrency: 8,
      sampleIntervalMs: 50,
    });
    await engine.start();
    engine.dispatch({ type: 'togglePause' });
    await waitFor(() => latest(engine).tasks.counts.running + latest(engine).tasks.counts.queued === 0, {
      what: 'the loop to drain',
    });
    const submitted = latest(engine).tasks.counts.submitted;
    await waitFor(() => latest(engine).at > latest(engine).startedAt + 300);
    expect(latest(engine).tasks.counts.submitted).toBe(submitted);
    expect(latest(engine).scheduler.paused).toBe(true);
    engine.dispatch({ type: 'togglePause' });
    await waitFor(() => latest(engine).tasks.counts.submitted > submitted, { what: 'new submissions' });
  });

  it('counts no freeze and no time while stopped by job control, and leaves a run paused by hand paused', async () => {
    const engine = createEngine({ workload: 'io-timer', knobs: { latency: 5 }, sampleIntervalMs: 50 });
    await engine.start();
    engine.dispatch({ type: 'suspendMeasuring' });
    expect(engine.snapshotNow().scheduler.paused).toBe(true);
    // The process would be stopped here; a busy main thread is what the probe sees on waking.
    const until = performance.now() + 400;
    while (performance.now() < until) {}
    engine.dispatch({ type: 'resumeMeasuring' });
    await waitFor(() => latest(engine).tasks.counts.done > 20, { what: 'tasks after the resume' });
    const snapshot = engine.snapshotNow();
    expect(snapshot.scheduler.paused).toBe(false);
    expect(snapshot.lastFreeze).toBeUndefined();
    expect(snapshot.history.every((point) => point.lagMax < 250)).toBe(true);

    engine.dispatch({ type: 'togglePause' });
    engine.dispatch({ type: 'suspendMeasuring' });
    engine.dispatch({ type: 'resumeMeasuring' });
    expect(engine.snapshotNow().scheduler.paused).toBe(true);
  });

  it('switches the workload for new tasks', async () => {
    const engine = createEngine({
      workload: 'io-timer',
      knobs: { latency: 5 },
      concurrency: 4,
      sampleIntervalMs: 50,
    });
    await engine.start();
    engine.dispatch({ type: 'setWorkload', workload: 'io-http' });
    await engine.settled();
    await waitFor(() => latest(engine).workload.name === 'io-http', { what: 'the workload change' });
    await waitFor(() => doneOnWorkload(latest(engine), 'io-http') > 5, { what: 'http tasks' });
  });

  it('resets statistics while keeping in-flight tasks accounted for', async () => {
    const engine = createEngine({
      workload: 'io-timer',
      knobs: { latency: 5 },
      concurrency: 8,
      sampleIntervalMs: 50,
    });
    await engine.start();
    await waitFor(() => latest(engine).tasks.counts.done > 50);
    engine.dispatch({ type: 'resetStatistics' });
    const counts = engine.snapshotNow().tasks.counts;
    expect(counts.done).toBeLessThan(50);
    expect(counts.done + counts.failed + counts.cancelled + counts.queued + counts.running).toBe(
      counts.submitted,
    );
  });

  it('resizes the pool live', async () => {
    const engine = createEngine({
      workload: 'io-timer',
      knobs: { latency: 5 },
      concurrency: 8,
      threads: 1,
      model: 'workers',
      sampleIntervalMs: 50,
    });
    await engine.start();
    await waitFor(() => latest(engine).pools.workers?.threads === 1, { what: 'one thread' });
    engine.dispatch({ type: 'changeThreads', delta: 1 });
    await waitFor(() => latest(engine).pools.workers?.threads === 2 && latest(engine).poolThreads === 2, {
      what: 'two threads',
    });
  });
});

function doneOnWorkload(snapshot: Snapshot, workload: string): number {
  return snapshot.scoreboard.find((row) => row.workload === workload)?.finished ?? 0;
}
