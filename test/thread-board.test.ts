import { describe, expect, it } from 'vitest';
import {
  cancelTicket,
  claimSlot,
  createThreadBoard,
  findTicketSlot,
  finishTicket,
  idle,
  isTicketFinished,
  isTicketWaiting,
  markTaskFinished,
  markTaskStarted,
  openThreadBoard,
  readSlot,
  releaseSlot,
  resetTicket,
  type SlotReading,
  startTicket,
} from '../source/engine/models/thread-board.ts';

const blank = (): SlotReading => ({ owner: 0, ticket: idle, startedAt: 0, busy: 0 });

describe('the thread board', () => {
  it('gives each thread its own slot and -1 once full', () => {
    const board = createThreadBoard(2, 4);
    expect(claimSlot(board, 11)).toBe(0);
    expect(claimSlot(board, 12)).toBe(1);
    expect(claimSlot(board, 13)).toBe(-1);
  });

  it('is seen the same through views opened on its buffer, as a worker sees it', () => {
    const board = createThreadBoard(3, 5);
    const workerView = openThreadBoard(board.buffer);
    expect(workerView).toMatchObject({ slots: 3, tickets: 5 });
    const slot = claimSlot(workerView, 7);
    markTaskStarted(workerView, slot, 4, 1000);
    const reading = blank();
    expect(readSlot(board, slot, reading)).toBe(true);
    expect(reading).toEqual({ owner: 7, ticket: 4, startedAt: 1000, busy: 0 });
  });

  it('starts with every slot free and idle', () => {
    const board = createThreadBoard(3, 1);
    for (let slot = 0; slot < 3; slot++) {
      const reading = blank();
      readSlot(board, slot, reading);
      expect(reading).toEqual({ owner: 0, ticket: idle, startedAt: 0, busy: 0 });
    }
  });

  it('adds each finished task to its slot busy time and marks the slot idle', () => {
    const board = createThreadBoard(1, 2);
    const slot = claimSlot(board, 7);
    markTaskStarted(board, slot, 0, 100);
    markTaskFinished(board, slot, 130);
    markTaskStarted(board, slot, 1, 200);
    markTaskFinished(board, slot, 210);
    const reading = blank();
    readSlot(board, slot, reading);
    expect(reading).toMatchObject({ owner: 7, ticket: idle, busy: 40 });
  });

  it('finds the slot running the task that holds a ticket', () => {
    const board = createThreadBoard(2, 8);
    claimSlot(board, 7);
    const slot = claimSlot(board, 8);
    markTaskStarted(board, slot, 5, 0);
    expect(findTicketSlot(board, 5)).toBe(slot);
    expect(findTicketSlot(board, 6)).toBe(-1);
  });

  it('frees a dead thread slot, ending its task at the release time', () => {
    const board = createThreadBoard(1, 1);
    const slot = claimSlot(board, 7);
    markTaskStarted(board, slot, 0, 100);
    expect(releaseSlot(board, slot, 150)).toBe(0);
    const reading = blank();
    readSlot(board, slot, reading);
    expect(reading).toMatchObject({ owner: 0, ticket: idle, busy: 50 });
    expect(claimSlot(board, 8)).toBe(slot);
  });

  it('lets either the start or the cancel of a ticket win, never both', () => {
    const board = createThreadBoard(1, 2);
    expect(startTicket(board, 0)).toBe(true);
    expect(cancelTicket(board, 0)).toBe(false);
    expect(cancelTicket(board, 1)).toBe(true);
    expect(startTicket(board, 1)).toBe(false);
    resetTicket(board, 1);
    expect(startTicket(board, 1)).toBe(true);
  });

  it('keeps a finished ticket finished: it can be neither cancelled nor started until reset', () => {
    const board = createThreadBoard(1, 1);
    expect(startTicket(board, 0)).toBe(true);
    expect(isTicketFinished(board, 0)).toBe(false);
    finishTicket(board, 0);
    expect(isTicketFinished(board, 0)).toBe(true);
    expect(isTicketWaiting(board, 0)).toBe(false);
    expect(cancelTicket(board, 0)).toBe(false);
    expect(startTicket(board, 0)).toBe(false);
    resetTicket(board, 0);
    expect(isTicketFinished(board, 0)).toBe(false);
    expect(isTicketWaiting(board, 0)).toBe(true);
  });
});
