import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../source/engine/engine.ts';
import type { TaskCallbacks, TaskOutcome } from '../source/engine/models/execution-model.ts';
import { createProcessPoolModel, type ProcessPoolModel } from '../source/engine/models/process-pool-model.ts';
import type { TaskContext, TaskInput } from '../source/engine/types.ts';
import { waitFor } from './helpers/wait-for.ts';

// A task whose input cannot be sent to a process fails at once. A closed loop refills on every failure: if
// failures settled as microtasks, the refill would never end and the loop (timers, frames, the q key) would
// never run again. That froze the dashboard on io-http, whose context carried shared memory.

describe('a task that cannot be sent to a process', () => {
  let model: ProcessPoolModel | undefined;
  let engine: Engine | undefined;

  afterEach(async () => {
    await model?.close();
    await engine?.stop();
    model = undefined;
    engine = undefined;
  });

  it('fails with the reason, and a loop that resubmits every failure still lets timers run', async () => {
    model = createProcessPoolModel({ processes: 1 });
    const pool = model;
    // A function cannot be cloned: sending this input fails before it reaches the process.
    const context = { unsendable: () => {} } as unknown as TaskContext;
    const outcomes: TaskOutcome[] = [];
    let open = true;
    let id = 0;
    const callbacks: TaskCallbacks = {
      signal: new AbortController().signal,
      onStart: () => {},
      onSettled: (outcome) => {
        outcomes.push({ ...outcome });
        if (open) submit();
      },
    };
    const submit = () => {
      const input: TaskInput = { id: ++id, knobs: { latency: 0 }, context };
      pool.submit('io-timer', input, callbacks);
    };
    submit();
    // Resolves only if the loop gets a turn while failures keep coming.
    await waitFor(() => outcomes.length >= 20, { timeoutMs: 20_000, what: 'twenty failures' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    open = false;
    expect(outcomes.every((outcome) => outcome.status === 'failed')).toBe(true);
    expect(outcomes[0]).toMatchObject({ status: 'failed', error: expect.stringMatching(/clone|serial/i) });
  }, 30_000);

  it('io-http runs in child processes: the loopback server is reached from each process', async () => {
    engine = new Engine({
      workload: 'io-http',
      model: 'processes',
      concurrency: 8,
      threads: 2,
      sampleIntervalMs: 100,
    });
    await engine.start();
    const running = engine;
    await waitFor(() => running.snapshotNow().tasks.counts.done >= 20, {
      timeoutMs: 20_000,
      what: 'twenty io-http tasks done in child processes',
    });
    expect(running.snapshotNow().tasks.counts.failed).toBe(0);
  }, 30_000);
});
