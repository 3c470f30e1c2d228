// What `replay`, `report` and `present` read: a file or a pipe (`<(zcat run.ndjson.gz)`), never a directory or a
// device (/dev/zero never ends), and, when it cannot be read, why in a few words.
import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';

/**
 * What `file` is, and why it is not something to read (`refused`) unless it is a file, a pipe or a socket. Throws what
 * stat throws.
 */
export async function inputFile(file: string): Promise<{ found: Stats; refused?: string }> {
  const found = await stat(file);
  if (found.isDirectory()) return { found, refused: 'it is a directory' };
  if (!found.isFile() && !found.isFIFO() && !found.isSocket()) return { found, refused: 'it is not a file' };
  return { found };
}

/** A failed read in a few words: the error's code, said plainly for the common ones. */
export function readFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code;
  return reason ?? (error as Error).message;
}
