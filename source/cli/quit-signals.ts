// What a full-screen command needs of the process: a terminal at both ends, and the signals that ask it to quit
// (SIGTERM, SIGHUP, SIGINT) turned into a quit of the dashboard, which restores the terminal on the way out.

/** Whether the dashboard can be drawn: stdin and stdout a TTY, and a terminal that can move the cursor. */
export function interactiveTerminal(): boolean {
  return process.stdout.isTTY === true && process.stdin.isTTY === true && process.env.TERM !== 'dumb';
}

const quitSignals = ['SIGTERM', 'SIGHUP', 'SIGINT'] as const;

/** Runs `body` with a signal that any quit signal aborts; the handlers are removed once it settles. */
export async function withQuitSignals<T>(body: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const quit = new AbortController();
  const onSignal = () => quit.abort();
  for (const signal of quitSignals) process.on(signal, onSignal);
  try {
    return await body(quit.signal);
  } finally {
    for (const signal of quitSignals) process.off(signal, onSignal);
  }
}
