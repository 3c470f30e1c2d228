// Writes a recording while the engine runs. The snapshot listener only queues the snapshot: encoding and writing
// happen on a later turn (setImmediate), and the file stream writes off the main thread, so nothing on the
// engine's sampling path waits for the disk. A write that fails (a full disk) stops the recording, never the run.

import { closeSync, constants, createWriteStream, openSync, statSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { isatty } from 'node:tty';
import type { EngineAction } from '../engine/actions.ts';
import type { WorkloadSummary } from '../engine/engine-handle.ts';
import type { Snapshot } from '../engine/types.ts';
import { type RecordingHeader, recordingKind, recordingSchema } from './recording-format.ts';
import { WindowEncoder } from './window-encoder.ts';

export type RecordingWriterOptions = {
  /** The workloads the run's keys pick, for the header. @default none */
  workloads?: readonly WorkloadSummary[];
  /** The version of concur-tui, for the header. @default none */
  version?: string;
  /** Called once if the recording stops on its own: a write failed or the disk could not keep up. @default none */
  onFailure?: (message: string) => void;
  /** The most bytes waiting for the disk before the recording gives up. @default 16 MiB */
  maxPendingBytes?: number;
  /** `file` already open for writing (openRecordingPath); the writer closes it. @default opened here */
  fd?: number;
};

/** Why opening a recording file failed, in words for one line. */
export function openFailure(file: string, error: unknown): string {
  // /proc and /sys answer ENOENT to a new file in a folder that is there.
  if ((error as NodeJS.ErrnoException).code === 'ENOENT' && isFolder(path.dirname(path.resolve(file))))
    return `cannot record to ${file}: its folder does not take new files`;
  return `cannot record to ${file}: ${reasonOf(error)}`;
}

function isFolder(folder: string): boolean {
  try {
    return statSync(folder).isDirectory();
  } catch {
    return false;
  }
}

/** Whether `file` is a named pipe (`mkfifo`); false when it does not exist yet. */
function isNamedPipe(file: string): boolean {
  try {
    return statSync(file).isFIFO();
  } catch {
    return false;
  }
}

/**
 * Opens `file` to record to, creating or emptying it, so that a path that cannot be written is said in one line
 * before the dashboard starts. A named pipe must have its reader already: opening it for writing would otherwise
 * wait for one with nothing on the screen, not even the keys read. The descriptor is the recording's own
 * (`RecordingWriterOptions.fd`): a pipe opened to check it and closed would end its reader's input there.
 */
export function openRecordingPath(file: string): { fd: number } | { failure: string } {
  let probe: number | undefined;
  try {
    if (isNamedPipe(file)) {
      try {
        probe = openSync(file, constants.O_WRONLY | constants.O_NONBLOCK);
      } catch (error) {
        // Without waiting, a pipe with no reader is ENXIO (which /dev/tty is too, with no terminal of its own).
        if ((error as NodeJS.ErrnoException).code !== 'ENXIO') throw error;
        return { failure: `cannot record to ${file}: no program reads this pipe (start its reader first)` };
      }
    }
    const fd = openSync(file, 'w');
    // Written over the dashboard, the lines would scroll its frames away (`--record /dev/tty`, `/dev/stdout`).
    if (isatty(fd)) {
      closeSync(fd);
      return { failure: `cannot record to ${file}: it is a terminal, where the dashboard draws` };
    }
    return { fd };
  } catch (error) {
    return { failure: openFailure(file, error) };
  } finally {
    // The reader's input ends only once every writer has closed; the recording's is open by now.
    if (probe !== undefined) closeSync(probe);
  }
}

/** A file system error in a few words. */
function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const reasons: Record<string, string> = {
    ENOENT: 'its folder does not exist',
    EACCES: 'permission denied',
    EISDIR: 'it is a folder',
    EROFS: 'the file system is read-only',
    ENOSPC: 'no space left on the disk',
  };
  return (code && reasons[code]) ?? (error as Error).message;
}

