import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { quoteValue } from './escape-text.ts';
import type { Output } from './run-command.ts';
import { starterWorkload } from './starter-workload.ts';

/** `concur-tui init [file]`: writes the starter workload; never overwrites a file (exit code 2, one line). */
export async function writeStarterFile(
  file: string,
  output: { stdout: Output; stderr: Output; cwd?: string },
): Promise<number> {
  const target = path.resolve(output.cwd ?? process.cwd(), file);
  try {
    await writeFile(target, starterWorkload, { flag: 'wx' });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const why =
      code === 'EEXIST'
        ? 'already exists: init never overwrites a file (give another name: concur-tui init ./other-task.js)'
        : `cannot be written (${error instanceof Error ? error.message : String(error)})`;
    output.stderr.write(`concur-tui: ${quoteValue(file)} ${why}\n`);
    return 2;
  }
  const shown = file.includes('/') || file.includes('\\') ? file : `./${file}`;
  output.stdout.write(
    `wrote ${shown}: a workload that runs as it is. Try it:\n` +
      `  concur-tui --workload ${shown}\n  concur-tui bench --workload ${shown}\n`,
  );
  return 0;
}
