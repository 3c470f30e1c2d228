import { describe, expect, it } from 'vitest';
import type { Services } from '../source/engine/engine-options.ts';
import type { ServicesSample, Workload } from '../source/engine/types.ts';
import { currentRow, gateEngine, snapshotOf } from './fixtures/gate-engine.ts';
import { waitFor } from './helpers/wait-for.ts';

/** Services whose loopback server never starts, as when the process is out of descriptors or threads. */
function servicesThatCannotStart(sample: () => ServicesSample = () => ({})): Services {
  return {
    context: {},
    async prepare(workload: Workload) {
      if (workload.needsHttpServer) throw new Error('loopback server did not start: EMFILE');
    },
    sample,
    async close() {},
  };
}

describe('what a key cannot break', () => {
  it('keeps the previous workload and says why when a service does not start', async () => {
    const engine = gateEngine({ concurrency: 4, services: servicesThatCannotStart() });
    await engine.start();
    engine.dispatch({ type: 'setWorkload', workload: 'io-http' });
    await engine.settled();
    const snapshot = snapshotOf(engine);
    expect(snapshot.workload.name).toBe('gate');
    expect(snapshot.notice).toMatchObject({
      level: 'error',
      message: 'could not switch to io-http: loopback server did not start: EMFILE',
    });
    expect(snapshot.events.filter((event) => event.kind === 'workload')).toEqual([]);
    const done = snapshot.tasks.counts.done;
    await waitFor(() => snapshotOf(engine).tasks.counts.done > done, { what: 'the gate workload to go on' });
    // A later switch that can succeed still does.
    engine.dispatch({ type: 'setWorkload', workload: 'io-timer' });
    await engine.settled();
    expect(snapshotOf(engine).workload.name).toBe('io-timer');
  });

  it('keeps the previous workload when a knob given for every workload is out of the new one’s range', async () => {
    const engine = gateEngine({ concurrency: 2, knobs: { latency: 90_000 } });
    await engine.start();
    engine.dispatch({ type: 'setWorkload', workload: 'io-timer' });
    engine.dispatch({ type: 'setWorkload', workload: 'no-such-workload' });
    await engine.settled();
    const snapshot = snapshotOf(engine);
    expect(snapshot.workload.name).toBe('gate');
    expect(snapshot.notice?.message).toMatch(/^could not switch to no-such-workload: unknown workload/);
  });

  it('publishes a snapshot with the last good reading when a sampler throws, and says so', async () => {
    let fail = false;
    const services = servicesThatCannotStart(() => {
      if (fail) throw new Error('EMFILE: too many open files');
      return { http: { onWire: 3, waitingForSocket: 0, socketBudget: 900, restarts: 0 } };
    });
    const engine = gateEngine({ concurrency: 2, services });
    await engine.start();
    fail = true;
    const snapshot = snapshotOf(engine);
    expect(snapshot.services.http?.onWire).toBe(3);
    expect(snapshot.notice?.message).toBe('could not measure the services: EMFILE: too many open files');
  });

  it('turns a new error of the loopback service into a notice, once', async () => {
    let lastError: string | undefined;
    const services = servicesThatCannotStart(() => ({
      http: { onWire: 0, waitingForSocket: 0, socketBudget: 900, restarts: 1, lastError },
    }));
    const engine = gateEngine({ concurrency: 2, services, noticeMs: 60_000 });
    await engine.start();
    expect(snapshotOf(engine).notice).toBeUndefined();
    lastError = 'server thread died: out of memory';
    expect(snapshotOf(engine).notice).toMatchObject({
      level: 'warning',
      message: 'loopback server: server thread died: out of memory',
    });
  });

  it('drops a notice after its lifetime', async () => {
    const engine = gateEngine({ concurrency: 2, noticeMs: 30, paused: true });
    await engine.start();
    engine.dispatch({ type: 'changeConcurrency', delta: -10 });
    const posted = snapshotOf(engine).notice;
    expect(posted?.message).toBe('concurrency is at its minimum, 1');
    await waitFor(() => snapshotOf(engine).at > (posted?.at ?? 0) + 30);
    expect(snapshotOf(engine).notice).toBeUndefined();
  });

  it('lets + reach the largest concurrency -c accepts, and says so at the limit', async () => {
    const engine = gateEngine({ concurrency: 50_000, paused: true });
    await engine.start();
    const steps: number[] = [];
    for (let press = 0; press < 3; press++) {
      engine.dispatch({ type: 'changeConcurrency', delta: 1 });
      steps.push(snapshotOf(engine).scheduler.concurrency);
    }
    expect(steps).toEqual([100_000, 200_000, 200_000]);
    expect(snapshotOf(engine).notice?.message).toBe('concurrency is at its maximum, 200,000');
    expect(currentRow(snapshotOf(engine)).config.load).toBe(200_000);
  });

  it('says so when the pool threads are at their limit', async () => {
    const engine = gateEngine({ threads: 63, paused: true });
    await engine.start();
    engine.dispatch({ type: 'changeThreads', delta: 1 });
    engine.dispatch({ type: 'changeThreads', delta: 1 });
    const snapshot = snapshotOf(engine);
    expect(snapshot.poolThreads).toBe(64);
    expect(snapshot.notice?.message).toBe('pool threads are at their maximum, 64');
    expect(snapshot.events.filter((event) => event.kind === 'threads')).toHaveLength(1);
  });
});

describe('stop', () => {
  for (const model of ['async', 'workers'] as const) {
    it(`returns without waiting for a 60 s task on ${model}`, async () => {
      const engine = gateEngine({ workload: 'io-timer', knobs: { latency: 60_000 }, model, concurrency: 4 });
      await engine.start();
      await waitFor(() => snapshotOf(engine).tasks.counts.running >= 1, { what: 'a task running' });
      const begun = performance.now();
      await engine.stop();
      // Far below the task's 60 s: stop does not wait for it (its bound is 500 ms, plus thread shutdown).
      expect(performance.now() - begun).toBeLessThan(10_000);
    });
  }
});
