// A save of the workload file, taken up while the engine runs: the new version is pinned (its source copied, so
// every thread gets this code however late it imports it), imported on the main thread and checked (the same
// import and contract check every model uses) before anything switches to it, so a broken save keeps the last
// good version running, with one line saying why.

import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadWorkload, resolveKnobs } from '../../workloads/index.ts';
import { now } from './clock.ts';
import type { Services } from './engine-options.ts';
import { messageOf, type Notices } from './notices.ts';
import type { SettingChanges } from './setting-changes.ts';
import type { Knobs, Workload } from './types.ts';
import type { CatalogueEntry, WorkloadCatalogue } from './workload-catalogue.ts';
import { workloadFileName } from './workload-file-name.ts';
import { pinWorkloadFile } from './workload-reload-pins.ts';

/** What a reload reads and changes. */
export type ReloadParts = {
  catalogue: WorkloadCatalogue;
  settings: SettingChanges;
  services: Services;
  notices: Notices;
  knobOverrides: Partial<Knobs>;
  /** Whether the engine has stopped meanwhile: then nothing changes. */
  stopped(): boolean;
  /** The bound on importing the new version, ms. @default defaultLoadTimeoutMs (workloads/index.ts) */
  loadTimeoutMs?: number;
};

/**
 * Each attempt imports a specifier never used before: an import that failed is cached as failed under its URL,
 * so a fixed save must not reuse the broken save's query. The version users see counts good versions only.
 */
const attempts = new Map<string, number>();

function nextAttempt(entry: CatalogueEntry & { file: string }): number {
  const attempt = Math.max(attempts.get(entry.file) ?? 1, entry.version ?? 1) + 1;
  attempts.set(entry.file, attempt);
  return attempt;
}

/**
 * Imports the newest code of the workload file at `url` (the current workload when undefined), checks it and
 * resolves its knobs with the user's overrides, then puts it in the catalogue in the old version's place and,
 * when it is the running workload, switches new tasks to it (settings.reload: a new measurement). Never
 * rejects: whatever fails leaves the last good version running, with a notice naming the file.
 */
export async function reloadWorkloadFile(url: string | undefined, parts: ReloadParts): Promise<void> {
  const { catalogue, settings, notices } = parts;
  const entry = url === undefined ? settings.current.workload : catalogue.findFile(url);
  if (!entry?.file) {
    const what = url === undefined ? 'the workload is built in' : `no workload file ${url}`;
    notices.post(now(), 'info', `nothing to reload: ${what}`);
    return;
  }
  const file = entry.file;
  const name = basename(workloadFileName(file));
  const version = (entry.version ?? 1) + 1;
  let workload: Workload;
  let knobs: Knobs;
  let specifier = file;
  try {
    // The source as saved now, pinned: every thread and process that runs this version gets this code.
    specifier = await pinWorkloadFile(file, nextAttempt({ ...entry, file }));
    workload = await loadWorkload(specifier, parts.loadTimeoutMs);
    // A knob the new version dropped goes with it; an override out of the new range keeps the old version.
    knobs = resolveKnobs(workload, parts.knobOverrides);
    await parts.services.prepare(workload);
    if (parts.stopped()) return;
    const next: CatalogueEntry = { specifier, workload, file, version };
    const running = settings.current.workload === catalogue.findFile(file);
    catalogue.replace(next);
    if (running) settings.reload(next, knobs, name);
  } catch (error) {
    if (parts.stopped()) return;
    // The specifier's query (version, pinned copy) means nothing to users: the file's path says which file.
    const why = messageOf(error).replaceAll(specifier, fileURLToPath(file));
    notices.post(now(), 'error', `${name} not reloaded, v${entry.version ?? 1} runs on: ${why}`);
    return;
  }
  notices.post(now(), 'info', `reloaded ${name} (v${version})`);
}
