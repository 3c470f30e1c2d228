import path from 'node:path';
import { RecordingError, readRecording } from '../record/read-recording.ts';
import { recordingReport } from '../report/recording-report.ts';
import { reportTarget, writeReport } from '../report/write-report.ts';
import type { Command } from './command-types.ts';
import type { Output } from './run-command.ts';

type ReportCommand = Extract<Command, { command: 'report' }>;

/**
 * Writes the report of a recording. Exit code 2 when the recording cannot be read or the report cannot be
 * written (one line each), 1 when writing failed midway, 0 otherwise.
 */
export async function runReportCommand(
  command: ReportCommand,
  output: { stdout: Output; stderr: Output },
  cwd = process.cwd(),
): Promise<number> {
  // Paths as the user typed them, from the folder they typed them in.
  const target = await reportTarget(path.resolve(cwd, command.output));
  const file = path.resolve(cwd, command.file);
  if ('failure' in target) {
    output.stderr.write(`concur-tui: ${target.failure}\n`);
    return 2;
  }
  const report = target.file;
  let recording: Awaited<ReturnType<typeof readRecording>>;
  try {
    recording = await readRecording(file);
  } catch (error) {
    if (error instanceof RecordingError) {
      output.stderr.write(`concur-tui: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const { written, line } = await writeReport(recordingReport(recording, report), report);
  // Into the report itself, the line would overwrite its start.
  (written && !target.stdout ? output.stdout : output.stderr).write(
    `${written ? '' : 'concur-tui: '}${line}\n`,
  );
  return written ? 0 : 1;
}
