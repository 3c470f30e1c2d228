import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { TerminalSize } from '../source/ui/layout.ts';
import { type StopSignal, TerminalLifecycle } from '../source/ui/terminal-lifecycle.ts';
import { seededRandom } from './helpers/seeded-random.ts';

const eraseScreen = '\u001B[H\u001B[J';
const named: Record<string, string> = {
  [eraseScreen]: 'erase',
  '\u001B[?2026h': 'begin sync',
  '\u001B[?2026l': 'end sync',
};

/** What a whole redraw logs: the erase and the frame in one synchronized update. */
const wholeRedraw = (size: string) => [
  'begin sync',
  'forget',
  'erase',
  `render ${size}`,
  'flush',
  'end sync',
];

/** A terminal, Ink and the process's signals as plain objects; every call lands in one log, in order. */
function setup({
  columns = 120,
  rows = 40,
  delay,
  measuring = false,
}: {
  columns?: number;
  rows?: number;
  /** Whether the engine's measuring pauses and resumes are logged too. @default false */
  measuring?: boolean;
  /** How long Ink takes to hand the terminal back or take it again, in ms. @default no time at all */
  delay?: () => number;
} = {}) {
  const wait = () => (delay ? new Promise((resolve) => setTimeout(resolve, delay())) : Promise.resolve());
  const log: string[] = [];
  let stopped: ((signal: StopSignal) => void) | undefined;
  // Whether the process's group owns the terminal: false once the shell has put the job in the background.
  let foreground = true;
  // The window's size as the kernel has it; Node's stream holds what it last read, on SIGWINCH.
  const kernel = { columns, rows };
  const stdout = Object.assign(new EventEmitter(), {
    columns,
    rows,
    write(data: string) {
      log.push(named[data] ?? `write ${JSON.stringify(data)}`);
      return true;
    },
    _handle: {
      getWindowSize(size: [number, number]) {
        size[0] = kernel.columns;
        size[1] = kernel.rows;
        return 0;
      },
    },
  });
  const signals = new EventEmitter();
  let suspended = false;
  const frame = {
    render: (size: TerminalSize, whole: boolean) =>
      log.push(`${whole ? 'render' : 'placeholder'} ${size.columns}×${size.rows}`),
    forget: () => log.push('forget'),
    flush: async () => {
      log.push('flush');
    },
    suspendTerminal: async () => {
      expect(suspended).toBe(false);
      suspended = true;
      log.push('suspend');
      await wait();
      return {
        resume: async () => {
          // Setting the terminal's modes from the background would stop the process with SIGTTOU partway.
          expect(foreground).toBe(true);
          await wait();
          suspended = false;
          log.push('resume');
        },
      };
    },
  };
  // Ink's own resize listener, attached before the lifecycle exists.
  stdout.on('resize', () => log.push('ink redraws'));
  const lifecycle = new TerminalLifecycle({
    stdout: stdout as unknown as NodeJS.WriteStream,
    frame,
    signals,
    stop: (signal) => {
      log.push(signal === 'SIGSTOP' ? 'stop' : `stop ${signal}`);
      stopped?.(signal);
    },
    inForeground: () => foreground,
    ...(measuring
      ? { onSuspend: () => log.push('suspend measuring'), onResume: () => log.push('resume measuring') }
      : {}),
    // Signals here reach their listeners when emitted; a signal waiting in libuv's pipe is the terminal tests'.
    afterSignalsReceived: (then) => queueMicrotask(then),
    settleMs: 100,
    now: () => Date.now(),
  });
  const resize = (size: TerminalSize) => {
    Object.assign(kernel, size);
    stdout.columns = size.columns;
    stdout.rows = size.rows;
    stdout.emit('resize');
  };
  return {
    log,
    stdout,
    signals,
    lifecycle,
    resize,
    /** The terminal resized while the process was stopped: no SIGWINCH reaches it, so the stream is not told. */
    resizeUnheard: (size: TerminalSize) => Object.assign(kernel, size),
    isSuspended: () => suspended,
    /** Called when the lifecycle stops the process. */
    onStop: (listener: (signal: StopSignal) => void) => {
      stopped = listener;
    },
    /** The shell gives the terminal to the job (`fg`) or takes it (`bg`, or the job stopped). */
    setForeground: (owns: boolean) => {
      foreground = owns;
    },
  };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('on resize', () => {
  test('the tree is laid out for the new size before Ink redraws it', () => {
    const { log, resize } = setup();
    resize({ columns: 100, rows: 40 });
    expect(log).toEqual(['render 100×40', 'ink redraws']);
  });

  test('once the size has held still, the screen is erased by position and the frame drawn whole', async () => {
    const { log, resize } = setup();
    resize({ columns: 100, rows: 40 });
    log.length = 0;
    await vi.advanceTimersByTimeAsync(99);
    expect(log).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(log).toEqual(wholeRedraw('100×40'));
  });

  test('a storm of resizes draws placeholders, then exactly one whole frame at the last size', async () => {
    const { log, resize, lifecycle } = setup();
    const random = seededRandom(7);
    for (let index = 0; index < 50; index++) {
      resize({ columns: 40 + Math.floor(random() * 190), rows: 10 + Math.floor(random() * 55) });
      await vi.advanceTimersByTimeAsync(20);
    }
    resize({ columns: 120, rows: 40 });
    await vi.advanceTimersByTimeAsync(1000);
    const renders = log.filter((entry) => /^(render|placeholder) /.test(entry));
    // The first resize of the storm is drawn whole, the next ones as a placeholder, then the settled size.
    expect(renders[0]).toMatch(/^render /);
    expect(renders.slice(1, -1).every((entry) => entry.startsWith('placeholder '))).toBe(true);
    expect(log.filter((entry) => entry === 'erase')).toHaveLength(1);
    expect(log.slice(-6)).toEqual(wholeRedraw('120×40'));
    expect(lifecycle.size).toEqual({ columns: 120, rows: 40 });
  });

  test('resizes far enough apart are each drawn whole at once', async () => {
    const { log, resize } = setup();
    for (const columns of [100, 90, 130]) {
      resize({ columns, rows: 40 });
      await vi.advanceTimersByTimeAsync(500);
    }
    expect(log.filter((entry) => entry.startsWith('placeholder'))).toEqual([]);
    expect(log.filter((entry) => entry.startsWith('render'))).toEqual([
      'render 100×40',
      'render 100×40',
      'render 90×40',
      'render 90×40',
      'render 130×40',
      'render 130×40',
    ]);
  });

  test('a size that changed without an event yet is waited for before the redraw', async () => {
    const { log, resize, stdout } = setup();
    resize({ columns: 100, rows: 30 });
    await vi.advanceTimersByTimeAsync(50);
    stdout.columns = 90;
    await vi.advanceTimersByTimeAsync(50);
    expect(log).not.toContain('erase');
    expect(log).toContain('placeholder 90×30');
    await vi.advanceTimersByTimeAsync(100);
    expect(log.slice(-6)).toEqual(wholeRedraw('90×30'));
  });

  test('an event with an unchanged size re-lays out nothing but still repairs the screen', async () => {
    const { log, stdout } = setup();
    stdout.emit('resize');
    await vi.advanceTimersByTimeAsync(100);
    expect(log).toEqual(['ink redraws', ...wholeRedraw('120×40')]);
  });
});

describe('suspend and resume', () => {
  test('SIGTSTP hands the terminal back before the process stops', async () => {
    const { log, signals, isSuspended } = setup();
    signals.emit('SIGTSTP');
    await vi.advanceTimersByTimeAsync(0);
    expect(log).toEqual(['suspend', 'stop']);
    expect(isSuspended()).toBe(true);
  });

  test('SIGCONT after a suspension takes the terminal back and draws the frame whole, no size announced', async () => {
    const { log, signals, isSuspended } = setup();
    signals.emit('SIGTSTP');
    await vi.advanceTimersByTimeAsync(0);
    log.length = 0;
    signals.emit('SIGCONT');
    await vi.advanceTimersByTimeAsync(0);
    // The size did not change while stopped: Ink is not told of one (no 'ink redraws').
    expect(log).toEqual(['resume', ...wholeRedraw('120×40')]);
    expect(isSuspended()).toBe(false);
  });

  test('a SIGTSTP read in the same turn as a SIGCONT is taken as sent before it: nothing stops', async () => {
    const { log, signals, isSuspended } = setup();
    // Sent at once, the two can reach different threads and be read in either order.
    signals.emit('SIGCONT');
    signals.emit('SIGTSTP');
    await vi.advanceTimersByTimeAsync(0);
    expect(log).not.toContain('stop');
    expect(isSuspended()).toBe(false);
    // In a later turn a stop is a stop.
    signals.emit('SIGTSTP');
    await vi.advanceTimersByTimeAsync(0);
    expect(log.at(-1)).toBe('stop');
  });

  test('a second SIGTSTP while suspended does not suspend twice', async () => {
    const { log, lifecycle, signals } = setup();
    signals.emit('SIGTSTP');
    await lifecycle.suspend();
    await vi.advanceTimersByTimeAsync(0);
    expect(log.filter((entry) => entry === 'suspend')).toHaveLength(1);
  });

  test('SIGCONT after a stop from outside (SIGSTOP) sets the terminal up again and redraws', async () => {
    const { log, signals, isSuspended } = setup();
    signals.emit('SIGCONT');
    await vi.advanceTimersByTimeAsync(0);
    expect(log).toEqual(['suspend', 'resume', ...wholeRedraw('120×40')]);
    expect(isSuspended()).toBe(false);
  });

  test('a size changed while stopped, with no SIGWINCH to say so, is laid out before Ink draws again', async () => {
    const { log, signals, stdout, resizeUnheard } = setup();
    signals.emit('SIGTSTP');
    await vi.advanceTimersByTimeAsync(0);
    log.length = 0;
    resizeUnheard({ columns: 80, rows: 24 });
    signals.emit('SIGCONT');
    await vi.advanceTimersByTimeAsync(0);
    // Laid out while Ink still holds off the terminal; Ink told of the size once it has the terminal back.
    expect(log).toEqual(['render 80×24', 'resume', 'ink redraws', ...wholeRedraw('80×24')]);
    expect([stdout.columns, stdout.rows]).toEqual([80, 24]);
  });

  test('dispose while suspended resumes once and stops listening', async () => {
    const { log, lifecycle, signals, stdout, isSuspended } = setup();
    signals.emit('SIGTSTP');
    await vi.advanceTimersByTimeAsync(0);
    await lifecycle.dispose();
    expect(isSuspended()).toBe(false);
    log.length = 0;
    signals.emit('SIGCONT');
    signals.emit('SIGTSTP');
    stdout.emit('resize');
    await vi.advanceTimersByTimeAsync(500);
    expect(log).toEqual(['ink redraws']);
    expect(signals.listenerCount('SIGTSTP')).toBe(0);
    expect(signals.listenerCount('SIGCONT')).toBe(0);
  });

  test.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'ends stopped exactly when the last signal was a stop, through random SIGTSTP and SIGCONT sequences (seed %i)',
    async (seed) => {
      const random = seededRandom(seed);
      const { log, signals, onStop, isSuspended } = setup({ delay: () => Math.floor(random() * 40) });
      // The kernel's side: the process is stopped by its own SIGSTOP and runs again on SIGCONT.
      let stopped = false;
      let last: 'SIGTSTP' | 'SIGCONT' | undefined;
      onStop(() => {
        // The terminal is the shell's before the process stops, and a stop never follows a later continue.
        expect(isSuspended()).toBe(true);
        expect(last).toBe('SIGTSTP');
        stopped = true;
      });
      const send = (signal: 'SIGTSTP' | 'SIGCONT') => {
        last = signal;
        if (signal === 'SIGCONT') stopped = false;
        signals.emit(signal);
      };
      for (let step = 0; step < 60; step++) {
        // A stopped process runs no handler: only a continue reaches it.
        if (!stopped && random() < 0.5) send('SIGTSTP');
        else send('SIGCONT');
        await vi.advanceTimersByTimeAsync(Math.floor(random() * 60));
      }
      if (!stopped) send(random() < 0.5 ? 'SIGTSTP' : 'SIGCONT');
      await vi.advanceTimersByTimeAsync(2000);
      if (last === 'SIGTSTP') {
        expect(stopped).toBe(true);
        expect(isSuspended()).toBe(true);
      } else {
        expect(stopped).toBe(false);
        expect(isSuspended()).toBe(false);
        expect(log.slice(-6)).toEqual(wholeRedraw('120×40'));
      }
    },
  );
});

