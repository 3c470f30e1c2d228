import { benchJson } from '../bench/bench-json.ts';
import { benchProblems } from '../bench/bench-problems.ts';
import { formatBenchTable } from '../bench/format-bench.ts';
import { runBench } from '../bench/run-bench.ts';
import { escapeControls } from './escape-text.ts';
import { helpText } from './help.ts';
import { type Command, parseCommandLine, UsageError } from './parse-args.ts';

/** Where a command writes. */
export type Output = { write(text: string): unknown };

export type RunContext = {
  version: string;
  /** Decides colour (NO_COLOR, TERM). @default process.env */
  env?: NodeJS.ProcessEnv;
  /** @default process.stdout */
  stdout?: Output;
  /** @default process.stderr */
  stderr?: Output;
};

/** Runs one command line and returns the exit code; user mistakes are one line on stderr and exit code 2. */
export async function runCommand(argv: readonly string[], context: RunContext): Promise<number> {
  const stdout = context.stdout ?? process.stdout;
  const stderr = context.stderr ?? process.stderr;
  let command: Command;
  try {
    command = parseCommandLine(argv, context.env ?? process.env);
  } catch (error) {
    if (error instanceof UsageError) {
      // The message quotes what the user typed already escaped; this catches anything that slipped through.
      stderr.write(`concur-tui: ${escapeControls(error.message)}\n`);
      return 2;
    }
    throw error;
  }
  switch (command.command) {
    case 'help':
      stdout.write(helpText());
      return 0;
    case 'version':
      stdout.write(`${context.version}\n`);
      return 0;
    case 'bench': {
      const { json, color: _color, ...options } = command;
      if (!json) {
        stderr.write(
          `running ${options.workload} under ${options.models.join(', ')}: ` +
            `${options.warmup} s warm-up and ${options.duration} s measured each…\n`,
        );
      }
      const result = await runBench(options);
      stdout.write(
        json ? `${JSON.stringify(benchJson(result), null, 2)}\n` : `${formatBenchTable(result)}\n`,
      );
      const problems = benchProblems(result);
      // The table already lists the problems; with --json the reason for a failing exit goes to stderr.
      if (json)
        for (const problem of problems) if (problem.fatal) stderr.write(`concur-tui: ${problem.line}\n`);
      return problems.some((problem) => problem.fatal) ? 1 : 0;
    }
    case 'dashboard': {
      const { runDashboardCommand } = await import('./dashboard-command.ts');
      return runDashboardCommand(command, { stdout, stderr });
    }
  }
}
