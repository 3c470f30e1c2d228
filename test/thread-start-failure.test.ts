import { describe, expect, it } from 'vitest';
import { describeStartFailure, startFailureNotice } from '../source/engine/models/thread-start-failure.ts';

describe('the start-failure line of a thread pool', () => {
  it('names the process limit and memory in words a user can act on', () => {
    expect(describeStartFailure(new Error('spawn EAGAIN'))).toBe('the process limit (EAGAIN)');
    expect(describeStartFailure(new Error('ENOMEM: cannot allocate'))).toBe('out of memory (ENOMEM)');
    expect(describeStartFailure(new Error('a\n  b'))).toBe('a b');
    expect(describeStartFailure('')).toBe('unknown error');
  });

  it('says nothing when no start failed or the pool reached its target', () => {
    expect(startFailureNotice(undefined, 1, 4)).toBeUndefined();
    expect(startFailureNotice('the process limit (EAGAIN)', 4, 4)).toBeUndefined();
  });

  it('says tasks fail when no thread runs, and how to lower the target when some do', () => {
    const limit = 'the process limit (EAGAIN)';
    expect(startFailureNotice(limit, 0, 4)).toBe(
      `no worker thread could start: ${limit}; tasks fail until one can (retrying)`,
    );
    expect(startFailureNotice(limit, 3, 5)).toBe(`only 3 of 5 threads could start: ${limit}; lower with [`);
  });
});
