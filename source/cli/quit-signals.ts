// What a full-screen command needs of the process: a terminal at both ends, and the signals that ask it to quit
// (SIGTERM, SIGHUP, SIGINT) turned into a quit of the dashboard, which restores the terminal on the way out.

/** Whether the dashboard can be drawn: stdin and stdout a TTY, and a terminal that can move the cursor. */
export function interactiveTerminal(): boolean {
  return process.stdout.isTTY === true && process.stdin.isTTY === true && process.env.TERM !== 'dumb';
}

export const quitSignals = ['SIGTERM', 'SIGHUP', 'SIGINT'] as const;

export type QuitSignal = (typeof quitSignals)[number];

const signalNumbers: Record<QuitSignal, number> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

/** The exit code of a process that quit on `signal`, as shells report one killed by it: 128 + its number. */
export function exitCodeFor(signal: QuitSignal): number {
  return 128 + signalNumbers[signal];
}

/** The quit signal an exit code stands for (`exitCodeFor` reversed), if any. */
export function quitSignalOf(code: number): QuitSignal | undefined {
  return quitSignals.find((signal) => exitCodeFor(signal) === code);
}

/**
 * Runs `body` with a signal that any quit signal aborts, the first such signal's name its reason (`quitSignalFrom`);
 * the handlers are removed once it settles. Resolves with the quit signal that came, if one did.
 */
export async function withQuitSignals(
  body: (signal: AbortSignal) => Promise<unknown>,
): Promise<QuitSignal | undefined> {
  const quit = new AbortController();
  let received: QuitSignal | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    received ??= signal as QuitSignal;
    quit.abort(received);
  };
  for (const signal of quitSignals) process.on(signal, onSignal);
  try {
    await body(quit.signal);
    return received;
  } finally {
    for (const signal of quitSignals) process.off(signal, onSignal);
  }
}

/** The quit signal that aborted `signal` (one from `withQuitSignals`), if one has. */
export function quitSignalFrom(signal: AbortSignal): QuitSignal | undefined {
  return signal.aborted ? quitSignals.find((name) => name === signal.reason) : undefined;
}
