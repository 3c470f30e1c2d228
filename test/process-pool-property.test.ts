import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import type { TaskCallbacks, TaskOutcome, WaitingTask } from '../source/engine/models/execution-model.ts';
import { createProcessPoolModel, type ProcessPoolModel } from '../source/engine/models/process-pool-model.ts';
import type { TaskContext } from '../source/engine/types.ts';
import { processRuns } from './fixtures/process-alive.ts';
import { fixture, input } from './helpers/model-tasks.ts';
import { seededRandom } from './helpers/seeded-random.ts';
import { waitFor } from './helpers/wait-for.ts';

// Each process holds one task past those it runs, so a withdraw asks it back (a cancel that may lose to its
// start, and comes back later if it wins), and a process that dies or is killed gives it back unstarted. The
// workload leaves a file for every run, so "never twice" is checked on what ran, not on what was reported.

type Submission = {
  id: number;
  starts: number;
  /** The process its start named. */
  pid?: number;
  outcomes: TaskOutcome[];
  /** Handed back by withdrawWaiting at once, or later through onTakenBack. */
  withdrawn: number;
  /** Its task ends its process once it runs. */
  exits: boolean;
  callbacks: TaskCallbacks;
};

const tally = fixture('process-tally-workload.ts');
const steps = 50;

/** One model under a random sequence of actions, and what it reported for each task. */
class Run {
  readonly holdDir = mkdtempSync(path.join(tmpdir(), 'concur-tally-'));
  readonly context = { holdDir: this.holdDir } as unknown as TaskContext;
  readonly submissions: Submission[] = [];
  readonly log: string[] = [];
  readonly seen = new Set<number>();
  readonly model: ProcessPoolModel;
  readonly tasksPerWorker: number;
  #controller = new AbortController();
  #nextId = 1;

  constructor(tasksPerWorker: number) {
    this.tasksPerWorker = tasksPerWorker;
    this.model = createProcessPoolModel({ processes: 2, tasksPerWorker, closeTimeoutMs: 50 });
    this.model.onTakenBack = (tasks) => this.#withdrawn(tasks, 'late');
    this.log.push(`${tasksPerWorker} tasks per process`);
  }

  submit(exits: boolean): void {
    const submission: Submission = {
      id: this.#nextId++,
      starts: 0,
      outcomes: [],
      withdrawn: 0,
      exits,
      callbacks: {
        signal: this.#controller.signal,
        onStart: (start) => {
          submission.starts++;
          submission.pid = start.threadId;
        },
        onSettled: (outcome) => submission.outcomes.push({ ...outcome }),
      },
    };
    this.submissions.push(submission);
    const knobs: Record<string, number> = exits ? { exit: 1 } : {};
    this.model.submit(tally, { ...input(submission.id, knobs), context: this.context }, submission.callbacks);
    this.log.push(`submit ${submission.id}${exits ? ' (exits)' : ''}`);
  }

  release(pick: number): void {
    const open = this.submissions.filter((task) => task.outcomes.length === 0 && task.withdrawn === 0);
    const task = open[Math.floor(pick * open.length)];
    if (task) this.#release(task.id);
    this.log.push(`release ${task?.id}`);
  }

  withdraw(): void {
    const withdrawn = this.model.withdrawWaiting();
    const ids = withdrawn.map((task) => task.input.id);
    // Oldest first.
    expect(ids, this.where()).toEqual([...ids].sort((a, b) => a - b));
    this.#withdrawn(withdrawn, 'withdraw');
  }

  setProcesses(processes: number): void {
    this.model.setThreads(processes);
    this.log.push(`processes ${processes}`);
  }

  abort(): void {
    this.#controller.abort();
    this.#controller = new AbortController();
    this.log.push('abort');
  }

  kill(pick: number): void {
    const pids = this.model.pids.filter((pid) => pid > 0);
    const pid = pids[Math.floor(pick * pids.length)];
    if (pid !== undefined) process.kill(pid, 'SIGKILL');
    this.log.push(`kill ${pid}`);
  }

  where(): string {
    return this.log.join(', ');
  }

  /** Every run of each task so far, from the traces its runs left: task id → the tasks running alongside each. */
  runs(): Map<number, number[]> {
    const runs = new Map<number, number[]>();
    for (const name of readdirSync(this.holdDir)) {
      const match = /^run-(\d+)-\d+-\d+-(\d+)$/.exec(name);
      if (!match) continue;
      const id = Number(match[1]);
      runs.set(id, [...(runs.get(id) ?? []), Number(match[2])]);
    }
    return runs;
  }

