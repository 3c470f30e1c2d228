import { describe, expect, test } from 'vitest';
import {
  exitCodeFor,
  type QuitSignal,
  quitSignalFrom,
  quitSignalOf,
  quitSignals,
  withQuitSignals,
} from '../source/cli/quit-signals.ts';

const listeners = () => quitSignals.map((signal) => process.listenerCount(signal));

describe('quit signals', () => {
  test('exit codes are 128 + the signal number, and read back', () => {
    expect(quitSignals.map(exitCodeFor)).toEqual([143, 129, 130]);
    for (const signal of quitSignals) expect(quitSignalOf(exitCodeFor(signal))).toBe(signal);
    expect(quitSignalOf(0)).toBeUndefined();
    expect(quitSignalOf(1)).toBeUndefined();
  });

  test('signals while the body runs: the first one aborts and names the quit, later ones change nothing', async () => {
    const before = listeners();
    const seen: (QuitSignal | undefined)[] = [];
    const quit = await withQuitSignals(async (signal) => {
      seen.push(quitSignalFrom(signal));
      process.emit('SIGHUP', 'SIGHUP');
      seen.push(quitSignalFrom(signal));
      process.emit('SIGTERM', 'SIGTERM');
      process.emit('SIGINT', 'SIGINT');
      seen.push(quitSignalFrom(signal));
      expect(signal.aborted).toBe(true);
    });
    expect(seen).toEqual([undefined, 'SIGHUP', 'SIGHUP']);
    expect(quit).toBe('SIGHUP');
    // The handlers are gone once the body has settled.
    expect(listeners()).toEqual(before);
  });

  test('a body that fails still removes the handlers, and no signal means no quit signal', async () => {
    const before = listeners();
    await expect(withQuitSignals(() => Promise.reject(new Error('broken')))).rejects.toThrow('broken');
    expect(listeners()).toEqual(before);
    await expect(withQuitSignals(async () => undefined)).resolves.toBeUndefined();
    // An abort from anywhere else is not a quit signal.
    const other = new AbortController();
    other.abort('SIGTERM as text');
    expect(quitSignalFrom(other.signal)).toBeUndefined();
  });
});
