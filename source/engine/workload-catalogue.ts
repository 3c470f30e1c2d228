import { builtinWorkloads } from '../../workloads/index.ts';
import type { WorkloadSummary } from './engine-handle.ts';
import type { WorkloadFile } from './engine-options.ts';
import type { Workload } from './types.ts';

/** A workload the engine can run, and the specifier models load it by (a built-in name or a `file:` URL). */
export type CatalogueEntry = { specifier: string; workload: Workload };

/** The workloads one engine offers: the built-ins, then the files it was given, in key order. */
export class WorkloadCatalogue {
  readonly entries: readonly CatalogueEntry[];
  readonly summaries: readonly WorkloadSummary[];

  constructor(files: readonly WorkloadFile[] = []) {
    this.entries = [
      ...builtinWorkloads.map((workload) => ({ specifier: workload.name, workload })),
      ...files.map(({ url, workload }) => ({ specifier: url, workload })),
    ];
    this.summaries = this.entries.map(({ workload: { name, kind, description } }) => ({
      name,
      kind,
      description,
    }));
  }

  /** The workload of that name (or file URL), if the engine offers it. */
  find(name: string): CatalogueEntry | undefined {
    return this.entries.find((entry) => entry.workload.name === name || entry.specifier === name);
  }

  /** Like `find`, with a one-line error that lists the choices when there is no such workload. */
  require(name: string): CatalogueEntry {
    const entry = this.find(name);
    if (!entry) throw new Error(`unknown workload "${name}" (choose from ${this.names()})`);
    return entry;
  }

  names(): string {
    return this.summaries.map((summary) => summary.name).join(', ');
  }
}
