import { afterEach, describe, expect, it } from 'vitest';
import type { TaskCallbacks, TaskOutcome } from '../source/engine/models/execution-model.ts';
import { createWorkerPoolModel, type WorkerPoolModel } from '../source/engine/models/worker-pool-model.ts';
import { fixture, input } from './helpers/model-tasks.ts';
import { seededRandom } from './helpers/seeded-random.ts';
import { TaskGates } from './helpers/task-gates.ts';
import { waitFor } from './helpers/wait-for.ts';

/** One submission: what the model reported for it. */
type Submission = {
  id: number;
  starts: number;
  outcomes: TaskOutcome[];
  withdrawn: number;
  callbacks: TaskCallbacks;
  /** Its task ends its thread (`process.exit`): it may fail, saying the thread died, and no other task may. */
  exits: boolean;
};

const gate = fixture('thread-gate-workload.ts');
const exit = fixture('exit-workload.ts');
const steps = 60;
const resultLost =
  /^finished on worker thread \d+, but the thread died before its result reached the main thread/;
const maxThreads = 4;

/** Drives one model through a random sequence of actions and checks the invariants after each. */
class Run {
  readonly model: WorkerPoolModel;
  readonly gates = new TaskGates();
  readonly submissions: Submission[] = [];
  readonly log: string[] = [];
  target: number;
  #controller = new AbortController();
  #nextId = 1;
  readonly #opened = new Set<number>();
  /** Tasks that had started when the last thread change was applied: only they may run beyond the target. */
  #startedBeforeChange = new Set<number>();

  constructor(threads: number) {
    this.target = threads;
    this.model = createWorkerPoolModel({ threads, closeTimeoutMs: 50 });
  }

  submit(id = this.#nextId++, exits = false): void {
    const submission: Submission = {
      id,
      starts: 0,
      outcomes: [],
      withdrawn: 0,
      exits,
      callbacks: {
        signal: this.#controller.signal,
        onStart: () => submission.starts++,
        onSettled: (outcome) => submission.outcomes.push({ ...outcome }),
      },
    };
    this.submissions.push(submission);
    this.model.submit(
      exits ? exit : gate,
      { ...input(id), context: this.gates.context },
      submission.callbacks,
    );
  }

