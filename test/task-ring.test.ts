import { describe, expect, it } from 'vitest';
import { TaskRing } from '../source/engine/task-ring.ts';
import type { TaskRecord } from '../source/engine/types.ts';

const record = (id: number, extra: Partial<TaskRecord> = {}): TaskRecord => ({
  id,
  state: 'queued',
  model: 'async',
  submittedAt: id * 10,
  ...extra,
});

describe('the task ring', () => {
  it('gives back what was written, newest first, as plain records', () => {
    const ring = new TaskRing(8);
    ring.write(record(1));
    ring.write(record(2, { state: 'running', model: 'workers', threadId: 3, startedAt: 25 }));
    expect(ring.newest(5)).toEqual([
      { id: 2, state: 'running', model: 'workers', threadId: 3, submittedAt: 20, startedAt: 25 },
      { id: 1, state: 'queued', model: 'async', submittedAt: 10 },
    ]);
  });

  it('keeps only the last `capacity` records, whatever was written', () => {
    const ring = new TaskRing(4);
    for (let id = 1; id <= 10; id++) ring.write(record(id));
    expect(ring.length).toBe(4);
    expect(ring.newest(10).map((task) => task.id)).toEqual([10, 9, 8, 7]);
  });

  it('updates a task in place, with its failure message', () => {
    const ring = new TaskRing(4);
    ring.write(record(1));
    ring.update(record(1, { state: 'failed', startedAt: 11, endedAt: 12, threadId: 0, error: 'boom' }));
    expect(ring.newest(1)[0]).toEqual({
      id: 1,
      state: 'failed',
      model: 'async',
      threadId: 0,
      submittedAt: 10,
      startedAt: 11,
      endedAt: 12,
      error: 'boom',
    });
  });

  it('ignores an update to a task whose slot a newer task took, and forgets its message', () => {
    const ring = new TaskRing(2);
    ring.write(record(1));
    ring.update(record(1, { state: 'failed', error: 'old' }));
    ring.write(record(2));
    ring.write(record(3));
    ring.update(record(1, { state: 'done' }));
    expect(ring.newest(2)).toEqual([record(3), record(2)]);
  });
});
