import { closeSync } from 'node:fs';
import chalk from 'chalk';
import { Engine } from '../engine/engine.ts';
import { pinWorkloadFile } from '../engine/workload-reload-pins.ts';
import { watchWorkloadFile } from '../engine/workload-watch.ts';
import { RecordingHandle } from '../record/recording-handle.ts';
import { openRecordingPath } from '../record/recording-writer.ts';
import { type DrawnFirstFrame, drawFirstFrame, processJobControl } from '../ui/first-frame.ts';
import { inForegroundGroup, untilForeground } from '../ui/foreground.ts';
import { sizeOf } from '../ui/terminal-size.ts';
import type { Command } from './command-types.ts';
import { formatFinalScoreboard } from './final-scoreboard.ts';
import { exitCodeFor, quitSignalFrom, withQuitSignals } from './quit-signals.ts';
import type { Output } from './run-command.ts';

type DashboardCommand = Extract<Command, { command: 'dashboard' }>;

/** The final scoreboard's width: the terminal's, one column spare as the dashboard keeps, so no line wraps. */
const scoreboardWidth = () => (process.stdout.isTTY ? process.stdout.columns - 1 : undefined);

/** Why this terminal cannot hold the dashboard, if it cannot. */
function terminalRefusal(): string | undefined {
  const plainOutput = 'for plain output run `concur-tui bench` (e.g. concur-tui bench --workload cpu)';
  if (!process.stdout.isTTY || !process.stdin.isTTY) {
    return `the dashboard needs an interactive terminal (stdin and stdout a TTY); ${plainOutput}`;
  }
  // A dumb terminal cannot move the cursor, so every frame would be appended below the last: refuse cleanly.
  if (process.env.TERM === 'dumb')
    return `TERM=dumb cannot draw the dashboard (it needs cursor movement); ${plainOutput}`;
  return undefined;
}

/**
 * Opens the dashboard on a live engine; always stops the engine and restores the terminal on the way out, then
 * prints the final scoreboard on the normal screen so the results stay in the terminal.
 */
export async function runDashboardCommand(
  command: DashboardCommand,
  output: { stdout: Output; stderr: Output; version?: string },
): Promise<number> {
  // An unwritable recording path is a mistake in the command line: said before anything starts.
  const opened = command.record === undefined ? undefined : openRecordingPath(command.record);
  if (opened && 'failure' in opened) {
    output.stderr.write(`concur-tui: ${opened.failure}\n`);
    return 2;
  }
  const refusal = terminalRefusal();
  if (refusal) {
    if (opened) closeSync(opened.fd);
    output.stderr.write(`concur-tui: ${refusal}\n`);
    return 1;
  }
  const { color, paused, watch, record, ...engineOptions } = command;
  const file = engineOptions.workloadFiles?.[0];
  if (watch && file) {
    // The version started with is pinned, so a pool thread that first imports it after a broken save still runs it.
    const pinned = await pinWorkloadFile(file.url, 1).catch(() => file.url);
    engineOptions.workloadFiles = [{ ...file, url: pinned }];
  }
  const engine = new Engine({ ...engineOptions, paused });
  // The dashboard sees the engine through the recording handle: `--record` and the key record through it.
  const handle = new RecordingHandle(engine, {
    ...(record === undefined ? {} : { file: record }),
    ...(opened ? { fd: opened.fd } : {}),
    ...(output.version ? { version: output.version } : {}),
  });
  let watching: { stop(): void } | undefined;
  let watchError: string | undefined;
  let firstFrame: DrawnFirstFrame | undefined;
  // The handlers stay until the engine has stopped: a second signal meanwhile must not kill the process.
  const quitSignal = await withQuitSignals(async (quit) => {
    try {
      // Tasks start once the dashboard has drawn: a cpu workload on the loop would slow Ink's loading down.
      await engine.start({ holdTasks: true });
      if (watch && file) {
        // By the file's own URL, not the pinned copy's: reloads are asked for by file. A failed reload is a notice
        // on screen (the last good version runs on); a watcher that fails is said on exit.
        watching = watchWorkloadFile(engine, file.url, { onError: (line) => (watchError = line) });
      }
      // Started in the background (`concur-tui &`), nothing touches the terminal before `fg` gives it to us.
      await untilForeground(quit);
      // The first frame goes on the screen before Ink, React and Yoga load (first-frame.ts): most of the start.
      if (!quit.aborted) {
        firstFrame = drawFirstFrame(
          process.stdout,
          process.stdin,
          {
            snapshot: handle.latest() ?? engine.snapshotNow(),
            size: sizeOf(process.stdout),
            color: color && chalk.level > 0,
            workloadCount: handle.workloads.length,
          },
          {
            ...processJobControl,
            // The time spent stopped is not the workload's, as once the dashboard is drawn (terminal-lifecycle.ts).
            onSuspend: () => handle.dispatch({ type: 'suspendMeasuring' }),
            onResume: () => handle.dispatch({ type: 'resumeMeasuring' }),
          },
        );
      }
      try {
        const { runDashboard } = await import('../ui/run-dashboard.tsx');
        await runDashboard(handle, {
          color,
          signal: quit,
          firstFrame,
          // Should a task hold the loop for good, a quit ends the process from another thread, with these numbers.
          parting: () => {
            const snapshot = handle.latest();
            return snapshot && formatFinalScoreboard(snapshot, scoreboardWidth());
          },
          // The machine's details come from a worker thread that spawns lscpu: only once the dashboard is drawn.
          onFirstFrame: () => {
            engine.releaseTasks();
            void engine.describeMachine();
            engine.warmUp();
          },
        });
      } finally {
        // Ink never took the terminal over (a quit, or a failure to load or draw): give it back as it was.
        firstFrame?.restore();
      }
      // The numbers as the user last saw them, printed before stopping cancels what is in flight. After a
      // hang-up there is no terminal left to keep them in; killed in the background (`kill %1` on a stopped job),
      // the terminal is the shell's, and writing to it could stop the process (stty tostop).
      const scoreboard =
        quitSignalFrom(quit) === 'SIGHUP' || !inForegroundGroup()
          ? undefined
          : formatFinalScoreboard(engine.snapshotNow(), scoreboardWidth());
      if (scoreboard) output.stdout.write(scoreboard);
    } finally {
      // Within the quit budget: what is queued is written and the file closed before the engine stops.
      await handle.close();
      watching?.stop();
      if (watchError) output.stderr.write(`concur-tui: ${watchError}\n`);
      await engine.stop();
    }
  });
  return quitSignal ? exitCodeFor(quitSignal) : 0;
}
