import { Engine } from '../engine/engine.ts';
import { runDashboard } from '../ui/run-dashboard.tsx';
import type { Command } from './parse-args.ts';

type DashboardCommand = Extract<Command, { command: 'dashboard' }>;

const quitSignals = ['SIGTERM', 'SIGHUP', 'SIGINT'] as const;

/** Opens the dashboard on a live engine; always stops the engine and restores the terminal on the way out. */
export async function runDashboardCommand(command: DashboardCommand): Promise<number> {
  if (!process.stdout.isTTY || !process.stdin.isTTY) {
    process.stderr.write(
      'concur-tui: the dashboard needs an interactive terminal (stdin and stdout a TTY); ' +
        'for plain output run `concur-tui bench` (e.g. concur-tui bench --workload cpu)\n',
    );
    return 1;
  }
  if (process.env.TERM === 'dumb') {
    // A dumb terminal cannot move the cursor, so every frame would be appended below the last: refuse cleanly.
    process.stderr.write(
      'concur-tui: TERM=dumb cannot draw the dashboard (it needs cursor movement); ' +
        'for plain output run `concur-tui bench` (e.g. concur-tui bench --workload cpu)\n',
    );
    return 1;
  }
  const { color, paused, ...engineOptions } = command;
  const engine = new Engine({ ...engineOptions, paused });
  const quit = new AbortController();
  let exitCode = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    exitCode = 128 + (signal === 'SIGHUP' ? 1 : signal === 'SIGINT' ? 2 : 15);
    quit.abort();
  };
  for (const signal of quitSignals) process.on(signal, onSignal);
  try {
    await engine.start();
    await runDashboard(engine, { color, signal: quit.signal });
  } finally {
    for (const signal of quitSignals) process.off(signal, onSignal);
    await engine.stop();
  }
  return exitCode;
}
