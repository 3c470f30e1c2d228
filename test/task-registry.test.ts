import { describe, expect, it } from 'vitest';
import { TaskRegistry } from '../source/engine/task-registry.ts';

function invariantHolds(registry: TaskRegistry): boolean {
  const c = registry.counts();
  return c.done + c.failed + c.cancelled + c.queued + c.running === c.submitted;
}

describe('the task registry', () => {
  it('walks a task through queued, running and done with its timestamps and thread', () => {
    const registry = new TaskRegistry();
    const task = registry.submit('workers', 10);
    expect(registry.counts().queued).toBe(1);
    registry.start(task, { startedAt: 12, threadId: 3 });
    expect(registry.counts()).toMatchObject({ queued: 0, running: 1 });
    registry.settle(task, { status: 'done', result: 1, startedAt: 12, endedAt: 20, threadId: 3 });
    expect(registry.counts()).toMatchObject({ running: 0, done: 1, submitted: 1 });
    expect(registry.recent(1)[0]).toMatchObject({
      state: 'done',
      threadId: 3,
      submittedAt: 10,
      startedAt: 12,
      endedAt: 20,
    });
  });

  it('records a failed task with its message', () => {
    const registry = new TaskRegistry();
    const task = registry.submit('async', 0);
    registry.settle(task, { status: 'failed', error: 'boom', startedAt: 1, endedAt: 2, threadId: 0 });
    expect(registry.recent(1)[0]).toMatchObject({ state: 'failed', error: 'boom' });
    expect(registry.counts().failed).toBe(1);
  });

  it('settles a task that finished before anyone saw it start', () => {
    const registry = new TaskRegistry();
    const task = registry.submit('workers', 0);
    registry.settle(task, { status: 'done', result: 1, startedAt: 1, endedAt: 2, threadId: 7 });
    expect(registry.recent(1)[0]).toMatchObject({ state: 'done', startedAt: 1, threadId: 7 });
    expect(invariantHolds(registry)).toBe(true);
  });

  it('ignores a second settlement and a late start', () => {
    const registry = new TaskRegistry();
    const task = registry.submit('async', 0);
    registry.settle(task, { status: 'cancelled', endedAt: 1 });
    registry.settle(task, { status: 'done', result: 1, startedAt: 1, endedAt: 2, threadId: 0 });
    registry.start(task, { startedAt: 3, threadId: 0 });
    expect(registry.counts()).toMatchObject({ cancelled: 1, done: 0, running: 0, submitted: 1 });
  });

  it('keeps only the newest records but counts every task', () => {
    const registry = new TaskRegistry({ capacity: 100 });
    for (let i = 0; i < 10_000; i++) {
      const task = registry.submit('async', i);
      registry.settle(task, { status: 'done', result: i, startedAt: i, endedAt: i, threadId: 0 });
    }
    expect(registry.retained).toBe(100);
    expect(registry.counts().done).toBe(10_000);
    expect(registry.recent(3).map((task) => task.id)).toEqual([10_000, 9_999, 9_998]);
  });

  it('hands out copies, so a snapshot does not change under the view', () => {
    const registry = new TaskRegistry();
    const task = registry.submit('async', 0);
    const [copy] = registry.recent(1);
    registry.settle(task, { status: 'done', result: 1, startedAt: 0, endedAt: 1, threadId: 0 });
    expect(copy?.state).toBe('queued');
  });

  it('keeps in-flight tasks accounted for across a reset', () => {
    const registry = new TaskRegistry();
    const a = registry.submit('async', 0);
    const b = registry.submit('async', 0);
    registry.settle(a, { status: 'done', result: 1, startedAt: 0, endedAt: 1, threadId: 0 });
    registry.resetCounts();
    expect(registry.counts()).toMatchObject({ submitted: 1, queued: 1, done: 0 });
    registry.settle(b, { status: 'done', result: 1, startedAt: 0, endedAt: 1, threadId: 0 });
    expect(invariantHolds(registry)).toBe(true);
  });
});
