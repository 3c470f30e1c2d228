import chalk from 'chalk';
import { Box, type Instance, render, type SuspendTerminal, Text, useApp } from 'ink';
import { useLayoutEffect } from 'react';
import type { EngineHandle } from '../engine/engine-handle.ts';
import { App } from './app.tsx';
import type { DrawnFirstFrame } from './first-frame.ts';
import { dashboardInkOptions } from './ink-options.ts';
import type { TerminalSize } from './layout.ts';
import { type QuitGuard, startQuitGuard } from './quit-guard.ts';
import { leaveAlternateScreen, showCursor } from './terminal-codes.ts';
import { type StopSignal, TerminalLifecycle } from './terminal-lifecycle.ts';
import { sizeOf } from './terminal-size.ts';

export type RunDashboardOptions = {
  /**
   * Whether to paint colours; false for NO_COLOR / --no-color. Where chalk's level is 0 (CI set, FORCE_COLOR=0,
   * `--no-color` among the arguments, output not a terminal) Ink draws no style at all, inverse video included,
   * so the views draw as without colour then too: their meaning in glyphs.
   */
  color: boolean;
  /** Where to draw. @default process.stdout */
  stdout?: NodeJS.WriteStream;
  /** Where keys come from. @default process.stdin */
  stdin?: NodeJS.ReadStream;
  /** Aborting it closes the dashboard as if the user had quit (e.g. on SIGTERM). @default none */
  signal?: AbortSignal;
  /** Called once the first frame is on the screen, e.g. to start work that must not delay it. @default none */
  onFirstFrame?: () => void;
  /**
   * A frame drawn before Ink loaded (first-frame.ts), handed over once Ink owns the terminal; until then it is
   * the caller's to give back. @default none
   */
  firstFrame?: Pick<DrawnFirstFrame, 'beforeInk' | 'handOver'>;
  /**
   * Stops the process: with SIGSTOP once a Ctrl-Z has handed the terminal back, with SIGTTOU when continued in the
   * background. @default sends the signal to this process
   */
  stopProcess?: (signal: StopSignal) => void;
  /**
   * What to print if a quit while a task holds the loop for good ends the process (quit-guard.ts): the final
   * scoreboard, made now and every second. @default nothing
   */
  parting?: () => string | undefined;
};

/**
 * Draws the dashboard full-screen on the alternate screen until the user quits (`q` or Ctrl-C), then
 * restores the terminal. The engine keeps running; stopping it is the caller's job.
 */
