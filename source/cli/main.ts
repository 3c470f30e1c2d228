// The command line proper, loaded by the entry (source/cli.ts) once it has checked the Node version.

import packageJson from '../../package.json' with { type: 'json' };
import { escapeControls } from './escape-text.ts';
import { exitWhenFlushed, guardOutput } from './process-exit.ts';
import { runCommand } from './run-command.ts';

guardOutput();
let code: number;
try {
  code = await runCommand(process.argv.slice(2), { version: packageJson.version });
} catch (error) {
  // Something the environment refused (a port, a thread, a descriptor): one line, not a stack trace.
  process.stderr.write(
    `concur-tui: ${escapeControls(error instanceof Error ? error.message : String(error))}\n`,
  );
  code = 1;
}
await exitWhenFlushed(code);
