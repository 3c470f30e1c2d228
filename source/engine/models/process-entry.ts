// poolifier loads this file in every pool process (a cluster worker). It runs one task of a workload at a
// time, times it on the process's own clock, and measures the process (busy time, CPU, RSS) for the pool pane.
import cluster from 'node:cluster';
import { ClusterWorker } from 'poolifier';
import { findWorkload, loadWorkload } from '../../../workloads/index.ts';
import { now } from '../clock.ts';
import { yieldNow } from '../cooperative-yield.ts';
import { createLoopbackCounters } from '../loopback/loopback-context.ts';
import { answerPayload } from '../payload.ts';
import type { Workload } from '../types.ts';
import {
  type ProcessPayload,
  type ProcessReport,
  type ProcessResult,
  type ProcessUsage,
  reportEveryMs,
} from './process-messages.ts';
import { exitWithParent } from './process-orphan-watch.ts';

exitWithParent();

let busyMs = 0;
// Read on the report timer only: reading it costs a /proc read, too much to pay with every result.
let rssBytes = process.memoryUsage.rss();
let running: { taskId: number; startedAt: number } | undefined;

function usage(at: number): ProcessUsage {
  const cpu = process.cpuUsage();
  return {
    pid: process.pid,
    at,
    busyMs: busyMs + (running ? at - running.startedAt : 0),
    cpuMs: (cpu.user + cpu.system) / 1000,
    rssBytes,
  };
}

// Between results, so a long task that awaits still shows as busy and the pane's CPU and RSS stay current.
setInterval(() => {
  const worker = cluster.worker;
  if (!worker || !process.connected) return;
  rssBytes = process.memoryUsage.rss();
  const report: ProcessReport = { workerId: worker.id, processReport: { ...usage(now()), running } };
  process.send?.(report);
}, reportEveryMs).unref();

/** The loopback client's counters in this process: created on the first task that needs them. */
let localCounters: SharedArrayBuffer | undefined;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function runTask(data?: ProcessPayload): Promise<ProcessResult> {
  const { workload: specifier, input, payload } = data as ProcessPayload;
  let workload: Workload | undefined = findWorkload(specifier);
  if (!workload) {
    try {
      workload = await loadWorkload(specifier);
    } catch (error) {
      const endedAt = now();
      return { status: 'failed', error: messageOf(error), endedAt, usage: usage(endedAt) };
    }
  }
  // What could not cross as data: the yield helper, and the loopback client's counters (this process's own).
  input.context.yield = yieldNow;
  const { loopback } = input.context;
  if (loopback && loopback.counters === undefined)
    loopback.counters = localCounters ??= createLoopbackCounters();
  const startedAt = now();
  running = { taskId: input.id, startedAt };
  try {
    const result = await workload.run(input);
    const endedAt = now();
    running = undefined;
    busyMs += endedAt - startedAt;
    const answer: ProcessResult = { status: 'done', result, startedAt, endedAt, usage: usage(endedAt) };
    const back = answerPayload(payload);
    if (back) answer.payload = back;
    return answer;
  } catch (error) {
    const endedAt = now();
    running = undefined;
    busyMs += endedAt - startedAt;
    return { status: 'failed', error: messageOf(error), startedAt, endedAt, usage: usage(endedAt) };
  }
}

export default new ClusterWorker<ProcessPayload, ProcessResult>(runTask);
