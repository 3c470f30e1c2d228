// Writing a report and the charts beside it, with every failure a sentence rather than a stack trace.

import { constants, fstatSync, type Stats } from 'node:fs';
import { access, realpath, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BenchResult } from '../bench/run-bench.ts';
import { benchReport } from './bench-report.ts';
import type { ReportFile } from './report-parts.ts';

/**
 * Where a report goes, or why it cannot; `stdout` when it is the file this process's standard output goes to
 * (`-o /dev/stdout > out.md`), where nothing else may be written: it has an offset of its own, and a line printed
 * there lands over the report's start.
 */
export type ReportTarget = { file: string; stdout: boolean } | { failure: string };

/** Whether `found` is the file behind descriptor `fd`. */
function isFileOf(fd: number, found: Stats): boolean {
  try {
    const open = fstatSync(fd);
    return open.dev === found.dev && open.ino === found.ino;
  } catch {
    return false;
  }
}

/**
 * Where the report asked for as `file` is written, or why it cannot be: its folder must exist and take files, and
 * `file` be a file or not there yet. A report is Markdown with its charts written beside it, so not a device or a
 * pipe (`-o /dev/null` would put `null-lag.svg` and the rest into /dev). A link is followed to the file it names,
 * whose folder the charts go to, so the report's links to them hold: `-o /dev/stdout` with stdout sent to
 * `out.md` writes `out.md` and `out-lag.svg` beside it.
 */
export async function reportTarget(file: string): Promise<ReportTarget> {
  const failure = (why: string) => ({ failure: `cannot write the report ${file}: ${why}` });
  const found = await stat(file).catch(() => undefined);
  if (found?.isDirectory()) return failure('it is a folder');
  if (found && !found.isFile())
    return failure("it is not a file (the report's charts are written beside it)");
  const target = found ? await realpath(file).catch(() => path.resolve(file)) : path.resolve(file);
  const folder = path.dirname(target);
  try {
    if (!(await stat(folder)).isDirectory()) return failure(`${folder} is not a folder`);
    await access(folder, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return failure(code === 'ENOENT' ? `no folder ${folder}` : `${folder} is not writable`);
  }
  if (found) {
    try {
      await access(target, constants.W_OK);
    } catch {
      return failure('it is not writable');
    }
  }
  return { file: target, stdout: found !== undefined && isFileOf(1, found) };
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
