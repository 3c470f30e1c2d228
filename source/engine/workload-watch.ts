// Watches a workload file and asks the engine to reload it when its content changes. Editors save in several
// ways (write to a temporary file then rename over, truncate then write, several writes in a row), so the
// directory is watched, filtered to the file's name: a rename replaces the file's inode, which a watch on the
// file itself would lose. Events are debounced and the content compared, so a touch does not reload.

import { createHash } from 'node:crypto';
import { type FSWatcher, watch } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EngineAction } from './actions.ts';
import { messageOf } from './notices.ts';

export type WatchOptions = {
  /** Quiet time after the file's last event before it is read and compared, ms. @default 100 */
  debounceMs?: number;
  /** Told, in one line, when the file cannot be watched (its directory is gone or unreadable). @default ignored */
  onError?: (message: string) => void;
};

/** A running watch; `stop()` closes it (it never keeps the process alive meanwhile). */
export type WorkloadWatch = {
  stop(): void;
  /** Resolves once the file's first content is read: the baseline later saves are compared with. */
  readonly ready: Promise<void>;
};

/** What the watcher needs of the engine: it acts only through dispatch, like any driver. */
export type Dispatcher = { dispatch(action: EngineAction): void };

function fingerprint(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

/**
 * Dispatches `{ type: 'reloadWorkload', url }` each time the file at `url` (a `file:` URL) settles with content
 * different from the last seen. The file may vanish for a while (a save by delete and create): nothing happens
 * until it is back. Reading is asynchronous, so the loop never blocks on the disk.
 */
export function watchWorkloadFile(
  engine: Dispatcher,
  url: string,
  options: WatchOptions = {},
): WorkloadWatch {
  const { debounceMs = 100, onError = () => {} } = options;
  const path = fileURLToPath(url);
  const name = basename(path);
  let seen: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  let reading = false;
  let readAgain = false;
  let stopped = false;
  let watcher: FSWatcher | undefined;

  const read = async (): Promise<Buffer | undefined> => {
    try {
      return await readFile(path);
    } catch {
      // Gone for a moment (deleted before being written again) or unreadable: the next event tries again.
      return undefined;
    }
  };

  const compare = async (): Promise<void> => {
    if (reading) {
      readAgain = true;
      return;
    }
    reading = true;
    try {
      do {
        readAgain = false;
        const content = await read();
        // An empty file is a save in progress (truncated, not yet written): its write brings another event.
        if (stopped || !content || content.length === 0) continue;
        const print = fingerprint(content);
        if (print === seen) continue;
        const first = seen === undefined;
        seen = print;
        if (!first) engine.dispatch({ type: 'reloadWorkload', url });
      } while (readAgain && !stopped);
    } finally {
      reading = false;
    }
  };

  const schedule = (): void => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      void compare();
    }, debounceMs);
    timer.unref();
  };

  try {
    watcher = watch(dirname(path), { persistent: false }, (_event, changed) => {
      // Some platforms give no name: then any change in the directory may be the file's.
      if (changed === null || changed === name) schedule();
    });
    watcher.on('error', (error) => onError(`stopped watching ${name}: ${messageOf(error)}`));
  } catch (error) {
    onError(`cannot watch ${name}: ${messageOf(error)}`);
  }
  // The content the engine loaded at start: a first event with the same content is no change.
  const ready = compare();

  return {
    ready,
    stop(): void {
      stopped = true;
      if (timer) clearTimeout(timer);
      watcher?.close();
    },
  };
}
