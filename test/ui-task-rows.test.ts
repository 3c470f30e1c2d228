import { expect, test } from 'vitest';
import type { TaskRecord } from '../source/engine/types.ts';
import {
  taskColumns,
  taskHeader,
  taskLine,
  taskTable,
  taskTimes,
  threadNames,
} from '../source/ui/task-rows.ts';

const at = 10_000;

test('a wide table shows every column', () => {
  expect(taskColumns(60)).toEqual(['id', 'state', 'model', 'thread', 'wait', 'run', 'cpu']);
});

test('a table too narrow for the on-CPU share drops it first, rather than wrap', () => {
  expect(taskColumns(54)).toEqual(['id', 'state', 'model', 'thread', 'wait', 'run']);
  expect(taskColumns(55)).toContain('cpu');
});

test('a narrow table drops the model, then the thread', () => {
  expect(taskColumns(42)).toEqual(['id', 'state', 'thread', 'wait', 'run']);
  expect(taskColumns(39)).toEqual(['id', 'state', 'wait', 'run']);
});

test('a queued task has waited until now and not run', () => {
  expect(taskTimes({ id: 1, state: 'queued', model: 'async', submittedAt: at - 40 }, at)).toEqual({
    wait: 40,
  });
});

test('a running task has run until now', () => {
  const task: TaskRecord = {
    id: 1,
    state: 'running',
    model: 'workers',
    submittedAt: at - 30,
    startedAt: at - 8,
  };
  expect(taskTimes(task, at)).toEqual({ wait: 22, run: 8 });
});

test('a cancelled task waited until it was cancelled', () => {
  const task: TaskRecord = {
    id: 1,
    state: 'cancelled',
    model: 'workers',
    submittedAt: at - 30,
    endedAt: at - 10,
  };
  expect(taskTimes(task, at)).toEqual({ wait: 20 });
});

test('a task line reads id, state, model, thread, wait, run and the share on CPU', () => {
  const task: TaskRecord = {
    id: 9000,
    state: 'done',
    model: 'workers',
    threadId: 3,
    submittedAt: at - 60,
    startedAt: at - 40,
    endedAt: at - 20,
    cpuMs: 15,
  };
  const columns = taskColumns(60);
  const names = threadNames([{ threadId: 3, label: 1, busyShare: 0 }]);
  expect(taskHeader(columns)).toBe('     id state     model   thread wait ms  run ms on cpu');
  expect(taskLine(task, columns, at, names)).toBe('  #9000 done      workers t1          20      20    75%');
  const { cpuMs: _cpuMs, ...unmeasured } = task;
  expect(taskLine(unmeasured, columns, at, names).endsWith('      -')).toBe(true);
});

test('a task too short for one reading of the tick-driven CPU clock shows no share on CPU', () => {
  const task: TaskRecord = {
    id: 9001,
    state: 'done',
    model: 'async',
    threadId: 0,
    submittedAt: at - 30,
    startedAt: at - 2,
    endedAt: at,
    cpuMs: 4,
  };
  expect(taskLine(task, ['cpu'], at)).toBe('     -');
  expect(taskLine({ ...task, cpuMs: 0 }, ['cpu'], at)).toBe('     -');
});

test('the main thread is called main', () => {
  const task: TaskRecord = {
    id: 5,
    state: 'running',
    model: 'async',
    threadId: 0,
    submittedAt: at,
    startedAt: at,
  };
  expect(taskLine(task, ['thread'], at)).toBe('main  ');
});

test('a worker thread is named by its stable pool label, not its thread id', () => {
  const task: TaskRecord = {
    id: 1,
    state: 'running',
    model: 'workers',
    threadId: 4095,
    submittedAt: at,
    startedAt: at,
  };
  expect(taskLine(task, ['thread'], at, threadNames([{ threadId: 4095, label: 64, busyShare: 1 }]))).toBe(
    't64   ',
  );
  expect(taskLine(task, ['thread'], at)).toBe('worker');
});

test('ids past six digits widen the id column instead of being cut', () => {
  const task: TaskRecord = { id: 30_537_123, state: 'queued', model: 'async', submittedAt: at };
  const table = taskTable(60, [task]);
  expect(table.widths.id).toBe(9);
  expect(taskLine(task, table, at)).toContain('#30537123 queued');
  expect(taskHeader(table)).toMatch(/^ {7}id state/);
});

test('a task that started just after the snapshot was taken has run 0 ms, not a negative time', () => {
  const task: TaskRecord = {
    id: 1,
    state: 'running',
    model: 'workers',
    submittedAt: at - 5,
    startedAt: at + 0.12,
  };
  const times = taskTimes(task, at);
  expect(times.run).toBe(0);
  expect(times.wait).toBeCloseTo(5.12);
});
