import { describe, expect, it } from 'vitest';
import { BoardSampler } from '../source/engine/models/board-sampler.ts';
import {
  claimSlot,
  createThreadBoard,
  idle,
  markTaskFinished,
  markTaskStarted,
  releaseSlot,
} from '../source/engine/models/thread-board.ts';

describe('BoardSampler', () => {
  it('counts finished and running work inside the window only', () => {
    const board = createThreadBoard(2, 2);
    const sampler = new BoardSampler(board, 0);
    const slot = claimSlot(board, 7);
    markTaskStarted(board, slot, 0, 0);
    markTaskFinished(board, slot, 50);
    expect(sampler.sample(100, 100)).toEqual({
      windowMs: 100,
      slots: [{ slot, threadId: 7, ticket: idle, startedAt: 0, busyMs: 50 }],
    });

    markTaskStarted(board, slot, 1, 120);
    expect(sampler.sample(200, 100).slots[0]).toMatchObject({ ticket: 1, startedAt: 120, busyMs: 80 });

    markTaskFinished(board, slot, 250);
    expect(sampler.sample(300, 100).slots[0]).toMatchObject({ ticket: idle, busyMs: 50 });
  });

  it('interpolates the window start between readings', () => {
    const board = createThreadBoard(1, 1);
    const sampler = new BoardSampler(board, 0);
    const slot = claimSlot(board, 7);
    markTaskStarted(board, slot, 0, 0);
    sampler.sample(100, 100);
    markTaskFinished(board, slot, 200);
    // Busy from 0 to 200; the window 50…300 starts between the readings at 0 and 100.
    expect(sampler.sample(300, 250).slots[0]?.busyMs).toBeCloseTo(150);
  });

  it('covers only the board lifetime when the window reaches further back', () => {
    const board = createThreadBoard(1, 1);
    const sampler = new BoardSampler(board, 1000);
    const slot = claimSlot(board, 7);
    markTaskStarted(board, slot, 0, 1000);
    const sample = sampler.sample(1100, 1000);
    expect(sample.windowMs).toBe(100);
    expect(sample.slots[0]?.busyMs).toBe(100);
  });

  it('reports only slots that have an owner', () => {
    const board = createThreadBoard(4, 1);
    const sampler = new BoardSampler(board, 0);
    claimSlot(board, 7);
    claimSlot(board, 8);
    releaseSlot(board, 0, 10);
    expect(sampler.sample(20, 20).slots.map((slot) => slot.threadId)).toEqual([8]);
  });

  it('reaches back no further than the readings it keeps', () => {
    const board = createThreadBoard(1, 1);
    const sampler = new BoardSampler(board, 0, 3);
    claimSlot(board, 7);
    for (let at = 100; at <= 500; at += 100) sampler.sample(at, 100);
    expect(sampler.sample(600, 10_000).windowMs).toBe(200);
  });
});
