import type { ModelName } from './types.ts';

/** Everything a user (key binding, presenter script, test) can ask of the running engine. */
export type EngineAction =
  | { type: 'switchModel'; model: ModelName }
  | { type: 'setWorkload'; workload: string }
  | { type: 'changeConcurrency'; delta: number }
  | { type: 'setConcurrency'; concurrency: number }
  | { type: 'setRate'; rate: number }
  | { type: 'changeThreads'; delta: number }
  | { type: 'togglePause' }
  | { type: 'resetStatistics' };
