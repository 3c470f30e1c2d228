import { benchJson } from '../bench/bench-json.ts';
import { benchProblems } from '../bench/bench-problems.ts';
import { formatBenchTable } from '../bench/format-bench.ts';
import { type BenchResult, runBench } from '../bench/run-bench.ts';
import { reportTarget, type WrittenReport, writeBenchReport } from '../report/write-report.ts';
import type { Command } from './command-types.ts';
import type { Output } from './run-command.ts';

type BenchCommand = Extract<Command, { command: 'bench' }>;

/** Writes the bench's report and says where, or why not. */
async function sayReport(result: BenchResult, file: string, stderr: Output): Promise<WrittenReport> {
  const outcome = await writeBenchReport(result, file);
  stderr.write(`concur-tui: ${outcome.line}\n`);
  return outcome;
}

/**
 * Runs the bench and prints its report. Exit code 1 when a model's tasks all failed (a throughput of failures is
 * no result, and scripts must be able to tell), or when the report asked for could not be written.
 */
export async function runBenchCommand(
  command: BenchCommand,
  output: { stdout: Output; stderr: Output },
): Promise<number> {
  const { json, report: asked, color: _color, command: _command, ...options } = command;
  // A report that cannot be written is said before the bench spends its minutes, not after.
  const target = asked === undefined ? undefined : await reportTarget(asked);
  if (target && 'failure' in target) {
    output.stderr.write(`concur-tui: ${target.failure}\n`);
    return 2;
  }
  if (target?.stdout) {
    output.stderr.write(
      `concur-tui: cannot write the report ${asked}: the bench's table goes there (stdout); give the report a file of its own\n`,
    );
    return 2;
  }
  const report = target?.file;
  if (!json) {
    output.stderr.write(
      `running ${options.workloadFiles?.[0]?.workload.name ?? options.workload} under ${options.models.join(', ')}: ` +
        `${options.warmup} s warm-up and ${options.duration} s measured each, then a sweep of worker threads…\n`,
    );
  }
  const result = await runBench(options, ({ threads }) => {
    if (!json && threads !== undefined)
      output.stderr.write(`  sweep: ${threads} worker thread${threads === 1 ? '' : 's'}…\n`);
  });
  output.stdout.write(
    json ? `${JSON.stringify(benchJson(result), null, 2)}\n` : `${formatBenchTable(result)}\n`,
  );
  // A report asked for and not written (a disk that filled meanwhile) fails the command, as `report` does.
  const { written } =
    report === undefined ? { written: true } : await sayReport(result, report, output.stderr);
  const problems = benchProblems(result);
  // The table lists the problems already; with --json the reason for a failing exit goes to stderr.
  if (json) {
    for (const problem of problems) if (problem.fatal) output.stderr.write(`concur-tui: ${problem.line}\n`);
  }
  return problems.some((problem) => problem.fatal) || !written ? 1 : 0;
}
