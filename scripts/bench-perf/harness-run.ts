import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { nodeBinary, repositoryRoot } from './terminal.ts';

/** The V8 flags the binary's shebang gives node (source/cli.ts), so a harness is measured as `concur-tui` runs. */
export function shebangFlags(): string[] {
  const firstLine = readFileSync(path.join(repositoryRoot, 'source/cli.ts'), 'utf8').split('\n', 1)[0] ?? '';
  const flags = /^#!\/usr\/bin\/env -S (?:\S+=\S+ )*node(.*)$/.exec(firstLine)?.[1] ?? '';
  return flags.split(/\s+/).filter(Boolean);
}

/** Runs `harness` with the binary's V8 flags and `args`, and parses the JSON of its last line of output. */
export function runJsonHarness<Result>(harness: string, args: readonly string[]): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(nodeBinary, [...shebangFlags(), harness, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      try {
        resolve(JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as Result);
      } catch {
        reject(new Error(`${path.basename(harness)} exited with code ${code}: ${stdout}`));
      }
    });
  });
}
