// The live engine as the dashboard sees it while recording is possible: every snapshot and action passes through,
// a recording (from `--record` or the key) listens to the engine's snapshots, and what the recording does is
// shown as a notice in the footer. The engine itself knows nothing of recordings.

import path from 'node:path';
import type { EngineAction } from '../engine/actions.ts';
import { now } from '../engine/clock.ts';
import type { EngineHandle, WorkloadSummary } from '../engine/engine-handle.ts';
import type { Notice, Snapshot } from '../engine/types.ts';
import { formatBytesShort } from './recording-words.ts';
import { openFailure, RecordingWriter } from './recording-writer.ts';
import type { SourceControls } from './source-controls.ts';

export type RecordingHandleOptions = {
  /** The file `--record` named: recording starts with the run. @default none (the key starts one) */
  file?: string;
  /** `file` already open for writing (openRecordingPath). @default opened here */
  fd?: number;
  /** Where the key's recordings go. @default process.cwd() */
  directory?: string;
  /** The version of concur-tui, for the file's header. @default none */
  version?: string;
  /** How long a recording's notice stays in the footer, ms. @default 8000 */
  noticeMs?: number;
  /** Wall clock, for the key's file names. @default () => new Date() */
  date?: () => Date;
};

/** A file name for a recording started with the key: `concur-tui-2026-12-02-011520.ndjson`. */
export function defaultRecordingName(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  const time = `${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`;
  return `concur-tui-${day}-${time}.ndjson`;
}

/** A path as short as it can be said: relative to the working directory when inside it. */
function shortPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

export class RecordingHandle implements EngineHandle {
  readonly controls: SourceControls;
  readonly #engine: EngineHandle;
  readonly #options: RecordingHandleOptions;
  #writer: RecordingWriter | undefined;
  #unsubscribe: (() => void) | undefined;
  #notice: Notice | undefined;
  #noticeUntil = 0;
  #lastRaw: Snapshot | undefined;
  #lastShown: Snapshot | undefined;
  /** Files this run recorded to, so a recording started again never overwrites one. */
  readonly #used = new Set<string>();

  /** With `options.file`, opens it at once: a file that cannot be written throws the one line to print. */
  constructor(engine: EngineHandle, options: RecordingHandleOptions = {}) {
    this.#engine = engine;
    this.#options = options;
    this.controls = { recording: { toggle: () => this.toggle() } };
    if (options.file !== undefined) {
      const failure = this.#start(options.file, options.fd);
      if (failure) throw new Error(failure);
    }
  }

  get workloads(): readonly WorkloadSummary[] {
    return this.#engine.workloads;
  }

  /** The recording under way, if any. */
  get writer(): RecordingWriter | undefined {
    return this.#writer;
  }

  latest(): Snapshot | undefined {
    const raw = this.#engine.latest();
    return raw && this.#shown(raw);
  }

  subscribe(listener: (snapshot: Snapshot) => void): () => void {
    return this.#engine.subscribe((snapshot) => listener(this.#shown(snapshot)));
  }

  dispatch(action: EngineAction): void {
    // The task detail is looking, not changing the run: it stays out of the file.
    if (action.type !== 'inspectTask') this.#writer?.noteAction(now(), action);
    this.#engine.dispatch(action);
  }

  /**
   * Starts or stops recording; returns what happened in two words for the key's echo, while the notice beside it
   * names the file (or why it cannot be written).
   */
  toggle(): string {
    if (this.#writer && !this.#writer.failure) {
      const { file } = this.#writer;
      const bytes = this.#writer.bytes;
      void this.close();
      this.#say('info', `recording saved: ${shortPath(file)} (${formatBytesShort(bytes)})`);
      return 'recording stopped';
    }
    const directory = this.#options.directory ?? process.cwd();
    const first = path.join(directory, defaultRecordingName(this.#options.date?.() ?? new Date()));
    let file = first;
    for (let copy = 2; this.#used.has(file); copy += 1) file = first.replace(/\.ndjson$/, `-${copy}.ndjson`);
    const failure = this.#start(file);
    if (failure) {
      this.#say('error', failure);
      return 'recording failed';
    }
    return 'recording started';
  }

  /** Stops the recording under way, writing what is queued; resolves within `timeoutMs`. */
  async close(timeoutMs = 800): Promise<void> {
    const writer = this.#writer;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#writer = undefined;
    await writer?.close(timeoutMs);
  }

  /** Opens `file` (unless `fd` is it, open already) and listens; returns the one line to show when it cannot. */
  #start(file: string, fd?: number): string | undefined {
    this.#unsubscribe?.();
    let writer: RecordingWriter;
    try {
      writer = new RecordingWriter(file, {
        workloads: this.#engine.workloads,
        ...(this.#options.version ? { version: this.#options.version } : {}),
        ...(fd === undefined ? {} : { fd }),
        onFailure: (message) => {
          this.#unsubscribe?.();
          this.#unsubscribe = undefined;
          // A failed recording stays in sight longer: the speaker must not believe it is still recording.
          this.#say('error', `${message}; the run goes on`, 4);
        },
      });
    } catch (error) {
      return openFailure(file, error);
    }
    this.#used.add(file);
    this.#writer = writer;
    this.#say('info', `recording to ${shortPath(file)} (s stops)`);
    this.#unsubscribe = this.#engine.subscribe(writer.onSnapshot);
    const latest = this.#engine.latest();
    if (latest) writer.onSnapshot(latest);
    return undefined;
  }

  #say(level: Notice['level'], message: string, lengthen = 1): void {
    const at = now();
    this.#notice = { at, level, message };
    this.#noticeUntil = at + (this.#options.noticeMs ?? 8000) * lengthen;
    this.#lastRaw = undefined;
  }

  /** The snapshot as drawn: with the recording's notice while it is newer than the engine's and not expired. */
  #shown(raw: Snapshot): Snapshot {
    if (raw === this.#lastRaw && this.#lastShown) return this.#lastShown;
    const notice = this.#notice;
    const mine = notice && raw.at <= this.#noticeUntil && (!raw.notice || raw.notice.at <= notice.at);
    this.#lastRaw = raw;
    this.#lastShown = mine ? { ...raw, notice } : raw;
    return this.#lastShown;
  }
}
