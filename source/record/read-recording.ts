// Reads a recording back into full snapshots (frames), the markers a replay jumps between, and the actions.
// A file cut off mid-line (the machine died while recording) replays up to where it ends; a file from a newer
// schema, or not a recording at all, is a `RecordingError`: one line, naming the line that is wrong.

import { createReadStream } from 'node:fs';
import path from 'node:path';
import { getHeapStatistics } from 'node:v8';
import type { EngineAction } from '../engine/actions.ts';
import type { EngineEvent, Snapshot } from '../engine/types.ts';
import { inputFile, readFailure } from '../read-input/input-file.ts';
import { FrameBuilder } from './frame-builder.ts';
import {
  type RecordingHeader,
  type RecordingLine,
  recordingKind,
  recordingSchema,
} from './recording-format.ts';

/** Something wrong with a recording the user named: the message is one line for the terminal. */
export class RecordingError extends Error {}

/** A switch or settings change the replay marks on its scrub bar and jumps to with `n`. */
export type Marker = { at: number; event: EngineEvent };

export type Recording = {
  /** The file's name as given, for the replay's header. */
  name: string;
  header: RecordingHeader;
  /** One full snapshot per window line, oldest first; never empty. */
  frames: Snapshot[];
  /** The engine's events in the order they happened, each once. */
  markers: Marker[];
  actions: { at: number; action: EngineAction }[];
  /** Set when the last line was cut off: its line number, and the time the replay ends instead. */
  truncated?: { line: number; endsAt: number };
};

/** Bounds on reading a recording; tests make them small. */
export type ReadLimits = {
  /** The longest line read, in characters: a recording's lines are a few kilobytes. @default 64 MiB */
  maxLineChars?: number;
  /** Bytes read at a time. @default 1 MiB */
  chunkBytes?: number;
  /**
   * The JavaScript heap in use and the old generation's limit, bytes, looked at every 1,024 lines: a recording too
   * large for the process's memory is refused before the heap runs out, which would end the process with a trace.
   * @default v8.getHeapStatistics()
   */
  heap?: () => { used: number; limit: number };
};

const mebibyte = 1024 * 1024;

/**
 * The share of the heap's limit past which reading stops: the replay or the report then needs room of its own. A
 * 516 MiB recording took 1.3 GB of heap to read, and its report 1.5–1.8 GB of memory.
 */
const heapShareAllowed = 0.75;

/**
 * What V8's heap limit holds beside the old generation, where a recording's frames live: the young generation's
 * three semi-spaces of 64 MiB at most (Node 24 on 64 bits: `--max-old-space-size=600` gives a limit of 792 MiB).
 */
const youngGenerationReserve = 192 * mebibyte;

function heapNow(): { used: number; limit: number } {
  const { used_heap_size: used, heap_size_limit: limit } = getHeapStatistics();
  return { used, limit: Math.max(limit - youngGenerationReserve, limit / 2) };
}

/**
 * Reads the file at `file` line by line, so that a recording larger than a string can hold (512 MiB, some eight
 * hours of a busy run) replays too. A pipe is read as a file is (`replay <(zcat run.ndjson.gz)`); a device is not a
 * recording. Every problem with it is a `RecordingError`.
 */
export async function readRecording(file: string, limits: ReadLimits = {}): Promise<Recording> {
  const maxLineChars = limits.maxLineChars ?? 64 * mebibyte;
  const heap = limits.heap ?? heapNow;
  const parser = new RecordingParser(file);
  const cannotRead = (why: string) => new RecordingError(`cannot read ${file}: ${why}`);
  let rest: string[] = [];
  let restLength = 0;
  try {
    const { found, refused } = await inputFile(file);
    if (refused) throw cannotRead(refused);
    const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: limits.chunkBytes ?? mebibyte });
    for await (const chunk of stream as AsyncIterable<string>) {
      let from = 0;
      for (let newline = chunk.indexOf('\n'); newline !== -1; newline = chunk.indexOf('\n', from)) {
        const piece = chunk.slice(from, newline);
        const row = restLength === 0 ? piece : rest.join('') + piece;
        rest = [];
        restLength = 0;
        if (row.length > maxLineChars) throw parser.tooLong(maxLineChars);
        parser.line(row);
        from = newline + 1;
        if (parser.lines % 1024 === 0) {
          const { used, limit } = heap();
          // Leaving the loop closes the stream.
          if (used > heapShareAllowed * limit) {
            throw parser.tooLarge(used, limit, found.isFile() ? found.size : undefined, stream.bytesRead);
          }
        }
      }
      if (from < chunk.length) {
        rest.push(chunk.slice(from));
        restLength += chunk.length - from;
        if (restLength > maxLineChars) throw parser.tooLong(maxLineChars);
      }
    }
  } catch (error) {
    if (error instanceof RecordingError) throw error;
    throw cannotRead(readFailure(error));
  }
  return parser.end(rest.join(''));
}

/** Parses a recording's text; `name` is how messages and the replay's header name the file. */
export function parseRecording(text: string, name: string): Recording {
  const parser = new RecordingParser(name);
  const rows = text.split('\n');
  const last = rows.pop() as string;
  for (const row of rows) parser.line(row);
  return parser.end(last);
}

