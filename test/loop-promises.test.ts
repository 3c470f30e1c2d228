// Random sequences of tasks that await promises the test settles (or never does) under a short task timeout.
// A slot whose task timed out is handed to the next task while the old promise is still pending: its late
// outcome must be dropped, and must never settle the slot's new task.
import { setTimeout as delay } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { now } from '../source/engine/clock.ts';
import type { TaskCallbacks } from '../source/engine/models/execution-model.ts';
import { LoopPromises, type PromiseSettler } from '../source/engine/models/loop-promises.ts';
import { timedOutLine } from '../source/engine/models/task-timeout.ts';
import { seededRandom } from './helpers/seeded-random.ts';
import { waitFor } from './helpers/wait-for.ts';

const timeoutMs = 25;

type Outcome = { status: string; detail: unknown; startedAt: number; at: number };
type Task = {
  id: number;
  startedAt: number;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  /** When the test settled its promise (after the handlers ran), if it did. */
  settledAt?: number;
  outcomes: Outcome[];
};

function recordingSettler(): PromiseSettler {
  const record = (callbacks: TaskCallbacks, outcome: Outcome) =>
    (callbacks as unknown as Task).outcomes.push(outcome);
  return {
    succeed: (callbacks, startedAt, value) =>
      record(callbacks, { status: 'done', detail: value, startedAt, at: now() }),
    fail: (callbacks, startedAt, error) =>
      record(callbacks, { status: 'failed', detail: (error as Error).message, startedAt, at: now() }),
    settle: (callbacks, outcome) =>
      record(callbacks, {
        status: outcome.status,
        detail: outcome.status === 'failed' ? outcome.error : undefined,
        startedAt: outcome.status === 'cancelled' ? Number.NaN : (outcome.startedAt ?? Number.NaN),
        at: outcome.endedAt,
      }),
  };
}

/** Lets the handlers of promises settled just now run: microtasks only, so no sweep runs in between. */
async function flushMicrotasks(): Promise<void> {
  for (let turn = 0; turn < 4; turn++) await Promise.resolve();
}

function checkTask(task: Task): void {
  expect(task.outcomes.length).toBeLessThanOrEqual(1);
  const outcome = task.outcomes[0];
  if (outcome === undefined) return;
  expect(outcome.startedAt).toBe(task.startedAt);
  if (outcome.status === 'done') {
    expect(outcome.detail).toBe(`value of ${task.id}`);
  } else if (outcome.detail === timedOutLine(timeoutMs)) {
    expect(outcome.status).toBe('failed');
    expect(outcome.at - task.startedAt).toBeGreaterThanOrEqual(timeoutMs);
    // A task whose own promise settled first is never timed out after it.
    if (task.settledAt !== undefined) expect(outcome.at).toBeLessThanOrEqual(task.settledAt);
  } else {
    expect(outcome).toMatchObject({ status: 'failed', detail: `error of ${task.id}` });
  }
}

describe('promises awaited under a task timeout', () => {
  it.each([1, 2, 3, 4, 5, 6])(
    'settle each task once, with its own outcome, whatever order promises settle and time out in (seed %i)',
    async (seed) => {
      const random = seededRandom(seed);
      const promises = new LoopPromises(recordingSettler(), timeoutMs);
      const tasks: Task[] = [];
      for (let step = 0; step < 60; step++) {
        const roll = random();
        const unsettled = tasks.filter((task) => task.settledAt === undefined);
        if (roll < 0.4 || unsettled.length === 0) {
          let resolve: (value: unknown) => void = () => undefined;
          let reject: (error: unknown) => void = () => undefined;
          const promise = new Promise((res, rej) => {
            resolve = res;
            reject = rej;
          });
          const task: Task = { id: tasks.length, startedAt: now(), resolve, reject, outcomes: [] };
          tasks.push(task);
          promises.wait(task as unknown as TaskCallbacks, task.startedAt, promise);
        } else if (roll < 0.75) {
          // Settle one, timed out or not; some are left never to settle.
          const task = unsettled[Math.floor(random() * unsettled.length)] as Task;
          if (random() < 0.7) task.resolve(`value of ${task.id}`);
          else task.reject(new Error(`error of ${task.id}`));
          await flushMicrotasks();
          task.settledAt = now();
        } else {
          await delay(Math.floor(random() * timeoutMs * 1.5));
        }
        for (const task of tasks) checkTask(task);
        expect(promises.size).toBe(tasks.filter((task) => task.outcomes.length === 0).length);
      }
      // What never settled times out.
      await waitFor(() => tasks.every((task) => task.outcomes.length === 1), {
        what: 'every task to settle',
      });
      for (const task of tasks) checkTask(task);
      expect(promises.size).toBe(0);
      const timedOut = tasks.filter((task) => task.outcomes[0]?.detail === timedOutLine(timeoutMs));
      const late = timedOut.filter((task) => task.settledAt !== undefined);
      // The sequence did what it is for: tasks timed out, and some of their promises settled late.
      expect(timedOut.length).toBeGreaterThan(0);
      expect(late.length).toBeGreaterThan(0);
    },
  );

  it('keep no task once it timed out, even when its promise never settles', async () => {
    const promises = new LoopPromises(recordingSettler(), timeoutMs);
    const held = new WeakRef({ id: 0, outcomes: [] as Outcome[] });
    promises.wait(held.deref() as unknown as TaskCallbacks, now(), new Promise(() => undefined));
    await waitFor(() => promises.size === 0, { what: 'the timeout' });
    setFlagsFromString('--expose-gc');
    const collect = runInNewContext('gc') as () => void;
    await waitFor(
      () => {
        collect();
        return held.deref() === undefined;
      },
      { what: 'the task to be collected' },
    );
  });
});
