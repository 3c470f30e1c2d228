// How a workload file is named to users: by its path (without the query a reload adds), or its file name.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KnobSpec } from './types.ts';

/** The file's URL without the query a reload adds (`file:///a/task.js?v=2&pin=…` → `file:///a/task.js`). */
export function bareFileUrl(specifier: string): string {
  return specifier.replace(/[?#].*$/, '');
}

/** The path a `file:` URL names, without the query a reload adds (`?v=3`), relative to the cwd when under it. */
export function workloadFileName(url: string): string {
  const bare = bareFileUrl(url);
  let file: string;
  try {
    file = fileURLToPath(bare);
  } catch {
    return bare;
  }
  const relative = path.relative(process.cwd(), file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)
    ? `.${path.sep}${relative}`
    : file;
}

/** What a snapshot says of a workload besides its name: its knobs' specs and, for a file, the file's name. */
export function workloadFileFields(entry: { specifier: string; workload: { knobs: readonly KnobSpec[] } }): {
  knobSpecs: readonly KnobSpec[];
  file?: string;
  path?: string;
} {
  const { specifier, workload } = entry;
  if (!specifier.startsWith('file:')) return { knobSpecs: workload.knobs };
  const fields = { knobSpecs: workload.knobs, file: path.basename(workloadFileName(specifier)) };
  try {
    return { ...fields, path: fileURLToPath(bareFileUrl(specifier)) };
  } catch {
    return fields;
  }
}
