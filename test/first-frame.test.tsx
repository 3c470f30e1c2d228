import { EventEmitter } from 'node:events';
// The frame drawn before Ink loads must read as the frame Ink then draws from the same snapshot, at any size:
// otherwise the screen jumps as the dashboard takes over.
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineHandle } from '../source/engine/engine-handle.ts';
import type { Snapshot } from '../source/engine/types.ts';
import { App } from '../source/ui/app.tsx';
import { drawFirstFrame, firstFrameRows, type JobControl } from '../source/ui/first-frame.ts';
import * as fixtures from './fixtures/snapshots.ts';
import { namedSnapshots, twoWorkloads } from './helpers/named-snapshots.ts';
import { seededRandom } from './helpers/seeded-random.ts';

afterEach(cleanup);

const workloads = twoWorkloads;
const snapshots = namedSnapshots;

function inkRows(snapshot: Snapshot, columns: number, rows: number): string[] {
  const handle: EngineHandle = {
    latest: () => snapshot,
    subscribe: () => () => undefined,
    dispatch: () => {},
    workloads,
  };
  const { lastFrame, unmount } = render(
    <App handle={handle} color={false} onQuit={() => {}} size={{ columns, rows }} />,
  );
  const frame = lastFrame() ?? '';
  unmount();
  return frame.split('\n');
}

const trimmed = (rows: readonly string[]) => {
  const lines = rows.map((row) => row.trimEnd());
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  return lines;
};

