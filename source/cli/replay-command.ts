import { RecordingError, readRecording } from '../record/read-recording.ts';
import { ReplaySource } from '../record/replay-source.ts';
import { untilForeground } from '../ui/foreground.ts';
import { runDashboard } from '../ui/run-dashboard.tsx';
import type { Command } from './command-types.ts';
import { escapeControls } from './escape-text.ts';
import { exitCodeFor, interactiveTerminal, type QuitSignal, withQuitSignals } from './quit-signals.ts';
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
  if (!interactiveTerminal()) {
    output.stderr.write(
      'concur-tui: a replay needs an interactive terminal (stdin and stdout a TTY, TERM not dumb)\n',
    );
    return 1;
  }
  let quitSignal: QuitSignal | undefined;
  try {
    source.start();
    quitSignal = await withQuitSignals(async (signal) => {
      // Started in the background (`&`), nothing touches the terminal before `fg` gives it to us.
      await untilForeground(signal);
      await runDashboard(source, { color: command.color, signal });
    });
  } finally {
    source.stop();
  }
  return quitSignal ? exitCodeFor(quitSignal) : 0;
}
