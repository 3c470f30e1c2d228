import type { WorkloadFile } from '../engine/engine-options.ts';
import type { Command } from './command-types.ts';
import { escapeControls } from './escape-text.ts';
import { helpText } from './help.ts';
import { parseNumberFlag } from './number-flags.ts';
import { numberRules, optionSpecs } from './option-specs.ts';
import { parseCommandLine, UsageError } from './parse-args.ts';
import { loadWorkloadFile, looksLikeWorkloadFile, readWorkloadArgument } from './workload-argument.ts';

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
  /** Where relative workload and init paths start. @default process.cwd() */
  cwd?: string;
};

/** The first phase: the workload file `--workload` names, loaded within `--load-timeout`, or none for a built-in. */
async function workloadFileOf(
  argv: readonly string[],
  cwd: string | undefined,
): Promise<WorkloadFile | undefined> {
  const { workload, loadTimeout } = readWorkloadArgument(argv, optionSpecs);
  if (workload === undefined || !looksLikeWorkloadFile(workload)) return undefined;
  const loadTimeoutMs =
    loadTimeout === undefined
      ? undefined
      : parseNumberFlag('load-timeout', loadTimeout, numberRules['load-timeout']) * 1000;
  return loadWorkloadFile(workload, { ...(cwd ? { cwd } : {}), ...(loadTimeoutMs ? { loadTimeoutMs } : {}) });
}

/** Runs one command line and returns the exit code; user mistakes are one line on stderr and exit code 2. */
export async function runCommand(argv: readonly string[], context: RunContext): Promise<number> {
  const stdout = context.stdout ?? process.stdout;
  const stderr = context.stderr ?? process.stderr;
  let command: Command;
  try {
    const file = await workloadFileOf(argv, context.cwd);
    command = parseCommandLine(argv, context.env ?? process.env, file);
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
      stdout.write(helpText(command.workloadFile));
      return 0;
    case 'init': {
      const { writeStarterFile } = await import('./init-command.ts');
      return writeStarterFile(command.file, { stdout, stderr, ...(context.cwd ? { cwd: context.cwd } : {}) });
    }
    case 'version':
      stdout.write(`${context.version}\n`);
      return 0;
    case 'bench': {
      // Loaded on use, so --help, --version and usage errors never load the engine.
      const { runBenchCommand } = await import('./bench-command.ts');
      return runBenchCommand(command, { stdout, stderr });
    }
    case 'report': {
      const { runReportCommand } = await import('./report-command.ts');
      return runReportCommand(command, { stdout, stderr }, context.cwd);
    }
    case 'present': {
      const { runPresent, runPresentCheck } = await import('./present-command.ts');
      return command.check
        ? runPresentCheck(command, { stdout, stderr })
        : runPresent(command, { stdout, stderr });
    }
    case 'dashboard': {
      const { runDashboardCommand } = await import('./dashboard-command.ts');
      return runDashboardCommand(command, { stdout, stderr, version: context.version });
    }
    case 'replay': {
      const { runReplayCommand } = await import('./replay-command.ts');
      return runReplayCommand(command, { stdout, stderr });
    }
  }
}
