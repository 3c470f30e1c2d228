// The event loop's waiting tasks leaving without a turn: handed to another model as they came, or cancelled as
// the model closes. They wait in three queues in step (event-loop-model.ts says why), emptied here together.
import { now } from '../clock.ts';
import type { TaskInput } from '../types.ts';
import type { TaskCallbacks, TaskOutcome, WaitingTask } from './execution-model.ts';
import type { PendingQueue } from './pending-queue.ts';

/** Empties the queues, oldest first, into tasks another model can take as they came. */
export function withdrawAllWaiting(
  readySpecifiers: PendingQueue<string>,
  readyInputs: PendingQueue<TaskInput>,
  readyCallbacks: PendingQueue<TaskCallbacks>,
): WaitingTask[] {
  const withdrawn: WaitingTask[] = [];
  while (readyCallbacks.size > 0) {
    const workload = readySpecifiers.shift() as string;
    const input = readyInputs.shift() as TaskInput;
    const callbacks = readyCallbacks.shift() as TaskCallbacks;
    withdrawn.push({ workload, input, callbacks });
  }
  return withdrawn;
}

/**
 * Empties the queues, settling each task as cancelled through `model`. Waiting tasks have not started, so
 * cancelling them is cheap: all at once, not a budgeted turn at a time, which under load could outlast the
 * close bound and leave them counted as in flight.
 */
export function cancelAllWaiting(
  readySpecifiers: PendingQueue<string>,
  readyInputs: PendingQueue<TaskInput>,
  readyCallbacks: PendingQueue<TaskCallbacks>,
  model: { settle(callbacks: TaskCallbacks, outcome: TaskOutcome): void },
): void {
  const endedAt = now();
  while (readyCallbacks.size > 0) {
    readySpecifiers.shift();
    readyInputs.shift();
    model.settle(readyCallbacks.shift() as TaskCallbacks, { status: 'cancelled', endedAt });
  }
}
