import { describe, expect, it } from 'vitest';
import { BoardSampler } from '../source/engine/models/board-sampler.ts';
import { sampleSlots } from '../source/engine/models/pool-sampling.ts';
import {
  claimSlot,
  createThreadBoard,
  markTaskFinished,
  markTaskStarted,
  type ThreadBoard,
} from '../source/engine/models/thread-board.ts';
import type { ThreadSlot } from '../source/engine/models/thread-slot.ts';
import type { TaskInput } from '../source/engine/types.ts';
import { seededRandom } from './helpers/seeded-random.ts';

type Task = { input: TaskInput };

/** A slot as sampling sees it: a real board and sampler driven by hand, times in ms on a made-up clock. */
class FakeSlot {
  readonly board: ThreadBoard = createThreadBoard(1, 2);
  readonly sampler: BoardSampler | undefined;
  readonly tasks: (Task | undefined)[] = [undefined, undefined];
  readonly threadId: number;

  constructor(threadId: number, upAt: number | undefined) {
    this.threadId = upAt === undefined ? 0 : threadId;
    if (upAt !== undefined) {
      claimSlot(this.board, threadId);
      this.sampler = new BoardSampler(this.board, upAt);
    }
  }

  /** Tasks handed to the thread and not started: none in these cases. */
  unstarted(): number {
    return 0;
  }

  /** Runs task `id` under ticket 0 from `from` to `to` (still running when `to` is undefined). */
  run(id: number, from: number, to?: number): this {
    this.tasks[0] = { input: { id, knobs: {}, context: {} } };
    markTaskStarted(this.board, 0, 0, from);
    if (to !== undefined) {
      markTaskFinished(this.board, 0, to);
      this.tasks[0] = undefined;
    }
    return this;
  }
}

function sample(slots: FakeSlot[], at: number, windowMs: number, queued = 0, notice?: string) {
  const started: number[] = [];
  const result = sampleSlots(slots as unknown as ThreadSlot<Task>[], {
    at,
    windowMs,
    queued,
    inFlight: queued,
    notice,
    announceStart: (task) => started.push(task.input.id),
  });
  return { ...result, started };
}

describe('pool sampling', () => {
  it('does not call two threads busy when they worked 1 % of the window (util 1% busy 2/2)', () => {
    const slots = [new FakeSlot(11, 0).run(1, 100, 101), new FakeSlot(12, 0).run(2, 200, 201)];
    const result = sample(slots, 250, 250);
    expect(result.utilization).toBeCloseTo(2 / 500);
    expect(result.busyThreads).toBe(0);
  });

  it('does not call idle threads that just picked up a long task busy for the whole window', () => {
    const slots = [new FakeSlot(11, 0).run(1, 248), new FakeSlot(12, 0).run(2, 249)];
    const result = sample(slots, 250, 250);
    expect(result.utilization).toBeCloseTo(3 / 500);
    expect(result.busyThreads).toBe(0);
    // The task each thread runs now is still shown on its row.
    expect(result.perThread.map((thread) => thread.taskId)).toEqual([1, 2]);
    expect(result.started).toEqual([1, 2]);
  });

  it('counts the threads busy on average over the window', () => {
    const both = sample([new FakeSlot(11, 0).run(1, 0), new FakeSlot(12, 0).run(2, 0)], 250, 250);
    expect(both).toMatchObject({ utilization: 1, busyThreads: 2 });
    const one = sample([new FakeSlot(11, 0).run(1, 0), new FakeSlot(12, 0)], 250, 250);
    expect(one).toMatchObject({ utilization: 0.5, busyThreads: 1 });
  });

  it('counts a thread only for the part of the window it was up, and lists a starting one as idle', () => {
    const slots = [new FakeSlot(11, 0).run(1, 0), new FakeSlot(12, 125), new FakeSlot(13, undefined)];
    const result = sample(slots, 250, 250, 3, 'only 2 of 3 threads could start: the process limit (EAGAIN)');
    expect(result.utilization).toBeCloseTo(250 / 375);
    expect(result).toMatchObject({
      threads: 3,
      busyThreads: 1,
      queueSize: 3,
      notice: 'only 2 of 3 threads could start: the process limit (EAGAIN)',
    });
    expect(result.perThread).toEqual([
      { threadId: 11, label: 1, busyShare: 1, taskId: 1 },
      { threadId: 12, label: 2, busyShare: 0 },
      { threadId: 0, label: 3, busyShare: 0 },
    ]);
  });

  it('keeps busy threads, utilization and busy shares in agreement over random windows', () => {
    const next = seededRandom(42);
    for (let round = 0; round < 200; round++) {
      const windowMs = 250;
      const at = 1000;
      const slots = Array.from({ length: 1 + Math.floor(next() * 8) }, (_, index) => {
        const slot = new FakeSlot(index + 1, 0);
        const from = at - windowMs + next() * windowMs;
        return next() < 0.5
          ? slot.run(index + 1, from)
          : slot.run(index + 1, from, from + next() * (at - from));
      });
      const result = sample(slots, at, windowMs);
      const busyTime = result.perThread.reduce((sum, thread) => sum + thread.busyShare * windowMs, 0);
      expect(result.utilization).toBeCloseTo(busyTime / (slots.length * windowMs));
      expect(Math.abs(result.busyThreads - result.utilization * slots.length)).toBeLessThanOrEqual(
        0.5 + 1e-9,
      );
      expect(result.perThread.map((thread) => thread.label)).toEqual(slots.map((_, index) => index + 1));
    }
  });
});
