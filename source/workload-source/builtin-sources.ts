// The text of each built-in workload's file, as written (comments are what the audience reads). The bundle holds
// them (scripts/embed-workload-sources.ts): the package ships only dist/, not workloads/. Run from the source
// tree (tests), they are read from workloads/ instead.

import { readFileSync } from 'node:fs';

// Replaced by the build with a JSON string; undeclared (typeof 'undefined') when run from the source tree.
declare const __CONCUR_TUI_WORKLOAD_SOURCES__: string | undefined;

/** Where a built-in's file lives in the project, as the overlay's title names it. */
export function builtinSourcePath(name: string): string {
  return `workloads/${name}.ts`;
}

let embedded: Record<string, string> | undefined | null = null;

/** The embedded texts, parsed once; undefined when this code was not bundled by the build. */
export function embeddedSources(): Record<string, string> | undefined {
  if (embedded === null) {
    embedded =
      typeof __CONCUR_TUI_WORKLOAD_SOURCES__ === 'string'
        ? (JSON.parse(__CONCUR_TUI_WORKLOAD_SOURCES__) as Record<string, string>)
        : undefined;
  }
  return embedded;
}

/** The text of built-in workload `name`'s file, or undefined when there is no such built-in. */
export function builtinSource(name: string): string | undefined {
  const texts = embeddedSources();
  if (texts) return Object.hasOwn(texts, name) ? texts[name] : undefined;
  if (!/^[a-z][a-z0-9-]*$/.test(name) || name === 'index') return undefined;
  try {
    return readFileSync(new URL(`../../${builtinSourcePath(name)}`, import.meta.url), 'utf8');
  } catch {
    return undefined;
  }
}