describe('continued in the background', () => {
  /** Ctrl-Z: the terminal handed back, the process stopped, and the shell holding the terminal. */
  async function stoppedByCtrlZ() {
    const context = setup();
    context.signals.emit('SIGTSTP');
    await vi.advanceTimersByTimeAsync(0);
    context.setForeground(false);
    context.log.length = 0;
    return context;
  }

  test('bg: the terminal is left to the shell, and the process stops again as for tty output (SIGTTOU)', async () => {
    const { log, signals, isSuspended } = await stoppedByCtrlZ();
    signals.emit('SIGCONT');
    await vi.advanceTimersByTimeAsync(0);
    expect(log).toEqual(['stop SIGTTOU']);
    expect(isSuspended()).toBe(true);
  });

  test('fg after that takes the terminal back and draws the frame whole', async () => {
    const { log, signals, setForeground, isSuspended } = await stoppedByCtrlZ();
    signals.emit('SIGCONT');
    await vi.advanceTimersByTimeAsync(0);
    setForeground(true);
    signals.emit('SIGCONT');
    await vi.advanceTimersByTimeAsync(0);
    expect(log).toEqual(['stop SIGTTOU', 'resume', ...wholeRedraw('120×40')]);
    expect(isSuspended()).toBe(false);
  });

  test('kill %1 (SIGTERM, then SIGCONT): the quit disposes without taking the terminal or stopping', async () => {
    const { log, signals, lifecycle, isSuspended } = await stoppedByCtrlZ();
    signals.emit('SIGCONT');
    // The SIGTERM is read in the same turn; the dashboard quits and disposes the lifecycle.
    await lifecycle.dispose();
    await vi.advanceTimersByTimeAsync(100);
    expect(log).toEqual([]);
    // The terminal stays the shell's, as handed back at the stop.
    expect(isSuspended()).toBe(true);
  });

  test('a job stopped from outside, with the terminal still raw, is not touched when continued in the background', async () => {
    const { log, signals, setForeground } = setup({ measuring: true });
    setForeground(false);
    signals.emit('SIGCONT');
    await vi.advanceTimersByTimeAsync(0);
    // The time stopped again is not the workload's: measuring waits until fg.
    expect(log).toEqual(['suspend measuring', 'stop SIGTTOU']);
    setForeground(true);
    signals.emit('SIGCONT');
    await vi.advanceTimersByTimeAsync(0);
    expect(log.slice(2)).toEqual(['resume measuring', 'suspend', 'resume', ...wholeRedraw('120×40')]);
  });

  test.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'never touches the terminal from the background, and ends stopped exactly when it should, through random Ctrl-Z, resizes while stopped, bg, fg and quits (seed %i)',
    async (seed) => {
      const random = seededRandom(seed);
      const { log, signals, lifecycle, onStop, setForeground, isSuspended, resizeUnheard } = setup({
        delay: () => Math.floor(random() * 40),
      });
      let size = '120×40';
      let foreground = true;
      let stopped = false;
      onStop(() => {
        stopped = true;
      });
      const own = (owns: boolean) => {
        foreground = owns;
        setForeground(owns);
      };
      // What the last signal leaves the process as, by the kernel's rules and the dashboard's: stopped after a
      // stop, or after a continue in the background; running and drawing after a continue in the foreground.
      let expectStopped = false;
      for (let step = 0; step < 50; step++) {
        const roll = random();
        if (!stopped && roll < 0.4) {
          // Ctrl-Z: a stop; the shell takes the terminal once the job has stopped.
          signals.emit('SIGTSTP');
          expectStopped = true;
        } else if (stopped && roll < 0.6) {
          // The terminal resized while the job is stopped: no SIGWINCH reaches it.
          const columns = 40 + Math.floor(random() * 160);
          const rows = 12 + Math.floor(random() * 50);
          resizeUnheard({ columns, rows });
          size = `${columns}×${rows}`;
        } else if (stopped) {
          // The shell continues the stopped job: `fg` (it owns the terminal first) or `bg`.
          own(random() < 0.5);
          stopped = false;
          signals.emit('SIGCONT');
          expectStopped = !foreground;
        }
        await vi.advanceTimersByTimeAsync(Math.floor(random() * 60));
        if (stopped && foreground) own(false);
      }
      await vi.advanceTimersByTimeAsync(2000);
      expect(stopped).toBe(expectStopped);
      if (stopped && seed % 2 === 0) {
        // The user comes back: fg.
        own(true);
        stopped = false;
        signals.emit('SIGCONT');
        await vi.advanceTimersByTimeAsync(2000);
      }
      if (!stopped) {
        // Drawn whole last, for the size the terminal has now, however it was resized while stopped.
        expect(isSuspended()).toBe(false);
        expect(log.slice(-6)).toEqual(wholeRedraw(size));
      }
      // A quit now, whatever the state: from the background it leaves the terminal as the shell has it.
      const before = log.length;
      const disposed = lifecycle.dispose();
      await vi.advanceTimersByTimeAsync(2000);
      await disposed;
      if (!foreground) expect(log.slice(before)).not.toContain('resume');
    },
  );
});
