// Piscina loads this file in every pool thread. It runs one task of a workload, times it on the worker's own
// clock, and says on the thread board when it starts and ends, so the main thread needs no message for that.
// A thread slot hands its thread one task more than it runs at once: that one waits here, at the gate, and
// starts the moment a running task ends, without waiting for the main thread to hand over another (a busy main
// thread, drawing a frame, would otherwise leave the thread idle: measured in BENCHMARKS.md).
import { threadId, workerData } from 'node:worker_threads';
import { findWorkload, loadWorkload } from '../../../workloads/index.ts';
// Reloaded workload files load their pinned source (workload-reload-hook.ts).
import '../workload-reload-hook.ts';
import { now } from '../clock.ts';
import { yieldNow } from '../cooperative-yield.ts';
import { messageOf } from '../error-message.ts';
import { answerPayload } from '../payload.ts';
import { openThreadSliceRing, writeSlice } from '../slices/thread-slice-ring.ts';
import { runTaskSlices, startTaskSlices, TaskSlices, withSliceStats } from '../slices/thread-slice-tasks.ts';
import { TaskCpuClock } from '../task-cpu-clock.ts';
import type { TaskInput, Workload } from '../types.ts';
import { openGilLock } from './gil-lock.ts';
import { GilSliceHolds } from './gil-slice-holds.ts';
import { GilThread } from './gil-thread.ts';
import {
  claimSlot,
  finishTicket,
  markTaskFinished,
  markTaskStarted,
  openThreadBoard,
  startTicket,
} from './thread-board.ts';
import {
  severalTasksTicket,
  type WorkerData,
  type WorkerPayload,
  type WorkerReady,
  type WorkerResult,
  warmUpTicket,
} from './worker-messages.ts';

const data = workerData as WorkerData;
const board = openThreadBoard(data.board);
// Claimed at load, so an idle thread shows on the board (and in the dashboard) before its first task.
let slot = claimSlot(board, threadId);
const gilLock = data.gil ? openGilLock(data.gil) : undefined;
const holds = data.slices && gilLock ? new GilSliceHolds(gilLock) : undefined;
const gil = gilLock ? new GilThread(gilLock, threadId, holds) : undefined;
// Recording slices is the pool's choice, made once: with it off, no hook is set in this thread.
const sliceRing = data.slices ? openThreadSliceRing(data.slices) : undefined;
if (sliceRing) {
  startTaskSlices(
    (taskId, start, lengthMs, number) => writeSlice(sliceRing, taskId, start, lengthMs, number),
    holds,
  );
}
/** Tasks at most running at once; the next waits here until one ends. */
const perThread = data.tasksPerWorker ?? 1;
/** Running several tasks at once, the board shows the thread busy while it has any, under no single ticket. */
const several = perThread > 1;
let running = 0;
let admitted = 0;
const gate: (() => void)[] = [];
const cpuClock = new TaskCpuClock();
const cancelled: WorkerResult = { status: 'cancelled' };

export default async function runTask({
  workload: specifier,
  input,
  ticket,
  payload,
}: WorkerPayload): Promise<WorkerResult | WorkerReady> {
  if (ticket === warmUpTicket) return { status: 'ready', threadId };
  // In the order they came, loading included: a task loading its workload file holds its place.
  if (admitted < perThread) admitted++;
  else await new Promise<void>((enter) => gate.push(enter));
  try {
    let workload = findWorkload(specifier);
    if (!workload) {
      try {
        workload = await loadWorkload(specifier, data.loadTimeoutMs);
      } catch (error) {
        if (!startTicket(board, ticket)) return cancelled;
        finishTicket(board, ticket);
        return { status: 'failed', error: messageOf(error), endedAt: now(), threadId };
      }
    }
    // The main thread may have taken the task back while it waited (a switch, a thread change).
    if (!startTicket(board, ticket)) return cancelled;
    gil?.taskStarting();
    if (slot < 0) {
      slot = claimSlot(board, threadId);
    }
    const result = await run(workload, input, ticket, payload);
    finishTicket(board, ticket);
    return result;
  } finally {
    leave();
  }
}

/** A task left the gate's room: the next one waiting takes its place. */
function leave(): void {
  const next = gate.shift();
  if (next) next();
  else admitted--;
}

async function run(
  workload: Workload,
  input: TaskInput,
  ticket: number,
  payload: Uint8Array | undefined,
): Promise<WorkerResult> {
  // The context arrived as a copy of its own: the yield helper, which cannot cross as data, is this thread's.
  input.context.yield = yieldNow;
  const startedAt = now();
  if (running++ === 0 && slot >= 0)
    markTaskStarted(board, slot, several ? severalTasksTicket : ticket, startedAt);
  const slices = sliceRing ? new TaskSlices(workload, input) : undefined;
  const cpuBegun = cpuClock.begin();
  try {
    const result = await (slices ? runTaskSlices(slices) : workload.run(input));
    const endedAt = taskEnded();
    const cpuMs = cpuClock.end(cpuBegun, endedAt - startedAt);
    const back = answerPayload(payload);
    const answer: WorkerResult = back
      ? { status: 'done', result, startedAt, endedAt, threadId, cpuMs, payload: back }
      : { status: 'done', result, startedAt, endedAt, threadId, cpuMs };
    return slices ? withSliceStats(answer, slices) : answer;
  } catch (error) {
    const endedAt = taskEnded();
    const cpuMs = cpuClock.end(cpuBegun, endedAt - startedAt);
    const answer: WorkerResult = {
      status: 'failed',
      error: messageOf(error),
      startedAt,
      endedAt,
      threadId,
      cpuMs,
    };
    return slices ? withSliceStats(answer, slices) : answer;
  }
}

function taskEnded(): number {
  const endedAt = now();
  if (--running === 0 && slot >= 0) markTaskFinished(board, slot, endedAt);
  return endedAt;
}
