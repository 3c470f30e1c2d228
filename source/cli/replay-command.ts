import chalk from 'chalk';
import { RecordingError, readRecording } from '../record/read-recording.ts';
import { ReplaySource } from '../record/replay-source.ts';
import { runDashboard } from '../ui/run-dashboard.tsx';
import { escapeControls } from './escape-text.ts';
import type { Command } from './parse-args.ts';
import type { Output } from './run-command.ts';

type ReplayCommand = Extract<Command, { command: 'replay' }>;

/**
 * Replays a recording in the dashboard, at the terminal's size. A file that is not a recording, or of a newer
 * schema, is one line and exit code 2, before anything is drawn.
 */
export async function runReplayCommand(
  command: ReplayCommand,
  output: { stdout: Output; stderr: Output },
): Promise<number> {
  let source: ReplaySource;
  try {
    source = new ReplaySource(await readRecording(command.file));
  } catch (error) {
    if (!(error instanceof RecordingError)) throw error;
    output.stderr.write(`concur-tui: ${escapeControls(error.message)}\n`);
    return 2;
  }
  if (!process.stdout.isTTY || !process.stdin.isTTY || process.env.TERM === 'dumb') {
    output.stderr.write(
      'concur-tui: a replay needs an interactive terminal (stdin and stdout a TTY, TERM not dumb)\n',
    );
    return 1;
  }
  const quit = new AbortController();
  const onSignal = () => quit.abort();
  const signals = ['SIGTERM', 'SIGHUP', 'SIGINT'] as const;
  for (const signal of signals) process.on(signal, onSignal);
  try {
    source.start();
    await runDashboard(source, { color: command.color && chalk.level > 0, signal: quit.signal });
  } finally {
    source.stop();
    for (const signal of signals) process.off(signal, onSignal);
  }
  return 0;
}
