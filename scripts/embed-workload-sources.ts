// The package ships only dist/, so the built-in workloads' files are not on a user's disk: the build puts each
// one's text, comments and all, into the bundle, for the dashboard's `c` (source/workload-source/builtin-sources.ts).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The identifier the bundle's define replaces with the texts (as one JSON string). */
export const workloadSourcesIdentifier = '__CONCUR_TUI_WORKLOAD_SOURCES__';

/** Each workload file of `directory` by its name without `.ts` (the built-in's name), its text as written. */
export function readWorkloadSources(directory = 'workloads'): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const file of readdirSync(directory).sort()) {
    if (!file.endsWith('.ts') || file === 'index.ts') continue;
    texts[path.basename(file, '.ts')] = readFileSync(path.join(directory, file), 'utf8');
  }
  return texts;
}

/** esbuild's `define` entry that embeds the texts: a JSON string, parsed only when `c` first asks for one. */
export function workloadSourcesDefine(directory = 'workloads'): Record<string, string> {
  return { [workloadSourcesIdentifier]: JSON.stringify(JSON.stringify(readWorkloadSources(directory))) };
}
