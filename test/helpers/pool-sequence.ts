// Drives a worker pool model through a random sequence of actions (submit, open a gate, withdraw, change the
// thread count, switch the GIL) and checks after each that no task is lost, run twice or run after withdrawal.
import { expect } from 'vitest';
import type { TaskCallbacks, TaskOutcome } from '../../source/engine/models/execution-model.ts';
import { gilHolder } from '../../source/engine/models/gil-lock.ts';
import { createWorkerPoolModel, type WorkerPoolModel } from '../../source/engine/models/worker-pool-model.ts';
import { AsyncGates } from './async-gates.ts';
import { fixture, input } from './model-tasks.ts';
import { waitFor } from './wait-for.ts';

type Submission = { id: number; kind: TaskKind; starts: number; outcomes: TaskOutcome[]; withdrawn: number };

/** `gate`: waits for its gate without holding the thread; `cpu`: computes a few ms, yielding each ms. */
type TaskKind = 'gate' | 'cpu';

const gate = fixture('async-gate-workload.ts');

export type SequenceOptions = { threads: number; tasksPerWorker: number; gil: boolean };

export class PoolSequence {
  readonly model: WorkerPoolModel;
  readonly gates = new AsyncGates();
  readonly submissions: Submission[] = [];
  readonly log: string[] = [];
  target: number;
  gil: boolean;
  #nextId = 1;
  readonly #callbacks = new Map<TaskCallbacks, Submission>();

  constructor(options: SequenceOptions) {
    this.target = options.threads;
    this.gil = options.gil;
    this.model = createWorkerPoolModel({ ...options, closeTimeoutMs: 50 });
  }

  submit(kind: TaskKind, id = this.#nextId++): void {
    const submission: Submission = { id, kind, starts: 0, outcomes: [], withdrawn: 0 };
    const callbacks: TaskCallbacks = {
      signal: new AbortController().signal,
      onStart: () => submission.starts++,
      onSettled: (outcome) => submission.outcomes.push({ ...outcome }),
    };
    this.#callbacks.set(callbacks, submission);
    this.submissions.push(submission);
    this.log.push(`submit ${kind} ${id}`);
    if (kind === 'gate') this.model.submit(gate, { ...input(id), context: this.gates.context }, callbacks);
    else this.model.submit('cpu', input(id, { size: 2000, chunk: 1 }), callbacks);
  }

  open(pick: number): void {
    const shut = this.submissions.filter((entry) => entry.kind === 'gate' && entry.outcomes.length === 0);
    const chosen = shut[Math.floor(pick * shut.length)];
    if (!chosen) return;
    this.log.push(`open ${chosen.id}`);
    this.gates.open(chosen.id);
  }

  withdraw(resubmitShare: number): void {
    this.log.push('withdraw');
    const withdrawn = this.model.withdrawWaiting();
    expect(this.model.sampleThreads(250).queueSize, 'left waiting after withdraw').toBe(0);
    for (const [index, task] of withdrawn.entries()) {
      const submission = this.#callbacks.get(task.callbacks);
      if (!submission) throw new Error('withdrawn a task that was never submitted');
      submission.withdrawn++;
      if (submission.kind === 'gate') {
        expect(this.gates.started(submission.id), `withdrawn task ${submission.id} had started`).toBe(false);
      }
      if (index < withdrawn.length * resubmitShare) this.submit(submission.kind, submission.id);
    }
  }

  setThreads(threads: number): void {
    this.target = threads;
    this.log.push(`threads ${threads}`);
    this.model.setThreads(threads);
  }

  toggleGil(): void {
    this.gil = !this.gil;
    this.log.push(`gil ${this.gil ? 'on' : 'off'}`);
    this.model.setGil(this.gil);
  }

  /** What holds between any two actions. */
  check(): void {
    const open = this.submissions.filter((entry) => entry.outcomes.length === 0 && entry.withdrawn === 0);
    expect(this.model.inFlight, `in flight (${this.log.join(', ')})`).toBe(open.length);
    for (const entry of this.submissions) {
      expect(
        entry.outcomes.length + entry.withdrawn,
        `task ${entry.id} settled or withdrawn`,
      ).toBeLessThanOrEqual(1);
      expect(entry.starts, `task ${entry.id} starts`).toBeLessThanOrEqual(1);
      const outcome = entry.outcomes[0];
      if (outcome) expect(outcome.status, `task ${entry.id}: ${JSON.stringify(outcome)}`).toBe('done');
      if (outcome?.status === 'done' && entry.kind === 'gate') expect(outcome.result).toBe(entry.id);
    }
    const sample = this.model.sampleThreads(250);
    for (const thread of sample.perThread) {
      expect(thread.busyShare).toBeGreaterThanOrEqual(0);
      expect(thread.busyShare).toBeLessThanOrEqual(1);
    }
    expect(sample.queueSize).toBeLessThanOrEqual(this.model.inFlight);
  }

  /** The threads reach the target. */
  async converge(): Promise<void> {
    await waitFor(() => this.model.activeThreads === this.target, {
      what: `${this.target} threads (${this.log.join(', ')})`,
    });
  }

  /** Every gate opened: every task not withdrawn finishes, done, and the GIL ends free. */
  async finish(): Promise<void> {
    this.gates.openAll();
    await waitFor(() => this.model.inFlight === 0, {
      timeoutMs: 30_000,
      what: `every task to finish (${this.log.join(', ')})`,
    });
    this.check();
    for (const entry of this.submissions) {
      expect(entry.outcomes.length + entry.withdrawn, `task ${entry.id}`).toBe(1);
    }
    await waitFor(() => gilHolder(this.model.gil) === 0, { what: 'the GIL free once every thread is idle' });
  }
}

/**
 * Plays `steps` random actions on `sequence` (GIL switches only when `switchGil`), checking after each, then
 * opens every gate, checks that every task finished once, and closes the pool.
 */
export async function playSequence(
  sequence: PoolSequence,
  next: () => number,
  { steps, switchGil }: { steps: number; switchGil: boolean },
): Promise<void> {
  await sequence.converge();
  for (let step = 0; step < steps; step++) {
    const roll = next();
    if (switchGil && roll < 0.15) sequence.toggleGil();
    else if (roll < 0.25) {
      sequence.setThreads(1 + Math.floor(next() * 3));
      await sequence.converge();
    } else if (roll < 0.6) sequence.submit(next() < 0.7 ? 'gate' : 'cpu');
    else if (roll < 0.88) sequence.open(next());
    else sequence.withdraw(next());
    sequence.check();
  }
  await sequence.finish();
  await sequence.model.close();
  expect(sequence.model.liveThreads).toBe(0);
}
