import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { TaskCallbacks, TaskOutcome } from '../source/engine/models/execution-model.ts';
import { createProcessPoolModel } from '../source/engine/models/process-pool-model.ts';
import type { TaskContext } from '../source/engine/types.ts';
import { processRuns } from './fixtures/process-alive.ts';
import { fixture, input } from './helpers/model-tasks.ts';
import { seededRandom } from './helpers/seeded-random.ts';
import { waitFor } from './helpers/wait-for.ts';

type Submission = {
  id: number;
  starts: number;
  /** The process its start named. */
  pid?: number;
  outcomes: TaskOutcome[];
  withdrawn: number;
  callbacks: TaskCallbacks;
};

const hold = fixture('process-hold-workload.ts');
const steps = 40;

describe('the processes model under random sequences of actions', () => {
  it.each([11, 23, 37, 52, 64])('keeps its invariants after every step (seed %i)', async (seed) => {
    const random = seededRandom(seed);
    const holdDir = mkdtempSync(path.join(tmpdir(), 'concur-hold-'));
    const context = { holdDir } as unknown as TaskContext;
    // One task per process (the default) or several, at random.
    const tasksPerWorker = random() < 0.3 ? 1 : 2 + Math.floor(random() * 4);
    const model = createProcessPoolModel({ processes: 2, tasksPerWorker, closeTimeoutMs: 50 });
    const submissions: Submission[] = [];
    let controller = new AbortController();
    let nextId = 1;
    const seen = new Set<number>();
    const log: string[] = [`${tasksPerWorker} tasks per process`];
    try {
      for (let step = 0; step < steps; step++) {
        const roll = random();
        if (roll < 0.4) {
          const submission: Submission = {
            id: nextId++,
            starts: 0,
            outcomes: [],
            withdrawn: 0,
            callbacks: {
              signal: controller.signal,
              onStart: (start) => {
                submission.starts++;
                submission.pid = start.threadId;
              },
              onSettled: (outcome) => submission.outcomes.push(outcome),
            },
          };
          submissions.push(submission);
          model.submit(hold, { ...input(submission.id), context }, submission.callbacks);
          log.push(`submit ${submission.id}`);
        } else if (roll < 0.6) {
          const open = submissions.filter((task) => task.outcomes.length === 0 && task.withdrawn === 0);
          const task = open[Math.floor(random() * open.length)];
          if (task) writeFileSync(path.join(holdDir, String(task.id)), '');
          log.push(`release ${task?.id}`);
        } else if (roll < 0.72) {
          const withdrawn = model.withdrawWaiting();
          const ids = withdrawn.map((task) => task.input.id);
          // Oldest first.
          expect(ids, log.join(', ')).toEqual([...ids].sort((a, b) => a - b));
          for (const task of withdrawn) {
            const submission = submissions.find((each) => each.id === task.input.id) as Submission;
            submission.withdrawn++;
          }
          log.push(`withdraw ${ids.join(' ')}`);
        } else if (roll < 0.86) {
          const processes = 1 + Math.floor(random() * 3);
          model.setThreads(processes);
          log.push(`processes ${processes}`);
        } else if (roll < 0.93) {
          controller.abort();
          controller = new AbortController();
          log.push('abort');
        } else {
          await delay(20);
          log.push('wait');
        }
        await delay(random() * 15);
        for (const row of model.sampleThreads(1000).perThread) if (row.pid) seen.add(row.pid);
        const where = log.join(', ');
        let open = 0;
        for (const task of submissions) {
          // Settled at most once; withdrawn at most once, and then never settled nor started here.
          expect(task.outcomes.length, where).toBeLessThanOrEqual(1);
          expect(task.withdrawn, where).toBeLessThanOrEqual(1);
          if (task.withdrawn) expect(task.outcomes.length + task.starts, where).toBe(0);
          expect(task.starts, where).toBeLessThanOrEqual(1);
          if (task.outcomes.length === 0 && task.withdrawn === 0) open++;
        }
        expect(model.inFlight, where).toBe(open);
        // No process runs more than its places: tasks started and not settled, per process.
        const runningOn = new Map<number, number>();
        for (const task of submissions) {
          if (task.pid === undefined || task.outcomes.length > 0) continue;
          runningOn.set(task.pid, (runningOn.get(task.pid) ?? 0) + 1);
        }
        for (const running of runningOn.values()) expect(running, where).toBeLessThanOrEqual(tasksPerWorker);
        const sample = model.sampleThreads(1000);
        expect(sample.queueSize, where).toBeLessThanOrEqual(open);
        expect(sample.perThread.filter((row) => row.taskId !== undefined).length, where).toBeLessThanOrEqual(
          open,
        );
      }
      // Everything left goes: each task not withdrawn settles exactly once.
      for (let id = 1; id < nextId; id++) writeFileSync(path.join(holdDir, String(id)), '');
      await waitFor(() => model.inFlight === 0, { timeoutMs: 20_000, what: 'every task to settle' });
      for (const task of submissions) expect(task.outcomes.length + task.withdrawn).toBe(1);
      for (const task of submissions) {
        if (task.outcomes[0]?.status === 'done') expect(task.starts).toBe(1);
      }
    } finally {
      await model.close();
      rmSync(holdDir, { recursive: true, force: true });
    }
    expect([...seen].filter(processRuns)).toEqual([]);
  });
});
