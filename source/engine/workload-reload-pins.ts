// Copies of a workload file's source, one per version, that every thread and process imports that version from
// (workload-reload-hook.ts). They live in one directory per process, removed when the process exits.

import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import './workload-reload-hook.ts';

let directory: Promise<string> | undefined;

function pinDirectory(): Promise<string> {
  directory ??= (async () => {
    const path = join(tmpdir(), `concur-tui-pins-${process.pid}`);
    await mkdir(path, { recursive: true });
    process.once('exit', () => rmSync(path, { recursive: true, force: true }));
    return path;
  })();
  return directory;
}

/**
 * Reads the file at `file` now (asynchronously) and returns the specifier of that content as attempt `attempt`:
 * `<file>?v=<attempt>&pin=<copy>`. Rejects with the read's error when the file cannot be read.
 */
export async function pinWorkloadFile(file: string, attempt: number): Promise<string> {
  const source = await readFile(fileURLToPath(file));
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 24);
  const copy = join(await pinDirectory(), `${hash}${extname(fileURLToPath(file))}`);
  await writeFile(copy, source);
  return `${file}?v=${attempt}&pin=${encodeURIComponent(copy)}`;
}
