// What happens to the dashboard's terminal between frames: resizes, suspend (Ctrl-Z, SIGTSTP) and resume.
// Ink draws each frame as a diff against the rows it believes are on screen; after a resize or a stop that
// belief can be wrong (lines wrapped or cut by the terminal, a shell prompt drawn over the frame), and a diff
// never repairs rows it thinks are unchanged. So once the size has settled, the screen is erased by absolute
// position and the frame drawn whole. While the size keeps changing (a window edge dragged, a resize storm)
// only a one-line placeholder is drawn: a whole frame for every intermediate size is thrown away at once,
// and drawing them grew the process by ~10 MB over 300 resizes that it never gave back.

import { inForegroundGroup } from './foreground.ts';
import type { TerminalSize } from './layout.ts';
import { type AfterSignalsReceived, type JobPlace, StopRequests } from './stop-requests.ts';
import { beginSynchronizedUpdate, endSynchronizedUpdate, homeAndEraseDown } from './terminal-codes.ts';
import { readTerminalSize, sizeOf } from './terminal-size.ts';

/** What the lifecycle needs from Ink's instance. */
export type FrameControl = {
  /**
   * Re-renders the tree for `size` and commits it synchronously (Ink's `rerender`): the whole dashboard, or
   * with `whole` false a placeholder while the size keeps changing.
   */
  render(size: TerminalSize, whole: boolean): void;
  /** Makes Ink forget the frame it drew, so the next frame is written whole (Ink's `clear`). */
  forget(): void;
  /** Writes a frame that Ink's frame-rate limit holds back (Ink's `waitUntilRenderFlush`). */
  flush(): Promise<void>;
  /** Hands the terminal back: leaves the alternate screen, shows the cursor, leaves raw mode (Ink's `suspendTerminal`). */
  suspendTerminal(): Promise<{ resume(): Promise<void> }>;
};

/** The terminal: its size, 'resize' events, and where escape sequences go. */
export type TerminalStream = Pick<
  NodeJS.WriteStream,
  'columns' | 'rows' | 'write' | 'prependListener' | 'off' | 'emit'
>;

/** How the process stops itself: SIGTTOU is how shells are told it stopped for wanting the terminal. */
export type StopSignal = 'SIGSTOP' | 'SIGTTOU';

/** Where SIGTSTP and SIGCONT arrive. */
export type SignalSource = {
  on(signal: 'SIGTSTP' | 'SIGCONT', listener: () => void): unknown;
  off(signal: 'SIGTSTP' | 'SIGCONT', listener: () => void): unknown;
};

export type TerminalLifecycleOptions = {
  stdout: TerminalStream;
  frame: FrameControl;
  /** Where job-control signals arrive. @default process */
  signals?: SignalSource;
  /**
   * Stops the process: with SIGSTOP once the terminal is handed back, with SIGTTOU when continued in the background.
   * @default sends the signal to this process
   */
  stop?: (signal: StopSignal) => void;
  /** Whether the process's group owns the terminal (foreground.ts). @default read from /proc on Linux, else true */
  inForeground?: () => boolean;
  /**
   * Calls `then` once the signals the process has received have reached their listeners, just before it stops
   * (stop-requests.ts). @default after the loop's next poll phase
   */
  afterSignalsReceived?: AfterSignalsReceived;
  /** How long the size must stay the same before the screen is redrawn whole, ms. @default 120 */
  settleMs?: number;
  /** The clock, ms. @default performance.now */
  now?: () => number;
  /** Called just before the process stops itself (so the engine stops measuring). @default nothing */
  onSuspend?: () => void;
  /** Called on SIGCONT, before the frame is drawn again. @default nothing */
  onResume?: () => void;
};

/**
 * Keeps the dashboard's frame whole across resizes and suspensions, from construction until `dispose()`.
 * Construct it after Ink's instance: its resize listener must run before Ink's.
 */
