import { formatBenchTable } from '../bench/format-bench.ts';
import { runBench } from '../bench/run-bench.ts';
import { helpText } from './help.ts';
import { type Command, parseCommandLine, UsageError } from './parse-args.ts';

export type RunContext = { version: string };

/** Runs one command line and returns the exit code; user mistakes are one line on stderr and exit code 2. */
export async function runCommand(argv: readonly string[], context: RunContext): Promise<number> {
  let command: Command;
  try {
    command = parseCommandLine(argv, process.env);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`concur-tui: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  switch (command.command) {
    case 'help':
      process.stdout.write(helpText());
      return 0;
    case 'version':
      process.stdout.write(`${context.version}\n`);
      return 0;
    case 'bench': {
      const { json, workload, models, duration, warmup, ...engineOptions } = command;
      if (!json)
        process.stderr.write(`running ${workload} under ${models.join(', ')} for ${duration} s each…\n`);
      const result = await runBench({ ...engineOptions, workload, models, duration, warmup });
      process.stdout.write(json ? `${JSON.stringify(result, null, 2)}\n` : `${formatBenchTable(result)}\n`);
      return 0;
    }
    case 'dashboard': {
      const { runDashboardCommand } = await import('./dashboard-command.ts');
      return runDashboardCommand(command);
    }
  }
}
