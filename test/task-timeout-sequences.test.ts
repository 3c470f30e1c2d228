// Random sequences against an engine whose workload has tasks that never settle, under a task timeout: switch
// model, change threads, reset, wait for timeouts to expire. After every step the counts add up; a stuck task
// never counts as done; at the end each pool has the asked size and, once stopped, no process is left.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { EngineAction } from '../source/engine/actions.ts';
import { Engine } from '../source/engine/engine.ts';
import { clampThreads } from '../source/engine/engine-options.ts';
import { timedOutLine } from '../source/engine/models/task-timeout.ts';
import type { ModelName, Snapshot, TaskRecord } from '../source/engine/types.ts';
import { processRuns } from './fixtures/process-alive.ts';
import stuckWorkload from './fixtures/stuck-workload.ts';
import { fixture } from './helpers/model-tasks.ts';
import { seededRandom } from './helpers/seeded-random.ts';
import { waitFor } from './helpers/wait-for.ts';

const stuck = fixture('stuck-workload.ts');
const timeoutMs = 200;
const every = 3;
const models: readonly ModelName[] = ['async', 'workers', 'processes'];
const steps = 24;

type Step = { kind: 'engine'; action: EngineAction } | { kind: 'expire' } | { kind: 'wait'; turns: number };

function randomStep(random: () => number): Step {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const roll = random();
  if (roll < 0.2) return { kind: 'expire' };
  if (roll < 0.4) return { kind: 'wait', turns: 1 + Math.floor(random() * 4) };
  const actions: EngineAction[] = [
    { type: 'switchModel', model: pick(models) },
    { type: 'changeThreads', delta: pick([1, -1]) },
    { type: 'setConcurrency', concurrency: pick([2, 6, 12]) },
    { type: 'resetStatistics' },
  ];
  return { kind: 'engine', action: pick(actions) };
}

function countsAddUp(snapshot: Snapshot): boolean {
  const { done, failed, cancelled, queued, running, submitted } = snapshot.tasks.counts;
  return done + failed + cancelled + queued + running === submitted;
}

/** Every thread (or process) of `model`'s pool is up, `size` of them. */
function poolIsUp(snapshot: Snapshot, model: ModelName, size: number): boolean {
  const pool = snapshot.pools[model];
  const ids = pool?.perThread.map((row) => (model === 'processes' ? row.pid : row.threadId)) ?? [];
  return pool?.threads === size && ids.length === size && ids.every((id) => (id ?? 0) > 0);
}

describe('an engine with a task timeout under random sequences of actions', () => {
  it.each([1, 2, 3, 5, 29])(
    'keeps its counts, its pools and its processes in order (seed %i)',
    async (seed) => {
      const random = seededRandom(seed);
      const counted: TaskRecord[] = [];
      // One task per thread or process, or two: a timeout then fails its neighbour too, saying why.
      const tasksPerWorker = random() < 0.5 ? 1 : 2;
      const engine = new Engine({
        workload: stuck,
        workloadFiles: [{ url: stuck, workload: stuckWorkload }],
        knobs: { stuck: 1, every },
        model: 'async',
        threads: 2,
        tasksPerWorker,
        concurrency: 6,
        taskTimeoutMs: timeoutMs,
        sampleIntervalMs: 50,
        stopTimeoutMs: 200,
        onTaskCounted: (task) => counted.push({ ...task }),
      });
      const pids = new Set<number>();
      const log: string[] = [`${tasksPerWorker} per thread`];
      let threads = 2;
      const note = (snapshot: Snapshot) => {
        for (const row of snapshot.pools.processes?.perThread ?? []) if (row.pid) pids.add(row.pid);
      };
      await engine.start();
      try {
        for (let step = 0; step < steps; step++) {
          const next = randomStep(random);
          log.push(JSON.stringify(next));
          if (next.kind === 'engine') {
            engine.dispatch(next.action);
            if (next.action.type === 'changeThreads') threads = clampThreads(threads + next.action.delta);
          } else if (next.kind === 'wait') {
            for (let turn = 0; turn < next.turns; turn++) await nextTurn();
          } else {
            const before = counted.filter((task) => task.error === timedOutLine(timeoutMs)).length;
            await waitFor(
              () => counted.filter((task) => task.error === timedOutLine(timeoutMs)).length > before,
              {
                what: `a timeout to expire (${log.join(' ')})`,
                timeoutMs: 20_000,
              },
            );
          }
          const snapshot = engine.snapshotNow();
          note(snapshot);
          expect(countsAddUp(snapshot), `${log.join(' ')}: ${JSON.stringify(snapshot.tasks.counts)}`).toBe(
            true,
          );
        }
        // A stuck task fails (timed out, or its thread replaced), it never counts as done.
        const stuckDone = counted.filter((task) => task.id % every === 0 && task.state === 'done');
        expect(stuckDone, log.join(' ')).toEqual([]);
        // Every failure says why: it timed out, or it shared its thread or process with one that did.
        const why = new RegExp(
          `^(${timedOutLine(timeoutMs)}|its (thread|process) was replaced after task #\\d+ timed out)$`,
        );
        const unexplained = counted.filter((task) => task.state === 'failed' && !why.test(task.error ?? ''));
        expect(
          unexplained.map((task) => task.error),
          log.join(' '),
        ).toEqual([]);
        expect(counted.some((task) => task.state === 'done')).toBe(true);
        // No slot may be lost: with the workload paused, no new stuck task keeps a thread booting, so each pool
        // must come up at its size. (Running, stuck tasks kept timing out one thread after another while its
        // replacement booted, so the pool was never whole at one instant.)
        engine.dispatch({ type: 'togglePause' });
        for (const model of ['workers', 'processes'] as const) {
          engine.dispatch({ type: 'switchModel', model });
          await waitFor(
            () => {
              const snapshot = engine.snapshotNow();
              note(snapshot);
              return poolIsUp(snapshot, model, threads);
            },
            { what: `the ${model} pool at its size (${log.join(' ')})`, timeoutMs: 20_000 },
          );
          expect(engine.snapshotNow().poolThreads).toBe(threads);
        }
      } finally {
        await engine.stop();
      }
      expect(countsAddUp(engine.snapshotNow())).toBe(true);
      for (const pid of pids) expect(processRuns(pid), `process ${pid} left behind`).toBe(false);
    },
    120_000,
  );
});
