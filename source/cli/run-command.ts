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
      // Loaded on use, so --help, --version and usage errors never load the engine.
      const { runBenchCommand } = await import('./bench-command.ts');
      return runBenchCommand(command, { stdout, stderr });
    }
    case 'dashboard': {
      const { runDashboardCommand } = await import('./dashboard-command.ts');
      return runDashboardCommand(command, { stdout, stderr });
    }
  }
}