  check(): void {
    const where = this.where();
    for (const row of this.model.sampleThreads(1000).perThread) if (row.pid) this.seen.add(row.pid);
    const runs = this.runs();
    let open = 0;
    for (const task of this.submissions) {
      const ran = runs.get(task.id) ?? [];
      // Never twice, and never more at once in a process than it runs at once.
      expect(ran.length, `${where}: runs of ${task.id}`).toBeLessThanOrEqual(1);
      for (const alongside of ran) expect(alongside, where).toBeLessThanOrEqual(this.tasksPerWorker);
      // Settled at most once; withdrawn at most once, and then never settled nor started.
      expect(task.outcomes.length, where).toBeLessThanOrEqual(1);
      expect(task.withdrawn, where).toBeLessThanOrEqual(1);
      expect(task.starts, where).toBeLessThanOrEqual(1);
      if (task.withdrawn) expect(task.outcomes.length + task.starts + ran.length, where).toBe(0);
      const outcome = task.outcomes[0];
      // A task fails only if it started (one not held counts as started once sent: it starts as it arrives); a
      // held task its process never started goes back, whatever happened to the process.
      if (outcome?.status === 'failed') expect(task.starts, `${where}: ${task.id} failed`).toBe(1);
      if (outcome?.status === 'cancelled') expect(ran.length, `${where}: ${task.id} cancelled`).toBe(0);
      if (outcome?.status === 'done') expect(ran.length, where).toBe(1);
      if (task.outcomes.length === 0 && task.withdrawn === 0) open++;
    }
    expect(this.model.inFlight, where).toBe(open);
    // No process runs more than its places: tasks started and not settled, per process.
    const runningOn = new Map<number, number>();
    for (const task of this.submissions) {
      if (task.pid === undefined || task.outcomes.length > 0) continue;
      runningOn.set(task.pid, (runningOn.get(task.pid) ?? 0) + 1);
    }
    for (const running of runningOn.values()) expect(running, where).toBeLessThanOrEqual(this.tasksPerWorker);
    const sample = this.model.sampleThreads(1000);
    expect(sample.queueSize, where).toBeLessThanOrEqual(open);
    expect(sample.perThread.filter((row) => row.taskId !== undefined).length, where).toBeLessThanOrEqual(
      open,
    );
  }

  /** Releases every task, waits until each has settled or been withdrawn, and checks each did exactly once. */
  async finish(): Promise<void> {
    for (let id = 1; id < this.#nextId; id++) this.#release(id);
    await waitFor(() => this.model.inFlight === 0, { timeoutMs: 20_000, what: 'every task to settle' });
    this.check();
    for (const task of this.submissions) {
      expect(task.outcomes.length + task.withdrawn, this.where()).toBe(1);
      if (task.outcomes[0]?.status === 'done') expect(task.starts).toBe(1);
      // A task that ends its process fails once it runs, wherever it went first.
      if (task.exits && task.withdrawn === 0 && task.outcomes[0]?.status !== 'cancelled') {
        expect(task.outcomes[0]?.status, this.where()).toBe('failed');
      }
    }
  }

  async close(): Promise<void> {
    await this.model.close();
    rmSync(this.holdDir, { recursive: true, force: true });
  }

  #release(id: number): void {
    writeFileSync(path.join(this.holdDir, String(id)), '');
  }

  #withdrawn(tasks: readonly WaitingTask[], how: string): void {
    for (const task of tasks) {
      const submission = this.submissions.find((each) => each.id === task.input.id) as Submission;
      submission.withdrawn++;
    }
    this.log.push(`${how} ${tasks.map((task) => task.input.id).join(' ')}`);
  }
}

describe('the processes model under random sequences of actions', () => {
  /** Withdrawn tasks that came back from a process after the withdraw returned, over every seed. */
  let late = 0;

  afterAll(() => {
    // The sequences did reach the case this is about: a task a process held, asked back and given back.
    expect(late).toBeGreaterThan(0);
  });

  it.each([11, 23, 37, 52, 64, 71])('keeps its invariants after every step (seed %i)', async (seed) => {
    const random = seededRandom(seed);
    // One task per process (the default) or two.
    const run = new Run(random() < 0.5 ? 1 : 2);
    try {
      await waitFor(() => run.model.pids.every((pid) => pid > 0), { what: 'both processes up' });
      for (let step = 0; step < steps; step++) {
        const roll = random();
        if (roll < 0.45) run.submit(false);
        else if (roll < 0.48) run.submit(true);
        else if (roll < 0.62) run.release(random());
        else if (roll < 0.76) run.withdraw();
        else if (roll < 0.83) run.setProcesses(1 + Math.floor(random() * 3));
        else if (roll < 0.87) run.abort();
        else if (roll < 0.93) run.kill(random());
        else {
          await delay(20);
          run.log.push('wait');
        }
        await delay(random() * 15);
        run.check();
      }
      await run.finish();
    } finally {
      await run.close();
    }
    late += run.log.filter((entry) => entry.startsWith('late')).length;
    expect([...run.seen].filter(processRuns)).toEqual([]);
  });
});
