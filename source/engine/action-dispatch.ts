// Which change of setting each engine action is: the engine's `dispatch` guards, this only routes.

import type { EngineAction } from './actions.ts';
import type { Scheduler } from './scheduler.ts';
import type { SettingChanges } from './setting-changes.ts';
import type { Suspension } from './suspension.ts';

/** What the actions act on. */
export type ActionTargets = {
  settings: SettingChanges;
  scheduler: Scheduler;
  suspension: Suspension;
  /** Workload changes are asynchronous and run one after the other (the engine queues them). */
  setWorkload(name: string): void;
  /** Reloads are queued with the workload changes, one after the other. */
  reloadWorkload(url: string | undefined): void;
  resetStatistics(): void;
  /** The task the task detail shows from the next snapshot on; undefined for none. */
  inspectTask(id: number | undefined): void;
};

/** Applies one action; throws only what a change did not guard itself (the engine turns it into a notice). */
export function applyAction(action: EngineAction, targets: ActionTargets): void {
  const { settings, scheduler, suspension } = targets;
  const { concurrency, rate } = scheduler.settings;
  switch (action.type) {
    case 'switchModel':
      settings.switchModel(action.model);
      break;
    case 'setWorkload':
      targets.setWorkload(action.workload);
      break;
    case 'reloadWorkload':
      targets.reloadWorkload(action.url);
      break;
    case 'changeConcurrency':
      settings.changeLoad(action.delta, (next) => next.stepLoad(action.delta));
      break;
    case 'setConcurrency':
      settings.changeLoad(action.concurrency - concurrency, (next) =>
        next.setConcurrency(action.concurrency),
      );
      break;
    case 'setRate':
      settings.changeLoad(action.rate - rate, (next) => next.setRate(action.rate));
      break;
    case 'changeThreads':
      settings.changeThreads(action.delta);
      break;
    case 'toggleGil':
      settings.toggleGil();
      break;
    case 'togglePause':
      settings.togglePause();
      break;
    case 'resetStatistics':
      targets.resetStatistics();
      break;
    case 'inspectTask':
      targets.inspectTask(action.id);
      break;
    case 'suspendMeasuring':
      suspension.suspend();
      break;
    case 'resumeMeasuring':
      suspension.resume();
      break;
  }
}
