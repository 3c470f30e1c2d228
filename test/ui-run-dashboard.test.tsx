import { Console } from 'node:console';
import { EventEmitter } from 'node:events';
import { beforeAll, describe, expect, test, vi } from 'vitest';
import type { EngineHandle } from '../source/engine/engine-handle.ts';
import { runDashboard } from '../source/ui/run-dashboard.tsx';
import { workersBusy } from './fixtures/snapshots.ts';
import { fakeKeyboard } from './helpers/fake-tty.ts';

const enterAlternateScreen = '\u001B[?1049h';
const leaveAlternateScreen = '\u001B[?1049l';
const hideCursor = '\u001B[?25l';
const showCursor = '\u001B[?25h';

/** A terminal stand-in: a TTY stdout that records what is written, and a TTY stdin the test types into. */
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
  const { stdin, type, rawModes } = fakeKeyboard();
  return {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin,
    output: () => written.join(''),
    /** What was written from the `from`-th write on. */
    writtenSince: (from: number) => written.slice(from).join(''),
    writes: () => written.length,
    resize(columns: number, rows: number) {
      stdout.columns = columns;
      stdout.rows = rows;
      stdout.emit('resize');
    },
    type,
    rawModes,
  };
}

/** The dashboard on a fake terminal, until `close()` aborts it and waits for it to restore the terminal. */
function openDashboard() {
  const terminal = fakeTerminal();
  const quit = new AbortController();
  const done = runDashboard(
    handleFor(() => workersBusy),
    { color: false, signal: quit.signal, ...terminal },
  );
  const close = async () => {
    quit.abort();
    await done;
  };
  return { terminal, close };
}

function handleFor(latest: () => ReturnType<EngineHandle['latest']>): EngineHandle {
  return { latest, subscribe: () => () => {}, dispatch: () => {}, workloads: [] };
}

// Ink patches the console while it draws; Vitest's console has no `Console` constructor to patch with.
beforeAll(() => {
  if (!('Console' in console)) Object.assign(console, { Console });
});

describe('runDashboard', () => {
  test('it draws on the alternate screen with the cursor hidden, and restores both when the user quits', async () => {
    const terminal = fakeTerminal();
    const done = runDashboard(
      handleFor(() => workersBusy),
      { color: false, ...terminal },
    );
    await vi.waitFor(() => expect(terminal.output()).toContain('SCOREBOARD'));
    expect(terminal.output().startsWith(enterAlternateScreen + hideCursor)).toBe(true);
    expect(terminal.rawModes).toContain(true);

    terminal.type('q');
    await done;
    const output = terminal.output();
    expect(output.lastIndexOf(leaveAlternateScreen)).toBeGreaterThan(output.lastIndexOf('SCOREBOARD'));
    expect(output.lastIndexOf(showCursor)).toBeGreaterThan(output.lastIndexOf(hideCursor));
    expect(terminal.rawModes.at(-1)).toBe(false);
  });

  test('Ctrl-C quits like q', async () => {
    const terminal = fakeTerminal();
    const done = runDashboard(
      handleFor(() => workersBusy),
      { color: false, ...terminal },
    );
    await vi.waitFor(() => expect(terminal.output()).toContain('SCOREBOARD'));
    terminal.type('\u0003');
    await done;
    expect(terminal.output()).toContain(leaveAlternateScreen);
  });

  test('aborting the signal closes the dashboard and restores the terminal', async () => {
    const { terminal, close } = openDashboard();
    await vi.waitFor(() => expect(terminal.output()).toContain('SCOREBOARD'));
    await close();
    expect(terminal.output()).toContain(leaveAlternateScreen + showCursor);
  });

  test('an error while drawing still restores the terminal, and reaches the caller', async () => {
    const terminal = fakeTerminal();
    const broken = handleFor(() => {
      throw new Error('snapshot exploded');
    });
    vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      await expect(runDashboard(broken, { color: false, ...terminal })).rejects.toThrow('snapshot exploded');
    } finally {
      vi.restoreAllMocks();
    }
    expect(terminal.output()).toContain(leaveAlternateScreen);
    expect(terminal.output()).toContain(showCursor);
  });

  test('a narrowing resize never writes a line wider than the new width, and ends in a whole frame', async () => {
    const { terminal, close } = openDashboard();
    await vi.waitFor(() => expect(terminal.output()).toContain('SCOREBOARD'));
    const before = terminal.writes();
    terminal.resize(82, 30);
    // The whole frame after the size settles starts by erasing the screen from its top left corner.
    await vi.waitFor(() => expect(terminal.writtenSince(before)).toContain('\u001B[H\u001B[J'));
    await vi.waitFor(() => {
      const redraw = terminal.writtenSince(before).split('\u001B[H\u001B[J').at(-1) ?? '';
      expect(redraw).toContain('SCOREBOARD');
    });
    await close();
    const lines = terminal
      .writtenSince(before)
      // biome-ignore lint/suspicious/noControlCharactersInRegex: escape sequences are what is stripped
      .replace(/\u001B\[[0-9;?]*[A-Za-z]/g, '')
      .split(/\r?\n/);
    expect(Math.max(...lines.map((line) => Array.from(line).length))).toBeLessThan(82);
  });

  test('the layout follows the terminal when it is resized', async () => {
    const { terminal, close } = openDashboard();
    await vi.waitFor(() => expect(terminal.output()).toContain('WORKER POOL'));
    const before = terminal.writes();
    terminal.resize(60, 15);
    await vi.waitFor(() => expect(terminal.writtenSince(before)).toContain('enlarge to at least 80×24'));
    await close();
    expect(terminal.writtenSince(before)).not.toContain('WORKER POOL');
  });

  test('a resize storm shows the size while it lasts, then the dashboard as it was, help still open', async () => {
    const { terminal, close } = openDashboard();
    await vi.waitFor(() => expect(terminal.output()).toContain('SCOREBOARD'));
    terminal.type('?');
    await vi.waitFor(() => expect(terminal.output()).toContain('HELP'));
    const before = terminal.writes();
    for (const columns of [90, 110, 95, 120]) terminal.resize(columns, 32);
    await vi.waitFor(() => expect(terminal.writtenSince(before)).toContain('resizing… 120×32'));
    await vi.waitFor(() => {
      const redraw = terminal.writtenSince(before).split('\u001B[H\u001B[J').at(-1) ?? '';
      expect(redraw).toContain('HELP');
    });
    await close();
  });

  test('a signal aborted before the start draws nothing', async () => {
    const terminal = fakeTerminal();
    await runDashboard(
      handleFor(() => workersBusy),
      { color: false, signal: AbortSignal.abort(), ...terminal },
    );
    expect(terminal.output()).toBe('');
  });
});

