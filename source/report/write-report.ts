// Writing a report and the charts beside it, with every failure a sentence rather than a stack trace.

import { constants } from 'node:fs';
import { access, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BenchResult } from '../bench/run-bench.ts';
import { benchReport } from './bench-report.ts';
import type { ReportFile } from './report-parts.ts';

/**
 * Why `file` cannot be written as a report, or undefined when it can: its folder exists and takes files, and it is
 * a file or not there yet. A report is Markdown with its charts written beside it, so not a device or a pipe:
 * `-o /dev/stdout` would put `stdout-lag.svg` and the rest into /dev.
 */
export async function writableReportPath(file: string): Promise<string | undefined> {
  const folder = path.dirname(path.resolve(file));
  const found = await stat(file).catch(() => undefined);
  if (found?.isDirectory()) return `cannot write the report ${file}: it is a folder`;
  if (found && !found.isFile())
    return `cannot write the report ${file}: it is not a file (the report's charts are written beside it)`;
  try {
    if (!(await stat(folder)).isDirectory())
      return `cannot write the report ${file}: ${folder} is not a folder`;
    await access(folder, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return `cannot write the report ${file}: ${code === 'ENOENT' ? `no folder ${folder}` : `${folder} is not writable`}`;
  }
  if (found) {
    try {
      await access(file, constants.W_OK);
    } catch {
      return `cannot write the report ${file}: it is not writable`;
    }
  }
  return undefined;
}

/** A report written, or not: the line to tell the user says where, or why not. */
export type WrittenReport = { written: boolean; line: string };

/** Writes a report's Markdown and its charts beside it. */
export async function writeReport(
  report: { markdown: string; charts: readonly ReportFile[] },
  file: string,
): Promise<WrittenReport> {
  const folder = path.dirname(path.resolve(file));
  try {
    for (const chart of report.charts) await writeFile(path.join(folder, chart.name), chart.content);
    await writeFile(file, report.markdown);
  } catch (error) {
    return { written: false, line: `could not write the report ${file}: ${(error as Error).message}` };
  }
  return { written: true, line: `report written to ${file} with ${report.charts.length} charts beside it` };
}

/** The bench's report, written. */
export function writeBenchReport(result: BenchResult, file: string): Promise<WrittenReport> {
  return writeReport(benchReport(result, file), file);
}
