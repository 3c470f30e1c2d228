// Plain words for what a key asked the engine to do, echoed in the footer for the audience.

import type { EngineAction } from '../engine/actions.ts';

export function describeAction(action: EngineAction): string {
  switch (action.type) {
    case 'switchModel':
      return `switch to ${action.model}`;
    case 'setWorkload':
      return `workload ${action.workload}`;
    case 'changeConcurrency':
      return `concurrency ${action.delta > 0 ? '+' : ''}${action.delta}`;
    case 'setConcurrency':
      return `concurrency ${action.concurrency}`;
    case 'setRate':
      return `rate ${action.rate}/s`;
    case 'changeThreads':
      return `threads ${action.delta > 0 ? '+' : ''}${action.delta}`;
    case 'togglePause':
      return 'pause / resume';
    case 'resetStatistics':
      return 'reset statistics';
  }
}
