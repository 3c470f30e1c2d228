// Imported for its effect, once per thread and process that runs workloads: serves a reloaded workload file's
// pinned source. A reload's specifier (`file:///a/task.js?v=2&pin=/tmp/…`) names a copy of the source taken when
// the reload was checked, so a thread or process that first imports that version later still gets that code,
// not whatever the file holds by then (perhaps a broken save). The URL stays the file's, so its relative
// imports resolve from its own directory. Without `module.registerHooks` (Node before 22.15) files load as saved.

import { readFileSync } from 'node:fs';
import * as nodeModule from 'node:module';

/** The path of the pinned source a specifier names, if it names one. */
export function pinnedSourceOf(url: string): string | undefined {
  const query = url.indexOf('?');
  if (query < 0 || !url.startsWith('file:')) return undefined;
  return new URLSearchParams(url.slice(query + 1)).get('pin') ?? undefined;
}

function formatOf(url: string): 'module' | 'module-typescript' {
  const path = url.slice(0, url.indexOf('?'));
  return /\.m?ts$/.test(path) ? 'module-typescript' : 'module';
}

type LoadHook = (
  url: string,
  context: unknown,
  nextLoad: (url: string, context: unknown) => unknown,
) => unknown;
const registerHooks = (nodeModule as { registerHooks?: (hooks: { load: LoadHook }) => unknown })
  .registerHooks;

registerHooks?.({
  load(url, context, nextLoad) {
    const pinned = pinnedSourceOf(url);
    if (pinned === undefined) return nextLoad(url, context);
    return { format: formatOf(url), source: readFileSync(pinned), shortCircuit: true };
  },
});
