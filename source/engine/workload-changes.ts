// Changes of the running workload, one after the other: a switch to another workload (`1`…`6`) and a reload of
// the workload file (a save). Each waits for the ones asked before it, so a reload never lands between a switch's
// check and its effect; one that fails leaves the workload as it was, with a notice.

import { messageOf } from './notices.ts';
import { type ReloadParts, reloadWorkloadFile } from './workload-reload.ts';

export class WorkloadChanges {
  readonly #parts: ReloadParts;
  readonly #notify: (message: string) => void;
  #last: Promise<void> = Promise.resolve();

  /** @param notify says in one line why a change failed. */
  constructor(parts: ReloadParts, notify: (message: string) => void) {
    this.#parts = parts;
    this.#notify = notify;
  }

  /** Switches to the workload of that name (or file URL) once the changes before it are done. */
  switchTo(name: string): void {
    const { settings, stopped } = this.#parts;
    this.#last = this.#last
      .then(() => settings.setWorkload(name, stopped))
      .catch((error: unknown) => this.#notify(`could not switch to ${name}: ${messageOf(error)}`));
  }

  /** Reloads the workload file at `url` (the running one when undefined); see workload-reload.ts. */
  reload(url: string | undefined): void {
    this.#last = this.#last
      .then(() => reloadWorkloadFile(url, this.#parts))
      .catch((error: unknown) =>
        this.#notify(`could not reload ${url ?? 'the workload'}: ${messageOf(error)}`),
      );
  }

  /** Resolves once every change asked so far has taken effect (or failed, with a notice). */
  settled(): Promise<void> {
    return this.#last;
  }
}
