// The done-when of blame, proved on its own side: the real slice recorder and lag monitor, without the engine. A
// task that blocks for 150 ms in its second slice (after one await) is blamed within ± 5 ms on the loop; the same
// file on a worker thread raises no loop stall. (The engine-level test is stall-blame-engine.test.ts.)
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { StallLog } from '../source/engine/blame/stall-log.ts';
import { now } from '../source/engine/clock.ts';
import { createLagMonitor, type LagMonitor } from '../source/engine/metrics/lag-monitor.ts';
import type { LoopSlice, SliceQuery } from '../source/engine/slices/slice-query.ts';
import {
  runFirstSlice,
  startSliceRecording,
  stopSliceRecording,
} from '../source/engine/slices/slice-recorder.ts';
import type { Stall, TaskInput } from '../source/engine/types.ts';
import secondSliceBlock from './fixtures/second-slice-block-workload.ts';
import { waitFor } from './helpers/wait-for.ts';

const blockMs = 150;
const workloadUrl = new URL('./fixtures/second-slice-block-workload.ts', import.meta.url).href;

/** What the engine's task is to the recorder: an owner object; here it numbers its own slices. */
type Task = { id: number; slices: number };

/** A slice store as small as the slice log, answering blame's question over a plain array. */
function sliceStore(): { query: SliceQuery; record(task: Task, start: number, lengthMs: number): void } {
  const slices: LoopSlice[] = [];
  return {
    record(task, start, lengthMs) {
      task.slices += 1;
      slices.push({
        taskId: task.id,
        workload: secondSliceBlock.name,
        start,
        lengthMs,
        sliceNumber: task.slices,
      });
    },
    query: {
      loopSlicesOverlapping: (from, to) =>
        slices.filter((slice) => slice.start < to && slice.start + slice.lengthMs > from),
      slicesOf: () => [],
    },
  };
}

const monitors: LagMonitor[] = [];
afterEach(() => {
  stopSliceRecording();
  for (const monitor of monitors.splice(0)) monitor.stop();
});

function watch(query: SliceQuery): StallLog {
  const log = new StallLog(query);
  monitors.push(createLagMonitor({ onStall: (at, durationMs) => log.record(at, durationMs) }));
  return log;
}

function input(id: number): TaskInput {
  return { id, knobs: { block: blockMs }, context: {} };
}

describe('blame for a stall, with the real slice recorder', () => {
  // Retried: on a shared machine the OS can take the core from the thread inside the slice, which then reads
  // longer than the block (seen once: 171 ms at a load of 5 on 2 cores).
  it('names the task that blocked 150 ms in its second slice, within ± 5 ms', { retry: 2 }, async () => {
    const store = sliceStore();
    startSliceRecording((owner, start, lengthMs) => store.record(owner as Task, start, lengthMs));
    const log = watch(store.query);
    const task: Task = { id: 1234, slices: 0 };
    await runFirstSlice(task, (given: TaskInput) => secondSliceBlock.run(given), input(task.id));
    let stall: Stall | undefined;
    await waitFor(
      () => {
        stall = log.sample(now()).recent.find((one) => one.durationMs > 100);
        return stall !== undefined;
      },
      { what: 'the stall the block caused' },
    );
    const blamed = stall as Stall;
    expect(blamed.culprits).toHaveLength(1);
    const [culprit] = blamed.culprits;
    expect(culprit?.taskId).toBe(1234);
    expect(culprit?.workload).toBe('second-slice-block');
    expect(culprit?.sliceNumber).toBe(2);
    // The issue's own bound: the 150 ms block is blamed within ± 5 ms.
    expect(culprit?.sliceMs).toBeGreaterThanOrEqual(blockMs - 5);
    expect(culprit?.sliceMs).toBeLessThanOrEqual(blockMs + 5);
    expect(blamed.durationMs).toBeGreaterThanOrEqual(blockMs - 5);
    expect(log.sample(now()).worst[0]).toBe(blamed);
  });

  it('raises no loop stall while the same file blocks a worker thread', async () => {
    const log = watch({ loopSlicesOverlapping: () => [], slicesOf: () => [] });
    const tasks = 6;
    const code = `
      import { parentPort, workerData } from 'node:worker_threads';
      const { default: workload } = await import(workerData.url);
      for (let id = 1; id <= ${tasks}; id++) await workload.run({ id, knobs: { block: ${blockMs} }, context: {} });
      parentPort.postMessage('done');
    `;
    const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`), {
      workerData: { url: workloadUrl },
    });
    const [message] = await once(worker, 'message');
    await worker.terminate();
    expect(message).toBe('done');
    // On the loop each task would stall it as long as its block. A machine shared by many jobs holds the loop
    // up now and then by itself (stalls of 100–200 ms were seen at a load of 10 on 2 cores), never once a task.
    const stalls = log.sample(now()).recent;
    const asLongAsTheBlock = stalls.filter((one) => one.durationMs >= blockMs - 10);
    expect(asLongAsTheBlock.length, JSON.stringify(stalls)).toBeLessThan(tasks / 2);
  });
});
