import { afterEach, describe, expect, it } from 'vitest';
import { createEventLoopModel } from '../source/engine/models/event-loop-model.ts';
import type { ExecutionModel, TaskCallbacks, TaskOutcome } from '../source/engine/models/execution-model.ts';
import { startSliceRecording, stopSliceRecording } from '../source/engine/slices/slice-recorder.ts';
import { fixture, input } from './helpers/model-tasks.ts';
import { seededRandom } from './helpers/seeded-random.ts';

// A turn starts each task at the clock reading that ended the one before: after a task that awaits, the end of
// its first slice as the slice recorder read it. Whatever the mix of tasks (awaiting, synchronous, throwing,
// cancelled before their start), no task may start before the previous one's first slice ended, nor after its
// own first slice began.

/** A few units in the last place of the engine clock (epoch ms, about 2^-12 ms apart), far below a slice. */
const clockUlpMs = 1e-3;

type Kind = 'awaits' | 'sync' | 'throws' | 'cancelled';
const kinds: readonly Kind[] = ['awaits', 'sync', 'throws', 'cancelled'];

type Task = {
  kind: Kind;
  callbacks: TaskCallbacks;
  startedAt?: number;
  outcome?: TaskOutcome;
  /** Its first slice, while slices are recorded. */
  slice?: { start: number; end: number };
};

function submit(model: ExecutionModel, kind: Kind, id: number): Task & { settled: Promise<void> } {
  const abort = new AbortController();
  let settle = () => {};
  const settled = new Promise<void>((resolve) => {
    settle = resolve;
  });
  const task: Task & { settled: Promise<void> } = {
    kind,
    settled,
    callbacks: {
      signal: abort.signal,
      onStart: (start) => {
        task.startedAt = start.startedAt;
      },
      onSettled: (outcome) => {
        task.outcome = { ...outcome };
        settle();
      },
    },
  };
  const specifier =
    kind === 'awaits'
      ? fixture('slice-steps-workload.ts')
      : kind === 'throws'
        ? fixture('throw-workload.ts')
        : 'cpu';
  const knobs: Record<string, number> =
    kind === 'awaits' ? { steps: 1, spin: 0.05, wait: 1 } : kind === 'sync' ? { size: 1 } : {};
  model.submit(specifier, input(id, knobs), task.callbacks);
  if (kind === 'cancelled') abort.abort();
  return task;
}

describe('the event loop model starts each task after the one before it', () => {
  let model: ExecutionModel | undefined;

  afterEach(async () => {
    stopSliceRecording();
    await model?.close();
  });

  for (const recorded of [true, false]) {
    it(`in random mixes of tasks, with slices ${recorded ? 'recorded' : 'not recorded'}`, async () => {
      for (let seed = 1; seed <= 6; seed++) {
        const random = seededRandom(seed);
        // One long turn for some mixes, the default 1 ms budget (several turns) for others.
        model = createEventLoopModel(seed % 2 === 0 ? { turnBudgetMs: 1000 } : {});
        const tasks: (Task & { settled: Promise<void> })[] = [];
        const byCallbacks = new Map<TaskCallbacks, Task>();
        if (recorded) {
          startSliceRecording((owner, start, lengthMs) => {
            const task = byCallbacks.get(owner as TaskCallbacks);
            if (task && task.slice === undefined) task.slice = { start, end: start + lengthMs };
          });
        }
        // Load the fixtures first, so every task of the mix starts in the turns measured.
        for (const kind of ['awaits', 'throws'] as const) await submit(model, kind, 0).settled;
        for (let id = 1; id <= 60; id++) {
          const task = submit(model, kinds[Math.floor(random() * kinds.length)] as Kind, id);
          byCallbacks.set(task.callbacks, task);
          tasks.push(task);
        }
        await Promise.all(tasks.map((task) => task.settled));
        const started = tasks.filter((task) => task.startedAt !== undefined);
        expect(started.length).toBeGreaterThan(20);
        expect(
          tasks.filter((task) => task.kind === 'cancelled').every((task) => task.startedAt === undefined),
        ).toBe(true);
        let previousEnd = Number.NEGATIVE_INFINITY;
        for (const task of started) {
          const startedAt = task.startedAt as number;
          expect(Number.isFinite(startedAt)).toBe(true);
          // The slice's end is rebuilt here from its start and length, so it may differ in the last bit.
          expect(startedAt).toBeGreaterThanOrEqual(previousEnd - clockUlpMs);
          const endedAt = (task.outcome as { endedAt: number }).endedAt;
          expect(endedAt).toBeGreaterThanOrEqual(startedAt);
          // A task that did not await has ended before the next one starts.
          previousEnd = task.kind === 'awaits' ? startedAt : endedAt;
          if (recorded) {
            const slice = task.slice;
            if (!slice) throw new Error(`task ${task.kind} has no first slice`);
            expect(slice.start).toBeGreaterThanOrEqual(startedAt - clockUlpMs);
            previousEnd = Math.max(previousEnd, slice.end);
          }
        }
        stopSliceRecording();
        await model.close();
        model = undefined;
      }
    });
  }
});