export class TerminalLifecycle {
  readonly #stdout: TerminalStream;
  readonly #frame: FrameControl;
  readonly #signals: SignalSource;
  readonly #stop: (signal: StopSignal) => void;
  readonly #inForeground: () => boolean;
  readonly #stops: StopRequests;
  readonly #settleMs: number;
  readonly #now: () => number;
  #size: TerminalSize;
  #lastResizeAt = Number.NEGATIVE_INFINITY;
  #settleTimer: NodeJS.Timeout | undefined;
  #suspension: Promise<{ resume(): Promise<void> }> | undefined;
  /** Suspends and continues, each begun once the one before has finished, in the order the signals came. */
  #transitions: Promise<void> = Promise.resolve();
  #disposed = false;
  readonly #onSuspend: () => void;
  readonly #onResume: () => void;

  constructor({
    stdout,
    frame,
    signals = process,
    stop = (signal) => process.kill(process.pid, signal),
    inForeground = inForegroundGroup,
    afterSignalsReceived,
    settleMs = 120,
    now = () => performance.now(),
    onSuspend = () => {},
    onResume = () => {},
  }: TerminalLifecycleOptions) {
    this.#onSuspend = onSuspend;
    this.#onResume = onResume;
    this.#stdout = stdout;
    this.#frame = frame;
    this.#signals = signals;
    this.#stop = stop;
    this.#inForeground = inForeground;
    this.#stops = new StopRequests(afterSignalsReceived);
    this.#settleMs = settleMs;
    this.#now = now;
    this.#size = sizeOf(stdout);
    // Ahead of Ink's own listener, which redraws the committed tree at once: laid out for the old width, a
    // narrowing resize would write lines wider than the terminal, which wrap and scroll the frame.
    stdout.prependListener('resize', this.#onResize);
    signals.on('SIGTSTP', this.#onStopSignal);
    signals.on('SIGCONT', this.#onContinue);
  }

  /** The size the frame is laid out for. */
  get size(): TerminalSize {
    return this.#size;
  }

  /** Hands the terminal back to the shell and stops the process; SIGCONT brings the dashboard back. */
  suspend(): Promise<void> {
    return this.#suspendWhile(this.#stops.asked({ fromSignal: false }));
  }

  #suspendWhile(wanted: () => boolean): Promise<void> {
    return this.#then(() => this.#suspend(wanted));
  }

  /** Runs `transition` once every transition asked for before it has finished. */
  #then(transition: () => Promise<void>): Promise<void> {
    this.#transitions = this.#transitions.then(transition, transition);
    return this.#transitions;
  }

  async #suspend(wanted: () => boolean): Promise<void> {
    if (this.#disposed || this.#suspension || !wanted()) return;
    this.#suspension = this.#frame.suspendTerminal();
    try {
      await this.#suspension;
    } catch {
      this.#suspension = undefined;
      return;
    }
    // A SIGCONT read by now cancels the stop (stop-requests.ts); the continue, queued behind, takes the terminal back.
    await new Promise<void>((resolve) => this.#stops.afterSignalsReceived(resolve));
    if (this.#disposed || !wanted()) return;
    this.#onSuspend();
    this.#stop('SIGSTOP');
  }

  /** Stops listening; resumes the terminal first if it is suspended, so leaving restores it once. */
  async dispose(): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    clearTimeout(this.#settleTimer);
    this.#stdout.off('resize', this.#onResize);
    this.#signals.off('SIGTSTP', this.#onStopSignal);
    this.#signals.off('SIGCONT', this.#onContinue);
    // A suspend under way finishes first (it stops nothing once disposed), so the terminal is resumed after it.
    await this.#transitions;
    // Handed back and now in the background (a quit continued by `kill %1`): it stays the shell's, as it is.
    if (this.#suspension && !this.#inForeground()) return;
    await this.#resume();
  }

  readonly #onResize = (): void => {
    if (this.#disposed) return;
    // A resize on its own is drawn whole at once; one that follows another closely is part of a storm.
    const at = this.#now();
    const storm = at - this.#lastResizeAt < this.#settleMs;
    this.#lastResizeAt = at;
    this.#relayout(!storm);
    this.#scheduleRedraw();
  };

  readonly #onStopSignal = (): void => {
    void this.#suspendWhile(this.#stops.asked({ fromSignal: true }));
  };

  readonly #onContinue = (): void => {
    if (this.#disposed) return;
    this.#stops.continued();
    void this.#then(() => this.#continue());
  };

  async #continue(): Promise<void> {
    if (this.#disposed) return;
    if (!this.#inForeground()) {
      await this.#stayStoppedInBackground();
      return;
    }
    this.#onResume();
    const resized = readTerminalSize(this.#stdout);
    // Stopped from outside (SIGSTOP, SIGTTOU): the shell may have reset the terminal's modes meanwhile, and
    // raw mode is only set again by leaving it first.
    if (!this.#suspension) {
      this.#suspension = this.#frame.suspendTerminal();
    }
    // Resized while stopped: laid out for the size now, so that Ink's first frame back fits the terminal.
    this.#relayout(true);
    await this.#resume();
    if (this.#disposed) return;
    // Ink hears of the new size only once it has the terminal back: while suspended it would erase its old frame
    // from the shell's screen.
    if (resized) this.#stdout.emit('resize');
    this.#relayout(true);
    this.#redraw();
  }

  /** Continued in the background: it stops again, unless `fg` came meanwhile (stop-requests.ts). */
  async #stayStoppedInBackground(): Promise<void> {
    const where = await new Promise<JobPlace | undefined>((resolve) =>
      this.#stops.continuedInBackground(this.#inForeground, resolve),
    );
    // Disposed by a quit, or continued again meanwhile: that continue, queued behind, decides.
    if (this.#disposed || !where) return;
    if (where === 'foreground') {
      await this.#continue();
      return;
    }
    // Measuring already waits if the stop was ours; one from outside (SIGSTOP) is not the workload's time either.
    this.#onSuspend();
    this.#stop('SIGTTOU');
  }

  async #resume(): Promise<void> {
    const suspension = this.#suspension;
    if (!suspension) return;
    this.#suspension = undefined;
    try {
      await (await suspension).resume();
    } catch {
      // Suspending failed, so there is nothing to resume.
    }
  }

  /** Lays the tree out for the terminal's current size, if it changed: whole, or as the placeholder. */
  #relayout(whole: boolean): boolean {
    const size = sizeOf(this.#stdout);
    if (size.columns === this.#size.columns && size.rows === this.#size.rows) return false;
    this.#size = size;
    this.#frame.render(size, whole);
    return true;
  }

  #scheduleRedraw(): void {
    clearTimeout(this.#settleTimer);
    this.#settleTimer = setTimeout(this.#settled, this.#settleMs);
  }

  readonly #settled = (): void => {
    if (this.#disposed || this.#suspension) return;
    // Another resize may have come without an event yet reaching us; wait for it to settle too.
    if (this.#relayout(false)) {
      this.#scheduleRedraw();
      return;
    }
    this.#redraw();
  };

  /**
   * Erases the screen by absolute position and draws the frame whole, in one synchronized update: Ink's flush
   * yields to the event loop before it writes the frame, and on a loop busy with the workload the erased screen
   * would otherwise show on its own for as long as a task holds the loop.
   */
  #redraw(): void {
    this.#stdout.write(beginSynchronizedUpdate);
    this.#frame.forget();
    this.#stdout.write(homeAndEraseDown);
    this.#frame.render(this.#size, true);
    void this.#frame
      .flush()
      .catch(() => undefined)
      .finally(() => {
        try {
          this.#stdout.write(endSynchronizedUpdate);
        } catch {
          // The terminal is gone; a terminal ends a synchronized update on its own after a moment anyway.
        }
      });
  }
}