/** One recording file, from opening to closing. */
export class RecordingWriter {
  readonly file: string;
  readonly #stream: WriteStream;
  readonly #encoder = new WindowEncoder();
  readonly #options: RecordingWriterOptions;
  /** Snapshots to encode and action lines, in the order they came. */
  #pending: (Snapshot | string)[] = [];
  #scheduled = false;
  #headerWritten = false;
  #pendingBytes = 0;
  #failed: string | undefined;
  #closed = false;
  /** Bytes handed to the stream so far. */
  bytes = 0;

  /** Opens (creates or truncates) `file` at once, so a path that cannot be written fails here; throws the error. */
  constructor(file: string, options: RecordingWriterOptions = {}) {
    this.file = file;
    this.#options = options;
    const fd = options.fd ?? openSync(file, 'w');
    try {
      this.#stream = createWriteStream('', { fd, autoClose: true });
    } catch (error) {
      closeSync(fd);
      throw error;
    }
    this.#stream.on('error', (error) => this.#fail(`recording stopped: ${file}: ${reasonOf(error)}`));
    this.#stream.on('drain', () => {
      this.#pendingBytes = 0;
    });
  }

  /** Why the recording stopped on its own, if it did. */
  get failure(): string | undefined {
    return this.#failed;
  }

  /** The snapshot listener: queues the snapshot; the lines are made and written on a later turn. */
  readonly onSnapshot = (snapshot: Snapshot): void => {
    if (this.#closed || this.#failed) return;
    this.#pending.push(snapshot);
    this.#schedule();
  };

  /** Notes what the user asked of the engine, at `at` (engine clock). */
  noteAction(at: number, action: EngineAction): void {
    if (this.#closed || this.#failed) return;
    this.#pending.push(JSON.stringify({ kind: 'action', at, action }));
    this.#schedule();
  }

  /** Writes what is queued and closes the file; resolves when it is closed, or after `timeoutMs` whatever the disk does. */
  async close(timeoutMs = 800): Promise<void> {
    if (this.#closed) return;
    this.#flush();
    this.#closed = true;
    const closed = new Promise<void>((resolve) => {
      this.#stream.once('close', resolve);
      this.#stream.once('error', () => resolve());
    });
    this.#stream.end();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    await Promise.race([closed, late]);
    clearTimeout(timer);
    if (!this.#stream.closed) this.#stream.destroy();
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => this.#flush());
  }

  #flush(): void {
    this.#scheduled = false;
    if (this.#closed || this.#failed) return;
    const lines: string[] = [];
    if (!this.#headerWritten) {
      // The header describes the run from its first snapshot; until one comes, actions wait.
      const first = this.#pending.find((item): item is Snapshot => typeof item !== 'string');
      if (!first) return;
      lines.push(JSON.stringify(this.#header(first)));
      this.#headerWritten = true;
    }
    for (const item of this.#pending) {
      if (typeof item === 'string') lines.push(item);
      else for (const line of this.#encoder.encode(item)) lines.push(JSON.stringify(line));
    }
    this.#pending = [];
    if (lines.length === 0) return;
    const text = `${lines.join('\n')}\n`;
    this.bytes += Buffer.byteLength(text);
    this.#pendingBytes += text.length;
    this.#stream.write(text);
    if (this.#pendingBytes > (this.#options.maxPendingBytes ?? 16 * 1024 * 1024)) {
      this.#fail(`recording stopped: the disk cannot keep up with ${this.file}`);
    }
  }

  #header(snapshot: Snapshot): RecordingHeader {
    return {
      kind: recordingKind,
      schema: recordingSchema,
      startedAt: snapshot.startedAt,
      recordedAt: new Date().toISOString(),
      machine: snapshot.machine,
      workloads: this.#options.workloads ?? [],
      ...(this.#options.version ? { version: this.#options.version } : {}),
      lanes: false,
    };
  }

  #fail(message: string): void {
    if (this.#failed || this.#closed) return;
    this.#failed = message;
    this.#pending = [];
    this.#stream.destroy();
    this.#options.onFailure?.(message);
  }
}
