// One line for what went wrong loading a workload file, naming the file and, where Node gives one, the line.
// Node's SyntaxError from `import()` of a JavaScript file carries no location (it prints one only when uncaught,
// from an internal symbol), so the line comes from `node --check` on that file, run only once it has failed.

import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { messageOf } from './notices.ts';
import { bareFileUrl, workloadFileName } from './workload-file-name.ts';

/** `name:line` when the error's stack points into the file (a throw at import, a TypeScript syntax error). */
function lineFromStack(error: unknown, file: string, url: string): number | undefined {
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  const bareUrl = bareFileUrl(url);
  for (const line of stack.split('\n')) {
    for (const place of [bareUrl, file]) {
      const at = line.indexOf(`${place}:`);
      if (at === -1) continue;
      const match = /^:(\d+)/.exec(line.slice(at + place.length));
      if (match) return Number(match[1]);
    }
  }
  return undefined;
}

/** The line `node --check` names for a syntax error in `file`, if it names one in that file. */
function lineFromCheck(file: string): Promise<number | undefined> {
  const typescript = /\.m?ts$/.test(file);
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      typescript ? ['--check', '--input-type=module'] : ['--check', file],
      { timeout: 5000, encoding: 'utf8' },
      (_error, _stdout, stderr) => {
        const first = String(stderr).split('\n')[0] ?? '';
        const match = /:(\d+)$/.exec(first);
        resolve(match && (typescript || first.startsWith(file)) ? Number(match[1]) : undefined);
      },
    );
    if (typescript) {
      // Stripping replaces types with spaces, so the lines stay where they were.
      void import('node:module')
        .then(async (nodeModule) => {
          const source = await readFile(file, 'utf8');
          const strip = (nodeModule as { stripTypeScriptTypes?: (code: string) => string })
            .stripTypeScriptTypes;
          child.stdin?.end(strip ? strip(source) : source);
        })
        .catch(() => child.stdin?.end(''));
    }
  });
}

/** The one-line error for a failed `import()` of the workload file at `url`. */
export async function describeImportFailure(url: string, error: unknown): Promise<string> {
  const name = workloadFileName(url);
  const bareUrl = bareFileUrl(url);
  let file = '';
  try {
    file = fileURLToPath(bareUrl);
  } catch {}
  const code = (error as { code?: unknown } | null)?.code;
  // A multi-line message (some loaders add the source and a caret) keeps its first line.
  const message = messageOf(error);
  // The file itself is missing (not one of its imports): the message names it, as a path or as a URL.
  if (
    code === 'ERR_MODULE_NOT_FOUND' &&
    file !== '' &&
    (message.includes(`'${file}'`) || message.includes(`'${bareUrl}'`))
  ) {
    return `cannot load workload file ${name}: not found`;
  }
  if (code === 'ERR_UNKNOWN_FILE_EXTENSION') {
    return `cannot load workload file ${name}: Node ${process.versions.node} cannot import this kind of file (${message})`;
  }
  const isSyntax = error instanceof SyntaxError || (error as Error | null)?.name === 'SyntaxError';
  let line = lineFromStack(error, file, url);
  if (line === undefined && isSyntax && file !== '') line = await lineFromCheck(file);
  const where = line === undefined ? name : `${name}:${line}`;
  if (isSyntax) return `cannot load workload file ${where}: syntax error: ${message}`;
  const kind = error instanceof Error && error.name !== 'Error' ? `${error.name}: ` : '';
  return `cannot load workload file ${where}: it threw ${kind}${message}`;
}