export async function runDashboard(handle: EngineHandle, options: RunDashboardOptions): Promise<void> {
  const stdout = options.stdout ?? process.stdout;
  const color = options.color && chalk.level > 0;
  const stdin = options.stdin ?? process.stdin;
  let onQuit = () => {};
  const quit = new Promise<void>((resolve) => {
    onQuit = resolve;
  });
  if (options.signal?.aborted) return;
  options.signal?.addEventListener('abort', onQuit, { once: true });
  let instance: Instance | undefined;
  let lifecycle: TerminalLifecycle | undefined;
  let guard: QuitGuard | undefined;
  const suspend = () => void lifecycle?.suspend();
  // Ink's `suspendTerminal` arrives once the tree has committed, a moment after render() returns: a stop that
  // comes in between waits for it instead of being dropped (the process would go on running with the terminal).
  let terminalReady: (suspend: SuspendTerminal) => void = () => undefined;
  const terminal = new Promise<SuspendTerminal>((resolve) => {
    terminalReady = resolve;
  });
  const onTerminal = (ink: SuspendTerminal) => {
    terminalReady(ink);
  };
  // While the size keeps changing the dashboard stays mounted (its view state, e.g. the help, survives) but
  // hidden, laid out for the last whole size, and a one-line placeholder is drawn instead.
  let wholeSize = sizeOf(stdout);
  const app = (size: TerminalSize, whole = true) => {
    if (whole) wholeSize = size;
    return (
      <>
        <Box display={whole ? 'flex' : 'none'}>
          <App handle={handle} color={color} onQuit={onQuit} onSuspend={suspend} size={wholeSize} />
        </Box>
        {whole ? null : <Text wrap="truncate">{`resizing… ${size.columns}×${size.rows}`}</Text>}
        <TerminalAccess onReady={onTerminal} />
      </>
    );
  };
  try {
    // Ink draws a newer snapshot than the first frame, over it: its first write starts on an erased screen.
    options.firstFrame?.beforeInk();
    instance = render(app(wholeSize), { stdout, stdin, ...dashboardInkOptions(stdout.isTTY === true) });
    const drawn: Instance = instance;
    // The first frame is written during render(); the flush makes sure it left Ink before anything else starts.
    drawn.waitUntilRenderFlush().then(
      () => options.onFirstFrame?.(),
      () => undefined,
    );
    if (stdout.isTTY) {
      lifecycle = new TerminalLifecycle({
        stdout,
        ...(options.stopProcess ? { stop: options.stopProcess } : {}),
        // The time spent stopped is not the workload's: no lag, no freeze, no row counts it.
        onSuspend: () => handle.dispatch({ type: 'suspendMeasuring' }),
        onResume: () => handle.dispatch({ type: 'resumeMeasuring' }),
        frame: {
          render: (size, whole) => drawn.rerender(app(size, whole)),
          forget: () => drawn.clear(),
          flush: () => drawn.waitUntilRenderFlush(),
          suspendTerminal: () => terminal.then((suspend) => suspend()),
        },
      });
    }
    // q and Ctrl-C quit even while a task holds the event loop (quit-guard.ts); a terminal of its own, not a test's.
    const stdinFd = descriptorOf(stdin);
    const stdoutFd = descriptorOf(stdout);
    if (stdin.isTTY && stdout.isTTY && stdinFd !== undefined && stdoutFd !== undefined) {
      guard = startQuitGuard({
        stdin,
        fds: { stdin: stdinFd, stdout: stdoutFd, stderr: 2 },
        ...(options.parting ? { parting: options.parting } : {}),
      });
    }
    // Only now, with the lifecycle listening: a stop caught while Ink loaded and drawn is delivered to whoever
    // listens when it is handled, and no listener at all for a moment would drop it (the process would go on).
    // A stop that came while Ink loaded, not yet taken, is the lifecycle's to take now that Ink owns the terminal.
    if (options.firstFrame?.handOver()) void lifecycle?.suspend();
    // An error thrown while rendering makes Ink unmount and reject `waitUntilExit`.
    await Promise.race([quit, instance.waitUntilExit()]);
  } catch (error) {
    if (!instance && !options.firstFrame && stdout.isTTY) stdout.write(leaveAlternateScreen + showCursor);
    throw error;
  } finally {
    options.signal?.removeEventListener('abort', onQuit);
    // The lifecycle is disposed in this same turn: a continue in the background decided a turn later must find the
    // quit under way, or it stops the process halfway through it (terminal-lifecycle.ts).
    const guardStopped = guard?.stop();
    await lifecycle?.dispose();
    await guardStopped;
    if (instance) {
      instance.unmount();
      await instance.waitUntilExit().catch(() => undefined);
    }
  }
}

/** The file descriptor under a terminal stream (tty.ReadStream, tty.WriteStream), if it has one. */
function descriptorOf(stream: NodeJS.ReadStream | NodeJS.WriteStream): number | undefined {
  const { fd } = stream as { fd?: unknown };
  return typeof fd === 'number' ? fd : undefined;
}

/** Hands Ink's `suspendTerminal`, which only components can reach, to the lifecycle outside the tree. */
function TerminalAccess({ onReady }: { onReady: (suspend: SuspendTerminal) => void }) {
  const { suspendTerminal } = useApp();
  useLayoutEffect(() => onReady(suspendTerminal), [onReady, suspendTerminal]);
  return null;
}