describe('a stop that came while Ink loaded', () => {
  async function startWith(stopWaiting: boolean) {
    const terminal = fakeTerminal();
    const quit = new AbortController();
    const stops: string[] = [];
    const dispatched: string[] = [];
    const handle: EngineHandle = {
      ...handleFor(() => workersBusy),
      dispatch: (action) => void dispatched.push(action.type),
    };
    const done = runDashboard(handle, {
      color: false,
      signal: quit.signal,
      ...terminal,
      firstFrame: { beforeInk: () => {}, handOver: () => stopWaiting },
      // What the terminal held when the process stopped.
      stopProcess: () => void stops.push(terminal.output()),
    });
    return { terminal, stops, dispatched, quit, done };
  }

  test('is taken once Ink owns the terminal: handed back, measuring paused, then stopped; SIGCONT draws again', async () => {
    const { terminal, stops, dispatched, quit, done } = await startWith(true);
    await vi.waitFor(() => expect(stops).toHaveLength(1));
    const atStop = stops[0] ?? '';
    // Ink drew, then gave the terminal back: off the alternate screen, cursor shown, keys no longer raw.
    expect(atStop).toContain('SCOREBOARD');
    expect(atStop.lastIndexOf(leaveAlternateScreen)).toBeGreaterThan(atStop.lastIndexOf('SCOREBOARD'));
    expect(atStop.lastIndexOf(showCursor)).toBeGreaterThan(atStop.lastIndexOf(hideCursor));
    expect(terminal.rawModes.at(-1)).toBe(false);
    expect(dispatched).toEqual(['suspendMeasuring']);

    const before = terminal.writes();
    process.emit('SIGCONT');
    await vi.waitFor(() => expect(terminal.writtenSince(before)).toContain('SCOREBOARD'));
    expect(terminal.writtenSince(before)).toContain(enterAlternateScreen);
    expect(dispatched).toEqual(['suspendMeasuring', 'resumeMeasuring']);
    expect(terminal.rawModes.at(-1)).toBe(true);
    expect(stops).toHaveLength(1);
    quit.abort();
    await done;
  });

  test('is not invented when none was waiting', async () => {
    const { terminal, stops, dispatched, quit, done } = await startWith(false);
    await vi.waitFor(() => expect(terminal.output()).toContain('SCOREBOARD'));
    // Long enough for a stop to have been taken: it waits one poll of the loop after Ink hands the terminal back.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stops).toEqual([]);
    expect(dispatched).toEqual([]);
    quit.abort();
    await done;
    expect(terminal.output()).toContain(leaveAlternateScreen + showCursor);
  });
});