  /** A task that ends its thread once it runs: the thread dies with whatever it holds behind it. */
  submitExit(): void {
    this.submit(this.#nextId++, true);
  }

  open(pick: number): void {
    const closed = this.submissions.filter((submission) => !this.#opened.has(submission.id));
    const chosen = closed[Math.floor(pick * closed.length)];
    if (!chosen) return;
    this.#opened.add(chosen.id);
    this.gates.open(chosen.id);
  }

  withdraw(resubmitShare: number): void {
    const withdrawn = this.model.withdrawWaiting();
    // Nothing that has not started stays behind, in the queue or inside a thread's Piscina.
    expect(this.model.sampleThreads(250).queueSize).toBe(0);
    for (const [index, task] of withdrawn.entries()) {
      const submission = this.submissions.find((entry) => entry.callbacks === task.callbacks);
      if (!submission) throw new Error('withdrawn a task that was never submitted');
      submission.withdrawn++;
      // Some move on (to this same model, as a switch back would), the others are dropped.
      if (index < withdrawn.length * resubmitShare) this.submit(submission.id);
    }
  }

  abort(): void {
    this.#controller.abort();
    this.#controller = new AbortController();
  }

  /** The invariants that hold at every moment, between any two actions. */
  check(): void {
    const open = this.submissions.filter((entry) => entry.outcomes.length === 0 && entry.withdrawn === 0);
    expect(this.model.inFlight, 'in flight').toBe(open.length);
    for (const entry of this.submissions) {
      expect(
        entry.outcomes.length + entry.withdrawn,
        `task ${entry.id} settled or withdrawn`,
      ).toBeLessThanOrEqual(1);
      expect(entry.starts, `task ${entry.id} starts`).toBeLessThanOrEqual(1);
      if (entry.withdrawn > 0) expect(entry.starts, `withdrawn task ${entry.id} had started`).toBe(0);
      const outcome = entry.outcomes[0];
      if (outcome?.status === 'done') expect(outcome.result).toBe(entry.id);
      if (outcome?.status === 'failed' && entry.exits) expect(outcome.error).toMatch(/died/);
      else if (outcome?.status === 'failed') {
        // A task that finished right before the task behind it ended the thread: its result was posted, but
        // the main thread may hear of the exit first. It says so, and never that it died.
        expect(outcome.error, `task ${entry.id}`).toMatch(resultLost);
        expect(
          this.submissions.some((other) => other.exits && other.starts + other.outcomes.length > 0),
        ).toBe(true);
      }
    }
    const sample = this.model.sampleThreads(250);
    expect(sample.perThread.map((thread) => thread.label)).toEqual(
      sample.perThread.map((_, index) => index + 1),
    );
    const running = sample.perThread.flatMap((thread) =>
      thread.taskId === undefined ? [] : [thread.taskId],
    );
    expect(running.length + sample.queueSize).toBeLessThanOrEqual(this.model.inFlight);
    expect(new Set(running).size, 'a task on two threads').toBe(running.length);
    if (this.model.activeThreads === this.target) {
      // A retiring thread may sit idle for a moment (its last ticket on the way back), never take a new task.
      for (const thread of sample.perThread.slice(this.target)) {
        if (thread.taskId === undefined) continue;
        expect(this.#startedBeforeChange.has(thread.taskId), `t${thread.label} took a new task`).toBe(true);
      }
    }
  }

  /** After a change of thread count is applied: remembers what had started, for the check above. */
  applied(): void {
    this.model.sampleThreads(250);
    this.#startedBeforeChange = new Set(
      this.submissions.filter((entry) => entry.starts > 0).map((entry) => entry.id),
    );
  }

  /** Threads converge to the target: t1…tN up, and beyond them only retiring threads still running a task. */
  async converge(): Promise<void> {
    await waitFor(
      () => {
        const threads = this.model.sampleThreads(250).perThread;
        return (
          this.model.activeThreads === this.target &&
          threads.length >= this.target &&
          threads.slice(0, this.target).every((thread) => thread.threadId !== 0) &&
          threads.slice(this.target).every((thread) => thread.taskId !== undefined) &&
          this.model.liveThreads === threads.length
        );
      },
      { what: `${this.target} threads (${this.log.join(' ')})` },
    );
  }
}

describe('the worker pool model under random sequences of actions', () => {
  let run: Run | undefined;

  afterEach(async () => {
    run?.gates.openAll();
    await run?.model.close();
    run = undefined;
  });

  it.each(Array.from({ length: 12 }, (_, index) => index + 1))(
    'settles or withdraws every task exactly once, fails none but those that end their thread, and keeps its threads at the target (seed %i)',
    async (seed) => {
      const next = seededRandom(seed);
      run = new Run(1 + Math.floor(next() * maxThreads));
      const current = run;
      await current.converge();
      for (let step = 0; step < steps; step++) {
        const roll = next();
        if (roll < 0.2) {
          current.target = 1 + Math.floor(next() * maxThreads);
          current.log.push(`threads ${current.target}`);
          current.model.setThreads(current.target);
          // Once applied, and every retiring thread's running task shows on its board, only those may run
          // beyond the target (a task can start a moment before its thread marks it on the board).
          await current.converge();
          current.applied();
        } else if (roll < 0.5) {
          current.log.push('submit');
          current.submit();
        } else if (roll < 0.55) {
          current.log.push('exit');
          current.submitExit();
        } else if (roll < 0.8) {
          current.log.push('open');
          current.open(next());
        } else if (roll < 0.9) {
          current.log.push('withdraw');
          current.withdraw(next());
        } else {
          current.log.push('abort');
          current.abort();
        }
        current.check();
        await current.converge();
        current.check();
      }
      // Last step: close, with gates still shut (running tasks are terminated) or after every task ran.
      if (next() < 0.5) {
        current.gates.openAll();
        await waitFor(() => current.model.inFlight === 0, { what: 'every task to settle' });
        current.check();
      }
      await current.model.close();
      expect(current.model.inFlight).toBe(0);
      expect(current.model.liveThreads).toBe(0);
      for (const entry of current.submissions) {
        expect(entry.outcomes.length + entry.withdrawn, `task ${entry.id}`).toBe(1);
        const outcome = entry.outcomes[0];
        if (outcome?.status === 'failed' && !resultLost.test(outcome.error))
          expect(outcome.error).toMatch(entry.exits ? /died|pool closed/ : /pool closed/);
      }
    },
    120_000,
  );
});
