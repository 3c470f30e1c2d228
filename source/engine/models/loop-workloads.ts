// The workloads the event loop's tasks name, by specifier: built-ins at once, files after their import, and why
// a file could not be loaded while tasks naming it may still wait.
import { findWorkload, loadWorkload } from '../../../workloads/index.ts';
import type { Workload } from '../types.ts';

/** The event loop model's workloads, resolved once per specifier. */
export class LoopWorkloads {
  readonly #loadTimeoutMs: number | undefined;
  readonly #settled: () => void;
  /** Workloads by specifier, once resolved: built-ins at once, files after their import. */
  readonly #workloads = new Map<string, Workload>();
  /** Why a specifier could not be loaded; kept only while tasks naming it may still wait. */
  readonly #failures = new Map<string, string>();
  /** Workload files being imported: no turn runs meanwhile, so tasks keep their order. */
  readonly #loading = new Set<string>();

  /** `settled` runs each time a file's import ends, loaded or not. */
  constructor(loadTimeoutMs: number | undefined, settled: () => void) {
    this.#loadTimeoutMs = loadTimeoutMs;
    this.#settled = settled;
  }

  /** Whether a workload file is being imported. */
  get loading(): boolean {
    return this.#loading.size > 0;
  }

  /** Makes sure `specifier` is resolved or being resolved, unless it already failed. */
  want(specifier: string): void {
    if (this.#workloads.has(specifier) || this.#failures.has(specifier)) return;
    const builtin = findWorkload(specifier);
    if (builtin) {
      this.#workloads.set(specifier, builtin);
      return;
    }
    if (this.#loading.has(specifier)) return;
    this.#loading.add(specifier);
    loadWorkload(specifier, this.#loadTimeoutMs)
      .then(
        (loaded) => this.#workloads.set(specifier, loaded),
        (error: unknown) =>
          this.#failures.set(specifier, error instanceof Error ? error.message : String(error)),
      )
      .finally(() => {
        this.#loading.delete(specifier);
        this.#settled();
      });
  }

  /** The workload `specifier` names, once resolved. */
  get(specifier: string): Workload | undefined {
    return this.#workloads.get(specifier);
  }

  /** Why a task naming `specifier` cannot run. */
  failureOf(specifier: string): string {
    return this.#failures.get(specifier) ?? `workload "${specifier}" is not loaded`;
  }

  /** Forgets why files failed to load, so the next submission naming one loads it afresh. */
  forgetFailures(): void {
    this.#failures.clear();
  }
}
