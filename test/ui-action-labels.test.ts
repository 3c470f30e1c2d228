import { expect, test } from 'vitest';
import { describeAction } from '../source/ui/action-labels.ts';

test('each engine action reads in plain words', () => {
  expect(describeAction({ type: 'switchModel', model: 'workers' })).toBe('switch to workers');
  expect(describeAction({ type: 'setWorkload', workload: 'io-timer' })).toBe('workload io-timer');
  expect(describeAction({ type: 'changeConcurrency', delta: 1 })).toBe('concurrency +1');
  expect(describeAction({ type: 'changeThreads', delta: -1 })).toBe('threads -1');
  expect(describeAction({ type: 'togglePause' })).toBe('pause / resume');
  expect(describeAction({ type: 'resetStatistics' })).toBe('reset statistics');
});