describe('the first frame, drawn before Ink', () => {
  it('holds fixture snapshots', () => {
    expect(snapshots.length).toBeGreaterThan(10);
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'reads as the frame Ink draws, for random snapshots and sizes (seed %i)',
    (seed) => {
      const random = seededRandom(seed);
      for (let draw = 0; draw < 6; draw++) {
        const [name, snapshot] = snapshots[Math.floor(random() * snapshots.length)] as [string, Snapshot];
        // Below the minimum size too, where the layout drops sections and shows the hint.
        const columns = 40 + Math.floor(random() * 200);
        const rows = 10 + Math.floor(random() * 60);
        const ours = firstFrameRows({
          snapshot,
          size: { columns, rows },
          color: false,
          workloadCount: workloads.length,
        });
        expect(trimmed(ours), `${name} at ${columns}×${rows}`).toEqual(
          trimmed(inkRows(snapshot, columns, rows)),
        );
        expect(ours.length).toBeLessThan(rows);
      }
    },
  );
});

/** Job control as a test drives it: signals sent by hand, stops and measuring calls recorded. */
function fakeJobs() {
  const listeners = new Map<string, Set<() => void>>();
  const calls: string[] = [];
  const terminalOwner = { foreground: true };
  const jobs: JobControl = {
    on: (signal, listener) => listeners.set(signal, (listeners.get(signal) ?? new Set()).add(listener)),
    off: (signal, listener) => listeners.get(signal)?.delete(listener),
    stop: (signal) => calls.push(signal === 'SIGSTOP' ? 'stop' : `stop ${signal}`),
    inForeground: () => terminalOwner.foreground,
    // Signals here reach their listeners when sent; one waiting in libuv's pipe is the terminal tests'.
    afterSignalsReceived: (then) => then(),
    onSuspend: () => calls.push('suspend measuring'),
    onResume: () => calls.push('resume measuring'),
  };
  const send = (signal: string) => {
    for (const listener of listeners.get(signal) ?? []) listener();
  };
  /** The shell gives the terminal to the job (`fg`) or keeps it (`bg`, the job stopped). */
  const setForeground = (owns: boolean) => {
    terminalOwner.foreground = owns;
  };
  // The same job control with the signals read only when `readSignals` is called, as libuv reads its pipe.
  const waiting: Array<() => void> = [];
  const deferredJobs: JobControl = { ...jobs, afterSignalsReceived: (then) => waiting.push(then) };
  const readSignals = () => {
    for (const then of waiting.splice(0)) then();
  };
  return { jobs, deferredJobs, readSignals, calls, send, setForeground };
}

/** A terminal stand-in: what was written, the keyboard's mode, and a size that `resize` changes. */
function fakeTerminal(columns = 120, rows = 40) {
  const written: string[] = [];
  const modes: boolean[] = [];
  const events = new EventEmitter();
  // The window's size as the kernel has it; the stream holds what it last read, on SIGWINCH.
  const kernel = { columns, rows };
  const stdout = Object.assign(events, {
    columns,
    rows,
    write: (text: string) => written.push(text) > 0,
    _handle: {
      getWindowSize(size: [number, number]) {
        size[0] = kernel.columns;
        size[1] = kernel.rows;
        return 0;
      },
    },
  }) as unknown as NodeJS.WriteStream;
  const stdin = { setRawMode: (raw: boolean) => modes.push(raw) } as unknown as NodeJS.ReadStream;
  const resize = (width: number, height: number) => {
    Object.assign(kernel, { columns: width, rows: height });
    Object.assign(stdout, { columns: width, rows: height });
    stdout.emit('resize');
  };
  /** Resized while the process is stopped: no SIGWINCH reaches it. */
  const resizeUnheard = (width: number, height: number) =>
    Object.assign(kernel, { columns: width, rows: height });
  return { stdout, stdin, written, modes, resize, resizeUnheard };
}

/** The rows of a frame as written: after the erase, up to the cursor's return home. */
function drawnRows(frame: string | undefined): string[] {
  const rows = (frame ?? '').split('\u001B[2J')[1] ?? '';
  const home = '\u001B[H';
  return (rows.endsWith(home) ? rows.slice(0, -home.length) : rows).split('\n');
}

describe('a first frame on the terminal', () => {
  const options = {
    snapshot: fixtures.asyncRunningCpu,
    size: { columns: 120, rows: 40 },
    color: false,
    workloadCount: 2,
  };

  it('goes on the alternate screen with the keyboard raw, and a restore gives both back once', () => {
    const terminal = fakeTerminal();
    const drawn = drawFirstFrame(terminal.stdout, terminal.stdin, options);
    expect(terminal.modes).toEqual([true]);
    expect(terminal.written.join('').startsWith('\u001B[?1049h')).toBe(true);
    expect(terminal.written.join('')).toContain('SCOREBOARD');
    // Ink draws from the cursor, as on an alternate screen it has just entered: home.
    expect(terminal.written.join('').endsWith('\u001B[H')).toBe(true);
    drawn.restore();
    drawn.restore();
    expect(terminal.modes).toEqual([true, false]);
    expect(terminal.written.at(-1)).toBe('\u001B[?1049l\u001B[?25h');
    expect(terminal.written).toHaveLength(2);
  });

  it('gives the terminal back on each stop from job control and draws the frame again on each continue', () => {
    const terminal = fakeTerminal();
    const { jobs, calls, send } = fakeJobs();
    const drawn = drawFirstFrame(terminal.stdout, terminal.stdin, options, jobs);
    for (let round = 0; round < 3; round++) {
      send('SIGTSTP');
      expect(terminal.modes.at(-1)).toBe(false);
      expect(terminal.written.at(-1)).toBe('\u001B[?1049l\u001B[?25h');
      send('SIGCONT');
      expect(terminal.modes.at(-1)).toBe(true);
      expect(terminal.written.at(-1)).toContain('SCOREBOARD');
    }
    expect(calls).toEqual(
      Array.from({ length: 3 }, () => ['suspend measuring', 'stop', 'resume measuring']).flat(),
    );
    // Once Ink has the terminal, its own lifecycle answers job control: the frame's handlers are gone.
    drawn.handOver();
    const written = terminal.written.length;
    send('SIGTSTP');
    send('SIGCONT');
    expect(terminal.written).toHaveLength(written);
    expect(calls).toHaveLength(9);
  });

  it('is drawn again for each new size until Ink takes over, also after a stop, and fits each', () => {
    const terminal = fakeTerminal(120, 40);
    const { jobs, send } = fakeJobs();
    const drawn = drawFirstFrame(terminal.stdout, terminal.stdin, options, jobs);
    const fits = (columns: number, rows: number) => {
      const lines = drawnRows(terminal.written.at(-1));
      expect(lines.length).toBeGreaterThan(3);
      expect(lines.length).toBeLessThan(rows);
      expect(Math.max(...lines.map((line) => line.length)), `${columns}×${rows}`).toBeLessThan(columns);
    };
    fits(120, 40);
    const sizes: Array<[number, number]> = [
      [80, 24],
      [200, 60],
      [100, 30],
      [81, 25],
    ];
    for (const [columns, rows] of sizes) {
      terminal.resize(columns, rows);
      fits(columns, rows);
    }
    // A 'resize' that leaves the size as it was draws nothing.
    const count = terminal.written.length;
    terminal.resize(81, 25);
    expect(terminal.written).toHaveLength(count);
    // Stopped, the terminal is the shell's: a resize then is drawn on the continue, at the size it left.
    send('SIGTSTP');
    terminal.resize(90, 28);
    expect(terminal.written).toHaveLength(count + 1);
    send('SIGCONT');
    fits(90, 28);
    drawn.handOver();
    const handed = terminal.written.length;
    terminal.resize(120, 40);
    expect(terminal.written).toHaveLength(handed);
    expect(terminal.stdout.listenerCount('resize')).toBe(0);
  });

  it.each([1, 2, 3, 4, 5])(
    'holds a frame laid out for the size on screen through random resizes, stops and continues (seed %i)',
    (seed) => {
      const random = seededRandom(seed);
      const terminal = fakeTerminal(120, 40);
      const { jobs, send } = fakeJobs();
      const drawn = drawFirstFrame(terminal.stdout, terminal.stdin, options, jobs);
      let stopped = false;
      const size = () => ({ columns: terminal.stdout.columns, rows: terminal.stdout.rows });
      for (let step = 0; step < 40; step++) {
        const written = terminal.written.length;
        const roll = random();
        if (roll < 0.6) {
          terminal.resize(40 + Math.floor(random() * 200), 10 + Math.floor(random() * 60));
        } else if (roll < 0.8) {
          send('SIGTSTP');
          stopped = true;
        } else {
          send('SIGCONT');
          stopped = false;
        }
        if (stopped) {
          // The terminal is the shell's: at most the one write that gives it back.
          expect(terminal.written.slice(written).every((text) => text === '\u001B[?1049l\u001B[?25h')).toBe(
            true,
          );
          expect(terminal.modes.at(-1)).toBe(false);
          continue;
        }
        // What the terminal shows: the last frame written, which must be laid out for its size now.
        const frame = terminal.written.filter((text) => text.includes('\u001B[2J')).at(-1);
        expect(drawnRows(frame), `step ${step}`).toEqual(firstFrameRows({ ...options, size: size() }));
        expect(terminal.modes.at(-1)).toBe(true);
      }
      drawn.handOver();
      const handed = terminal.written.length;
      terminal.resize(100, 30);
      send('SIGTSTP');
      send('SIGCONT');
      drawn.restore();
      expect(terminal.written).toHaveLength(handed);
    },
  );

  it('has Ink’s first write with rows start on an erased screen, inside the update it opens, and no other write', () => {
    const terminal = fakeTerminal();
    const streamWrite = terminal.stdout.write;
    const drawn = drawFirstFrame(terminal.stdout, terminal.stdin, options);
    drawn.beforeInk();
    // The first frame's own redraw, before Ink writes, is written as it is.
    terminal.resize(100, 30);
    const redraw = terminal.written.at(-1) ?? '';
    expect(redraw.startsWith('\u001B[?1049h')).toBe(true);
    const begin = '\u001B[?2026h';
    const enterAlternate = '\u001B[?1049h';
    const hideCursor = '\u001B[?25l';
    // Ink sets the terminal up in writes of their own, then opens its update, then writes the rows. Entering the
    // alternate screen again would clear it (the first frame is on it) and show it blank until the rows: dropped.
    // The erase goes with the rows, so no terminal shows the screen erased between two writes.
    for (const setUp of [enterAlternate, hideCursor, begin, hideCursor]) terminal.stdout.write(setUp);
    terminal.stdout.write('frame');
    terminal.stdout.write(`${begin}next`);
    expect(terminal.written.slice(-6)).toEqual([
      '',
      hideCursor,
      begin,
      hideCursor,
      '\u001B[H\u001B[2Jframe',
      `${begin}next`,
    ]);
    // A write that opens the update and holds rows too has the erase inside the update.
    const inOne = fakeTerminal();
    const inOneDrawn = drawFirstFrame(inOne.stdout, inOne.stdin, options);
    inOneDrawn.beforeInk();
    inOne.stdout.write(`${begin}frame`);
    expect(inOne.written.at(-1)).toBe(`${begin}\u001B[H\u001B[2Jframe`);
    inOneDrawn.handOver();
    // Handed back by a stop (off the alternate screen), Ink's entering it is left as it is.
    const stopped = fakeTerminal();
    const { deferredJobs, readSignals, send } = fakeJobs();
    const stoppedDrawn = drawFirstFrame(stopped.stdout, stopped.stdin, options, deferredJobs);
    stoppedDrawn.beforeInk();
    send('SIGTSTP');
    readSignals();
    stopped.stdout.write(enterAlternate);
    expect(stopped.written.at(-1)).toBe(enterAlternate);
    stoppedDrawn.handOver();
    expect(terminal.stdout.write).toBe(streamWrite);
    drawn.handOver();
    // Without a synchronized update, the erase goes first.
    const plain = fakeTerminal();
    const plainDrawn = drawFirstFrame(plain.stdout, plain.stdin, options);
    plainDrawn.beforeInk();
    plain.stdout.write('frame');
    expect(plain.written.at(-1)).toBe('\u001B[H\u001B[2Jframe');
    plainDrawn.handOver();
  });

  it('gives the stream its own write back when Ink never writes, whether it was the stream’s or inherited', () => {
    const terminal = fakeTerminal();
    const streamWrite = terminal.stdout.write;
    const drawn = drawFirstFrame(terminal.stdout, terminal.stdin, options);
    drawn.beforeInk();
    drawn.restore();
    expect(terminal.stdout.write).toBe(streamWrite);
    // A stream whose write comes from its class, as process.stdout's does.
    class Stream extends EventEmitter {
      columns = 120;
      rows = 40;
      written: string[] = [];
      write(text: string) {
        return this.written.push(text) > 0;
      }
    }
    const stream = new Stream();
    const inherited = drawFirstFrame(stream as unknown as NodeJS.WriteStream, terminal.stdin, options);
    inherited.beforeInk();
    inherited.restore();
    expect(Object.hasOwn(stream, 'write')).toBe(false);
    stream.write('after');
    expect(stream.written.at(-1)).toBe('after');
  });

  it('takes a stop only once the signals received by then have been read, and a continue among them cancels it', () => {
    const terminal = fakeTerminal();
    const { jobs, deferredJobs, readSignals, calls, send } = fakeJobs();
    const drawn = drawFirstFrame(terminal.stdout, terminal.stdin, options, deferredJobs);
    // SIGTSTP then SIGCONT, both read before the stop is taken: no stop, the frame stays.
    send('SIGTSTP');
    send('SIGTSTP');
    send('SIGCONT');
    readSignals();
    expect(calls.filter((call) => call === 'stop')).toEqual([]);
    expect(terminal.modes.at(-1)).toBe(true);
    expect(terminal.written.at(-1)).toContain('\u001B[2J');
    // A stop alone is taken: the terminal given back first.
    send('SIGTSTP');
    readSignals();
    expect(calls.slice(-2)).toEqual(['suspend measuring', 'stop']);
    expect(terminal.written.at(-1)).toBe('\u001B[?1049l\u001B[?25h');
    send('SIGCONT');
    // A stop read in the same turn as a continue may have been sent first (the two reached different threads).
    send('SIGTSTP');
    readSignals();
    expect(calls.filter((call) => call === 'stop')).toHaveLength(1);
    // A stop not yet taken when Ink takes over is Ink's to take; a cancelled one is nobody's.
    send('SIGTSTP');
    expect(drawn.handOver()).toBe(true);
    readSignals();
    expect(calls.filter((call) => call === 'stop')).toHaveLength(1);
    const again = drawFirstFrame(terminal.stdout, terminal.stdin, options, deferredJobs);
    send('SIGTSTP');
    send('SIGCONT');
    expect(again.handOver()).toBe(false);
    expect(drawFirstFrame(terminal.stdout, terminal.stdin, options, jobs).handOver()).toBe(false);
  });

  it('continued in the background, leaves the terminal to the shell and stops again as for tty output, unless a quit came with the continue', () => {
    const terminal = fakeTerminal();
    const { deferredJobs, readSignals, calls, send, setForeground } = fakeJobs();
    const drawn = drawFirstFrame(terminal.stdout, terminal.stdin, options, deferredJobs);
    /** Ctrl-Z taken, and the shell holding the terminal; what the terminal saw and what was called since. */
    const stoppedByCtrlZ = () => {
      send('SIGTSTP');
      readSignals();
      setForeground(false);
      return { writes: terminal.written.length, modes: terminal.modes.length, calls: calls.length };
    };
    // bg: nothing written, the keyboard's mode untouched, measuring still paused, then a stop as for tty output.
    let before = stoppedByCtrlZ();
    send('SIGCONT');
    readSignals();
    expect(calls.slice(before.calls)).toEqual(['suspend measuring', 'stop SIGTTOU']);
    expect(terminal.written).toHaveLength(before.writes);
    expect(terminal.modes).toHaveLength(before.modes);
    // fg: the frame drawn again.
    setForeground(true);
    send('SIGCONT');
    expect(calls.at(-1)).toBe('resume measuring');
    expect(terminal.modes.at(-1)).toBe(true);
    expect(terminal.written.at(-1)).toContain('SCOREBOARD');
    // kill %1: the continue and a quit read together; the quit gives nothing back, the terminal is the shell's.
    before = stoppedByCtrlZ();
    send('SIGCONT');
    drawn.restore();
    readSignals();
    expect(calls.slice(before.calls)).toEqual([]);
    expect(terminal.written).toHaveLength(before.writes);
    expect(terminal.modes).toHaveLength(before.modes);
  });

  it('resized while stopped, with no SIGWINCH to say so, is drawn again for the new size on the continue', () => {
    const terminal = fakeTerminal(120, 40);
    const { jobs, send } = fakeJobs();
    drawFirstFrame(terminal.stdout, terminal.stdin, options, jobs);
    for (const [columns, rows] of [
      [80, 24],
      [160, 50],
    ] as const) {
      send('SIGTSTP');
      terminal.resizeUnheard(columns, rows);
      send('SIGCONT');
      const drawn = drawnRows(terminal.written.at(-1));
      expect(drawn.join('\n')).toContain('SCOREBOARD');
      expect(drawn.length).toBeLessThan(rows);
      expect(Math.max(...drawn.map((row) => row.length))).toBeLessThan(columns);
      expect(terminal.written.filter((text) => text.includes('SCOREBOARD'))).toHaveLength(
        terminal.written.filter((text) => text.includes('\u001B[2J')).length,
      );
    }
  });

  it('is left to Ink once Ink has taken the terminal over', () => {
    const terminal = fakeTerminal();
    const drawn = drawFirstFrame(terminal.stdout, terminal.stdin, options);
    drawn.handOver();
    drawn.restore();
    expect(terminal.modes).toEqual([true]);
    expect(terminal.written).toHaveLength(1);
  });
});
