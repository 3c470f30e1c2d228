import { Console } from 'node:console';
import { EventEmitter } from 'node:events';
import { beforeAll, describe, expect, test, vi } from 'vitest';
import type { EngineHandle } from '../source/engine/engine-handle.ts';
import { runDashboard } from '../source/ui/run-dashboard.tsx';
import { workersBusy } from './fixtures/snapshots.ts';
import { fakeKeyboard } from './helpers/fake-tty.ts';

/** A TTY stdout that records what is written, and a TTY stdin nobody types into. */
function fakeTerminal() {
  const written: string[] = [];
  const stdout = Object.assign(new EventEmitter(), {
    isTTY: true,
    columns: 100,
    rows: 30,
    write(data: string, callback?: () => void) {
      written.push(data);
      callback?.();
      return true;
    },
  });
  return {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: fakeKeyboard().stdin,
    output: () => written.join(''),
  };
}

const handle: EngineHandle = {
  latest: () => workersBusy,
  subscribe: () => () => {},
  dispatch: () => {},
  workloads: [],
};

// Ink patches the console while it draws; Vitest's console has no `Console` constructor to patch with.
beforeAll(() => {
  if (!('Console' in console)) Object.assign(console, { Console });
});

describe('work started after the first frame', () => {
  test('starts only once the first frame is on the screen, and only once', async () => {
    const terminal = fakeTerminal();
    const quit = new AbortController();
    const seenAtStart: string[] = [];
    const onFirstFrame = vi.fn(() => seenAtStart.push(terminal.output()));
    const done = runDashboard(handle, { color: false, signal: quit.signal, onFirstFrame, ...terminal });
    expect(onFirstFrame).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(onFirstFrame).toHaveBeenCalled());
    expect(seenAtStart[0]).toContain('SCOREBOARD');
    quit.abort();
    await done;
    expect(onFirstFrame).toHaveBeenCalledTimes(1);
  });
});
