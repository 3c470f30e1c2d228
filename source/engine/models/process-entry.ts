// poolifier loads this file in every pool process (a cluster worker). It runs the tasks it is sent, several at
// once on its own event loop when the pool allows more than one per process (poolifier sends each as it comes),
// times each on the process's own clock, and measures the process (busy time, CPU, RSS) for the pool pane.
// The slot sends one task more than the process runs at once: that one waits at the gate (process-gate.ts)
// and starts the moment a running task ends, without waiting for the main process to send another.
import cluster from 'node:cluster';
import { ClusterWorker } from 'poolifier';
import { findWorkload, loadWorkload } from '../../../workloads/index.ts';
// Reloaded workload files load their pinned source (workload-reload-hook.ts).
import '../workload-reload-hook.ts';
import { now } from '../clock.ts';
import { yieldNow } from '../cooperative-yield.ts';
import { messageOf } from '../error-message.ts';
import { createLoopbackCounters } from '../loopback/loopback-context.ts';
import { answerPayload } from '../payload.ts';
import { runTaskSlices, startTaskSlices, TaskSlices, withSliceStats } from '../slices/thread-slice-tasks.ts';
import { TaskCpuClock } from '../task-cpu-clock.ts';
import type { Workload } from '../types.ts';
import { TaskGate } from './process-gate.ts';
import {
  isProcessCancel,
  loadTimeoutFrom,
  type ProcessPayload,
  type ProcessReport,
  type ProcessResult,
  type ProcessUsage,
  type RunningTask,
  recordSlicesEnv,
  reportEveryMs,
  tasksPerProcessFrom,
} from './process-messages.ts';
import { exitWithParent } from './process-orphan-watch.ts';
import { SliceBatch } from './process-slice-batch.ts';

exitWithParent();

// Busy means at least one task runs: time with several running counts once.
let busyMs = 0;
let busySince = 0;
// Read on the report timer only: reading it costs a /proc read, too much to pay with every result.
let rssBytes = process.memoryUsage.rss();
/** Start of each task running now, by ticket, oldest first. */
const running = new Map<number, number>();
const gate = new TaskGate(tasksPerProcessFrom(process.env));
// A held task taken back: it leaves the gate unstarted and answers `cancelled`. One that started ignores it.
process.on('message', (message: unknown) => {
  if (isProcessCancel(message)) gate.cancel(message.cancelTicket, message.soft === true);
});
/** The CPU time of the thread that runs the tasks (the process's main thread), per task run alone. */
const cpuClock = new TaskCpuClock();
// Recording slices is the pool's choice, made at fork: with it off, no hook is set in this process.
const sliceBatch = process.env[recordSlicesEnv] === '1' ? new SliceBatch() : undefined;
if (sliceBatch)
  startTaskSlices((taskId, start, lengthMs, number) => sliceBatch.add(taskId, start, lengthMs, number));

function began(ticket: number, startedAt: number): void {
  if (running.size === 0) busySince = startedAt;
  running.set(ticket, startedAt);
}

function ended(ticket: number, endedAt: number): void {
  running.delete(ticket);
  if (running.size === 0) busyMs += endedAt - busySince;
}

function runningNow(): RunningTask[] | undefined {
  if (running.size === 0) return undefined;
  const tasks: RunningTask[] = [];
  for (const [ticket, startedAt] of running) tasks.push({ ticket, startedAt });
  return tasks;
}

function usage(at: number): ProcessUsage {
  const cpu = process.cpuUsage();
  return {
    pid: process.pid,
    at,
    busyMs: busyMs + (running.size > 0 ? at - busySince : 0),
    cpuMs: (cpu.user + cpu.system) / 1000,
    rssBytes,
  };
}

// Between results, so a long task that awaits still shows as busy and the pane's CPU and RSS stay current.
setInterval(() => {
  const worker = cluster.worker;
  if (!worker || !process.connected) return;
  rssBytes = process.memoryUsage.rss();
  const report: ProcessReport = {
    workerId: worker.id,
    processReport: { ...usage(now()), running: runningNow() },
  };
  sliceBatch?.takeInto(report.processReport);
  process.send?.(report);
}, reportEveryMs).unref();

/** A held task started: the main process learns it now, before the task computes (it counts it as waiting). */
function reportStarted(ticket: number, startedAt: number): void {
  const worker = cluster.worker;
  if (!worker || !process.connected) return;
  const report: ProcessReport = {
    workerId: worker.id,
    processReport: { ...usage(startedAt), running: [{ ticket, startedAt }] },
  };
  process.send?.(report);
}

/** The loopback client's counters in this process: created on the first task that needs them. */
let localCounters: SharedArrayBuffer | undefined;

async function runTask(data?: ProcessPayload): Promise<ProcessResult> {
  const { ticket, held } = data as ProcessPayload;
  const entered = gate.enter(ticket, held === true);
  if (entered !== true && !(await entered)) return { status: 'cancelled', ticket, usage: usage(now()) };
  try {
    return await runEntered(data as ProcessPayload, held === true);
  } finally {
    gate.leave();
  }
}

async function runEntered(data: ProcessPayload, held: boolean): Promise<ProcessResult> {
  const { workload: specifier, input, payload, ticket } = data;
  let workload: Workload | undefined = findWorkload(specifier);
  if (!workload) {
    try {
      workload = await loadWorkload(specifier, loadTimeoutFrom(process.env));
    } catch (error) {
      const endedAt = now();
      return { status: 'failed', ticket, error: messageOf(error), endedAt, usage: usage(endedAt) };
    }
  }
  // What could not cross as data: the yield helper, and the loopback client's counters (this process's own).
  input.context.yield = yieldNow;
  const { loopback } = input.context;
  if (loopback && loopback.counters === undefined)
    loopback.counters = localCounters ??= createLoopbackCounters();
  const startedAt = now();
  began(ticket, startedAt);
  if (held) reportStarted(ticket, startedAt);
  const slices = sliceBatch ? new TaskSlices(workload, input) : undefined;
  const cpuBegun = cpuClock.begin();
  try {
    const result = await (slices ? runTaskSlices(slices) : workload.run(input));
    const endedAt = now();
    const cpuMs = cpuClock.end(cpuBegun, endedAt - startedAt);
    ended(ticket, endedAt);
    const answer: ProcessResult = {
      status: 'done',
      ticket,
      result,
      startedAt,
      endedAt,
      cpuMs,
      usage: usage(endedAt),
    };
    const back = answerPayload(payload);
    if (back) answer.payload = back;
    return withSlices(answer, slices);
  } catch (error) {
    const endedAt = now();
    cpuClock.end(cpuBegun, endedAt - startedAt);
    ended(ticket, endedAt);
    const answer: ProcessResult = {
      status: 'failed',
      ticket,
      error: messageOf(error),
      startedAt,
      endedAt,
      usage: usage(endedAt),
    };
    return withSlices(answer, slices);
  }
}

/** The task's slice stats, and every slice the process recorded since its last message, ride on its result. */
function withSlices(answer: ProcessResult, slices: TaskSlices | undefined): ProcessResult {
  if (!slices || !sliceBatch) return answer;
  sliceBatch.takeInto(answer);
  return withSliceStats(answer, slices);
}

export default new ClusterWorker<ProcessPayload, ProcessResult>(runTask);
