import { now } from './clock.ts';
import { LiveTask } from './live-task.ts';
import type { ExecutionModel, WaitingTask } from './models/execution-model.ts';
import type { TaskRegistry } from './task-registry.ts';

/**
 * After a change, the tasks taken back from the models (not started) go on under the new measurement: the
 * first `keep` are submitted to `to`, keeping their id and submit time, the rest are cancelled. Either way they
 * belong to `generation`, so none of them is a task "from before".
 */
export function handOver(
  waiting: readonly WaitingTask[],
  keep: number,
  to: ExecutionModel,
  generation: number,
  registry: TaskRegistry,
): void {
  const endedAt = now();
  for (let index = 0; index < waiting.length; index++) {
    const { workload, callbacks } = waiting[index] as WaitingTask;
    if (!(callbacks instanceof LiveTask)) {
      // Not the engine's own task (never the case today): it cannot be re-tagged, so it ends here.
      callbacks.onSettled({ status: 'cancelled', endedAt });
      continue;
    }
    callbacks.generation = generation;
    callbacks.measuredFrom = endedAt;
    if (index >= keep) {
      callbacks.onSettled({ status: 'cancelled', endedAt });
      continue;
    }
    if (callbacks.model !== to.name) {
      callbacks.model = to.name;
      registry.relocate(callbacks);
    }
    // The task is its own input: a model may have handed back a plain copy.
    to.submit(workload, callbacks, callbacks);
  }
}
