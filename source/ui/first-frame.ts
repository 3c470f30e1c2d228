// The dashboard's first frame, drawn before Ink, React and Yoga have loaded. Loading them is most of the time
// from the command to a frame (BENCHMARKS.md, start-up), and every row of the dashboard is already plain spans
// (screen-lines.ts), so the same rows can be written straight to the terminal: the frame Ink then draws from the
// same snapshot reads the same. Nothing here imports Ink or React; the build checks that it stays so.

import type { Snapshot } from '../engine/types.ts';
import { footerLine } from './footer-hints.ts';
import { inForegroundGroup } from './foreground.ts';
import { layoutFor, type TerminalSize } from './layout.ts';
import { sectionLines } from './screen-lines.ts';
import { styleSpans } from './spans.ts';
import { type AfterSignalsReceived, afterNextPoll, StopRequests } from './stop-requests.ts';
import {
  beginSynchronizedUpdate,
  enterAlternateScreen,
  eraseScreen,
  hideCursor,
  leaveAlternateScreen,
  showCursor,
} from './terminal-codes.ts';
import type { StopSignal } from './terminal-lifecycle.ts';
import { readTerminalSize, sizeOf } from './terminal-size.ts';

export type FirstFrameOptions = {
  snapshot: Snapshot;
  size: TerminalSize;
  /** Whether colours are drawn, as the dashboard will draw them. */
  color: boolean;
  /** Workloads the keys can switch between (the footer's keys depend on it). */
  workloadCount: number;
};

/**
 * The rows of the dashboard's frame for `snapshot` at `size`, styled, top first: what `Screen` draws with the
 * view as it starts (no help, no task selected, no key pressed yet).
 */
export function firstFrameRows({ snapshot, size, color, workloadCount }: FirstFrameOptions): string[] {
  const layout = layoutFor(size);
  const context = { snapshot, size, color };
  const rows = layout.sections
    .flatMap((section) => sectionLines(section, context))
    .slice(0, layout.height)
    .map((spans) => styleSpans(spans, color));
  const footer = layout.sections.find((section) => section.kind === 'footer');
  if (footer) {
    rows.push(styleSpans(footerLine({ width: footer.width, workloadCount, notice: snapshot.notice }), color));
  }
  return rows.slice(0, layout.height);
}

/** A first frame on the terminal, until Ink draws over it. */
export type DrawnFirstFrame = {
  /**
   * Ink is about to draw: the next write that is not the first frame's own starts on an erased screen, in the same
   * write (and inside Ink's synchronized update when it opens with one).
   */
  beforeInk(): void;
  /**
   * Ink has taken the terminal over: from now on Ink gives it back, and `restore` does nothing. Returns whether a
   * stop from job control came and was not yet taken: the new owner's to take.
   */
  handOver(): boolean;
  /** Gives the terminal back as it was, for when Ink never takes over (a quit or a failure before it). */
  restore(): void;
};

/** Where job-control signals arrive, and how the process stops itself. */
export type JobControl = {
  on(signal: 'SIGTSTP' | 'SIGCONT', listener: () => void): unknown;
  off(signal: 'SIGTSTP' | 'SIGCONT', listener: () => void): unknown;
  /** Stops the process: SIGSTOP for a stop from job control, SIGTTOU when continued in the background. */
  stop(signal: StopSignal): void;
  /** Whether the process's group owns the terminal (foreground.ts). @default true */
  inForeground?: () => boolean;
  /**
   * Calls `then` once the signals the process has received have reached their listeners (stop-requests.ts).
   * @default after the loop's next poll phase
   */
  afterSignalsReceived?: AfterSignalsReceived;
  /** Called just before the process stops itself, and on SIGCONT (the engine stops and resumes measuring). */
  onSuspend?: () => void;
  onResume?: () => void;
};

/** This process's job control. */
export const processJobControl: JobControl = {
  on: (signal, listener) => process.on(signal, listener),
  off: (signal, listener) => process.off(signal, listener),
  stop: (signal) => process.kill(process.pid, signal),
  inForeground: inForegroundGroup,
  afterSignalsReceived: afterNextPoll,
};

/** The terminal the first frame is drawn on: where it writes, its size, and its 'resize' events. */
export type FirstFrameTerminal = Pick<NodeJS.WriteStream, 'write' | 'columns' | 'rows' | 'on' | 'off'>;

/**
 * Writes the first frame on the alternate screen, with the cursor hidden and the keyboard in raw mode, as Ink
 * will keep them: a key pressed before Ink reads the keyboard is neither echoed over the frame nor lost (it
 * waits for Ink), and Ctrl-C is a key there too, as it is for the dashboard. Until Ink takes over, a stop from
 * job control (SIGTSTP) gives the terminal back first, as the dashboard does, and SIGCONT draws the frame again.
 *
 * Until then the frame also follows resizes, drawn again for the new size: Ink starts by writing its rows over
 * whatever is on the screen, laid out for the size it reads then, and never erases what it did not draw. Over a
 * frame cut by the terminal to a narrower size, the old rows' tails and blank rows stayed on screen for good.
 *
 * For the same reason Ink's first write goes onto an erased screen (`beforeInk`): Ink draws from a newer snapshot,
 * and a row it draws shorter than the first frame's, or leaves blank, would keep the first frame's characters
 * until that row next changed. The erase travels in the same write as the frame, so no blank screen shows between.
 */