/**
 * A recording read a line at a time, as it arrives. A file that ends without a newline was cut off while being
 * written: its last line, if damaged, is where the replay ends.
 */
class RecordingParser {
  readonly #name: string;
  readonly #shown: string;
  readonly #builder = new FrameBuilder();
  readonly #frames: Snapshot[] = [];
  readonly #markers: Marker[] = [];
  readonly #actions: Recording['actions'] = [];
  #header: RecordingHeader | undefined;
  /** Blank lines read before any text: a file of nothing else is empty, not damaged. */
  #blankLines = 0;
  #truncated: Recording['truncated'];
  /** Lines read so far. */
  lines = 0;

  constructor(name: string) {
    this.#name = name;
    this.#shown = path.basename(name);
  }

  #fail(line: number, why: string): RecordingError {
    return new RecordingError(`${this.#shown} line ${line}: ${why}`);
  }

  tooLong(maxLineChars: number): RecordingError {
    const size =
      maxLineChars >= mebibyte
        ? `${Math.round(maxLineChars / mebibyte)} MiB`
        : `${Math.round(maxLineChars / 1024)} KiB`;
    return this.#fail(this.lines + 1, `no line break in its first ${size}: not a concur-tui recording`);
  }

  tooLarge(used: number, limit: number, size: number | undefined, read: number): RecordingError {
    const mib = (bytes: number) => `${Math.round(bytes / mebibyte)} MiB`;
    const where = size === undefined ? `after ${mib(read)}` : `after ${mib(read)} of ${mib(size)}`;
    return new RecordingError(
      `${this.#shown} is too large for this process's memory: ${mib(used)} of its ${mib(limit)} ` +
        `were in use ${where} (more with NODE_OPTIONS=--max-old-space-size=<MiB>)`,
    );
  }

  /** One whole line, without its newline. */
  line(row: string): void {
    this.lines += 1;
    this.#take(row, false);
  }

  /** The input ended; `last` is what followed its last newline ('' when it ended with one). */
  end(last: string): Recording {
    if (last !== '') {
      this.lines += 1;
      this.#take(last, true);
    }
    if (!this.#header) throw new RecordingError(`${this.#shown} is empty: not a concur-tui recording`);
    if (this.#frames.length === 0) {
      throw new RecordingError(`${this.#shown} holds no measurements (only its header): nothing to replay`);
    }
    return {
      name: this.#name,
      header: this.#header,
      frames: this.#frames,
      markers: this.#markers,
      actions: this.#actions,
      ...(this.#truncated ? { truncated: this.#truncated } : {}),
    };
  }

  #take(row: string, cutOff: boolean): void {
    const number = this.lines;
    if (this.#truncated) return;
    if (!this.#header) {
      if (row.trim() === '') {
        this.#blankLines += 1;
        return;
      }
      if (this.#blankLines > 0)
        throw this.#fail(1, 'not a concur-tui recording (the first line is not JSON)');
      this.#header = parseHeader(row, (line, why) => this.#fail(line, why));
      return;
    }
    let line: RecordingLine;
    try {
      line = JSON.parse(row) as RecordingLine;
    } catch {
      if (cutOff && this.#frames.length > 0) {
        this.#truncated = { line: number, endsAt: (this.#frames.at(-1) as Snapshot).at };
        return;
      }
      throw this.#fail(number, 'not JSON: the file is damaged');
    }
    if (typeof line !== 'object' || line === null) throw this.#fail(number, 'not a JSON object');
    try {
      if (line.kind === 'window') this.#frames.push(this.#builder.window(line));
      else if (line.kind === 'event') {
        this.#builder.event(line.event);
        this.#markers.push({ at: line.at, event: line.event });
      } else if (line.kind === 'action') this.#actions.push({ at: line.at, action: line.action });
      // Other kinds are lines a later build of the same schema may add: skipped.
    } catch (error) {
      throw this.#fail(number, (error as Error).message);
    }
  }
}

function parseHeader(row: string, fail: (line: number, why: string) => RecordingError): RecordingHeader {
  let header: Partial<RecordingHeader>;
  try {
    header = JSON.parse(row) as Partial<RecordingHeader>;
  } catch {
    throw fail(1, 'not a concur-tui recording (the first line is not JSON)');
  }
  if (typeof header !== 'object' || header === null || header.kind !== recordingKind) {
    throw fail(1, `not a concur-tui recording (the first line has no "kind": "${recordingKind}")`);
  }
  if (typeof header.schema !== 'number' || !Number.isInteger(header.schema)) {
    throw fail(1, 'the header has no schema number');
  }
  if (header.schema > recordingSchema) {
    throw fail(
      1,
      `schema ${header.schema} is newer than this concur-tui reads (${recordingSchema}): replay it with a newer concur-tui`,
    );
  }
  if (typeof header.startedAt !== 'number' || typeof header.machine !== 'object') {
    throw fail(1, 'the header lacks "startedAt" or "machine"');
  }
  return { workloads: [], lanes: false, recordedAt: '', ...header } as RecordingHeader;
}
