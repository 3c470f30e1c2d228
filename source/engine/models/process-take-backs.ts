// The held tasks a process pool has asked its processes to give back, and where each goes when it comes back
// unstarted (a cancel won, its process died or was replaced).
import type { PendingTask } from './pending-task.ts';
import { isWaiting } from './process-out-tasks.ts';
import type { ProcessSlot } from './process-slot.ts';

/** Why a cancel went out for a held task: if it wins, the task is handed back (`withdraw`), or ends (`abort`). */
export type TakeBack = 'withdraw' | 'abort';

/** Tasks that came back unstarted, by where they go, each in submit order as given. */
export type GivenBack = { cancelled: PendingTask[]; requeued: PendingTask[]; withdrawn: PendingTask[] };

export class HeldTakeBacks {
  readonly #why = new Map<PendingTask, TakeBack>();

  /** Asks every process to give back the held tasks `take` picks (an abort is never turned into a withdraw). */
  cancel(
    slots: readonly ProcessSlot<PendingTask>[],
    why: TakeBack,
    take?: (task: PendingTask) => boolean,
  ): void {
    for (const slot of slots) {
      for (const [ticket, out] of slot.out) {
        if (!isWaiting(out) || (take && !take(out.task))) continue;
        slot.cancel(ticket);
        if (this.#why.get(out.task) !== 'abort') this.#why.set(out.task, why);
      }
    }
  }

  /** The task ran (or settled): whatever was asked of it is over. */
  forget(task: PendingTask): void {
    this.#why.delete(task);
  }

  /**
   * Where tasks that came back unstarted go: a withdrawn one to whoever takes them (`taker`), else back in the
   * queue; an aborted one, or any once the pool closed, ends cancelled; any other back in the queue.
   */
  sort(tasks: readonly PendingTask[], closed: boolean, taker: boolean): GivenBack {
    const sorted: GivenBack = { cancelled: [], requeued: [], withdrawn: [] };
    for (const task of tasks) {
      const why = this.#why.get(task);
      this.#why.delete(task);
      if (task.settled) continue;
      if (why === 'abort' || closed) sorted.cancelled.push(task);
      else if (why === 'withdraw' && taker) sorted.withdrawn.push(task);
      else sorted.requeued.push(task);
    }
    return sorted;
  }
}
