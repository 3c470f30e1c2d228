import { builtinWorkloads } from '../../workloads/index.ts';
import type { WorkloadSummary } from './engine-handle.ts';
import type { WorkloadFile } from './engine-options.ts';
import type { Workload } from './types.ts';
import { bareFileUrl } from './workload-file-name.ts';

/**
 * A workload the engine can run, and the specifier models load it by (a built-in name or a `file:` URL). A file
 * also carries its URL without a query and its code version: 1 as given, one more per reload, whose specifier
 * is `<url>?v=<n>&pin=<copy>` so every thread and process imports the new code (ESM caches per URL).
 */
export type CatalogueEntry = {
  specifier: string;
  workload: Workload;
  /** The file's URL as given, without a version query; undefined for built-ins. */
  file?: string;
  /** The file's code version; undefined for built-ins. */
  version?: number;
};

/** The workloads one engine offers: the built-ins, then the files it was given, in key order. */
export class WorkloadCatalogue {
  readonly #entries: CatalogueEntry[];
  // Kept as one array, updated in place on a reload, so `engine.workloads` (this array) stays current.
  readonly #summaries: WorkloadSummary[];

  constructor(files: readonly WorkloadFile[] = []) {
    this.#entries = [
      ...builtinWorkloads.map((workload) => ({ specifier: workload.name, workload })),
      // A URL may come pinned (workload-reload-pins.ts): the file is the URL without its query.
      ...files.map(({ url, workload }) => ({ specifier: url, workload, file: bareFileUrl(url), version: 1 })),
    ];
    this.#summaries = this.#entries.map(summaryOf);
  }

  get entries(): readonly CatalogueEntry[] {
    return this.#entries;
  }

  get summaries(): readonly WorkloadSummary[] {
    return this.#summaries;
  }

  /** The workload of that name (or file URL, with or without its version query), if the engine offers it. */
  find(name: string): CatalogueEntry | undefined {
    return this.#entries.find(
      (entry) => entry.workload.name === name || entry.specifier === name || entry.file === name,
    );
  }

  /** The entry of the workload file at `url` (without a version query), if the engine offers that file. */
  findFile(url: string): CatalogueEntry | undefined {
    return this.#entries.find((entry) => entry.file !== undefined && entry.file === url);
  }

  /** Like `find`, with a one-line error that lists the choices when there is no such workload. */
  require(name: string): CatalogueEntry {
    const entry = this.find(name);
    if (!entry) throw new Error(`unknown workload "${name}" (choose from ${this.names()})`);
    return entry;
  }

  /** Puts `next` in the place of the entry for the same file (same key), after a reload. */
  replace(next: CatalogueEntry): void {
    const index = this.#entries.findIndex((entry) => entry.file !== undefined && entry.file === next.file);
    if (index < 0) return;
    this.#entries[index] = next;
    this.#summaries[index] = summaryOf(next);
  }

  names(): string {
    return this.#summaries.map((summary) => summary.name).join(', ');
  }
}

function summaryOf({ workload: { name, kind, description } }: CatalogueEntry): WorkloadSummary {
  return { name, kind, description };
}