export function drawFirstFrame(
  stdout: FirstFrameTerminal,
  stdin: NodeJS.ReadStream,
  options: FirstFrameOptions,
  jobs: JobControl = processJobControl,
): DrawnFirstFrame {
  let size = options.size;
  let rows = firstFrameRows(options);
  // The terminal's own write, for the first frame's writes while Ink's first one is waited for (`beforeInk`).
  const write: FirstFrameTerminal['write'] = stdout.write.bind(stdout);
  const draw = () => {
    stdin.setRawMode(true);
    write(`${enterAlternateScreen}${hideCursor}\u001B[H\u001B[2J${rows.join('\n')}\u001B[H`);
  };
  /** Lays the rows out again if the terminal's size changed since; whether it did. */
  const followSize = () => {
    const now = sizeOf(stdout);
    if (now.columns === size.columns && now.rows === size.rows) return false;
    size = now;
    rows = firstFrameRows({ ...options, size });
    return true;
  };
  let stopped = false;
  const onResize = () => {
    if (!stopped && followSize()) draw();
  };
  const giveBack = () => {
    stdin.setRawMode(false);
    write(leaveAlternateScreen + showCursor);
  };
  let ours = true;
  let stopWaitingForInk: (() => void) | undefined;
  const beforeInk = () => {
    if (ours && !stopWaitingForInk) stopWaitingForInk = eraseBeforeNextWrite(stdout, write, () => !stopped);
  };
  // A stop is taken once the signals received by then are read, unless a continue among them cancelled it.
  const stops = new StopRequests(jobs.afterSignalsReceived);
  let pendingStop: (() => boolean) | undefined;
  const onStop = () => {
    if (stopped || pendingStop) return;
    const wanted = stops.asked({ fromSignal: true });
    pendingStop = wanted;
    stops.afterSignalsReceived(() => {
      if (pendingStop !== wanted) return;
      pendingStop = undefined;
      if (!ours || !wanted()) return;
      stopped = true;
      giveBack();
      jobs.onSuspend?.();
      jobs.stop('SIGSTOP');
    });
  };
  const inForeground = () => jobs.inForeground?.() ?? true;
  const drawAgain = () => {
    // Resized while stopped: no SIGWINCH came (terminal-size.ts).
    readTerminalSize(stdout);
    stopped = false;
    jobs.onResume?.();
    followSize();
    draw();
  };
  const onContinue = () => {
    stops.continued();
    if (inForeground()) drawAgain();
    else stopAgainInBackground();
  };
  // Continued in the background: it stops again, unless `fg` came meanwhile (stop-requests.ts).
  const stopAgainInBackground = () => {
    stops.continuedInBackground(inForeground, (where) => {
      if (!ours || !where) return;
      if (where === 'foreground') {
        drawAgain();
        return;
      }
      jobs.onSuspend?.();
      jobs.stop('SIGTTOU');
    });
  };
  const release = () => {
    ours = false;
    stdout.off('resize', onResize);
    jobs.off('SIGTSTP', onStop);
    jobs.off('SIGCONT', onContinue);
  };
  draw();
  stdout.on('resize', onResize);
  jobs.on('SIGTSTP', onStop);
  jobs.on('SIGCONT', onContinue);
  return {
    beforeInk,
    handOver() {
      const stopWaiting = pendingStop?.() ?? false;
      pendingStop = undefined;
      release();
      return stopWaiting;
    },
    restore() {
      stopWaitingForInk?.();
      if (!ours) return;
      release();
      // From the background the terminal is the shell's: setting its modes would stop the process (SIGTTOU).
      if (inForeground()) giveBack();
    },
  };
}

type Write = (chunk: unknown, ...rest: unknown[]) => boolean;

/** A write of escape sequences alone (modes, the cursor), nothing drawn. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: telling escape sequences from text is what it is for
const controlsOnly = /^(?:\u001B\[[0-9;?]*[A-Za-z])*$/;

/**
 * Until the returned stop is called, the next write to `stream` with something to draw, and only that one, starts
 * on an erased screen: after the begin of a synchronized update when it opens with one, so that a terminal which
 * knows the mode shows the erase and what follows at once. Ink sets the terminal up in writes of their own first:
 * they go through as they are, but for entering the alternate screen while the first frame is on it (`onIt`),
 * which clears it (tmux, xterm) and left it blank until Ink's rows came, some 75 ms later. `write` is the stream's
 * own, which the writes meanwhile must bypass.
 */
function eraseBeforeNextWrite(
  stream: FirstFrameTerminal,
  write: FirstFrameTerminal['write'],
  onIt: () => boolean,
): () => void {
  const own = Object.getOwnPropertyDescriptor(stream, 'write');
  let waiting = true;
  const stop = () => {
    if (!waiting) return;
    waiting = false;
    if (own) Object.defineProperty(stream, 'write', own);
    else delete (stream as { write?: unknown }).write;
  };
  const firstWrite: Write = (chunk, ...rest) => {
    if (typeof chunk === 'string' && controlsOnly.test(chunk)) {
      const setUp = onIt() ? chunk.replaceAll(enterAlternateScreen, '') : chunk;
      return (write as Write)(setUp, ...rest);
    }
    stop();
    if (typeof chunk !== 'string') {
      write(eraseScreen);
      return (write as Write)(chunk, ...rest);
    }
    const erased = chunk.startsWith(beginSynchronizedUpdate)
      ? beginSynchronizedUpdate + eraseScreen + chunk.slice(beginSynchronizedUpdate.length)
      : eraseScreen + chunk;
    return (write as Write)(erased, ...rest);
  };
  Object.defineProperty(stream, 'write', { value: firstWrite, configurable: true, writable: true });
  return stop;
}
