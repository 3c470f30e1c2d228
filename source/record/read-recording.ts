// Reads a recording back into full snapshots (frames), the markers a replay jumps between, and the actions.
// A file cut off mid-line (the machine died while recording) replays up to where it ends; a file from a newer
// schema, or not a recording at all, is a `RecordingError`: one line, naming the line that is wrong.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { EngineAction } from '../engine/actions.ts';
import type { EngineEvent, Snapshot } from '../engine/types.ts';
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

/** Reads the file at `file`; every problem with it is a `RecordingError`. */
export async function readRecording(file: string): Promise<Recording> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code;
    throw new RecordingError(`cannot read ${file}: ${reason ?? (error as Error).message}`);
  }
  return parseRecording(text, file);
}

/** Parses a recording's text; `name` is how messages and the replay's header name the file. */
export function parseRecording(text: string, name: string): Recording {
  const shown = path.basename(name);
  const fail = (line: number, why: string) => new RecordingError(`${shown} line ${line}: ${why}`);
  if (text.trim() === '') throw new RecordingError(`${shown} is empty: not a concur-tui recording`);
  const rows = text.split('\n');
  // A file that ends in a newline has an empty last row; one that does not was cut off while being written.
  const endsCleanly = rows.at(-1) === '';
  if (endsCleanly) rows.pop();
  const header = parseHeader(rows[0] as string, fail);
  const builder = new FrameBuilder();
  const frames: Snapshot[] = [];
  const markers: Marker[] = [];
  const actions: Recording['actions'] = [];
  let truncated: Recording['truncated'];
  for (let index = 1; index < rows.length; index += 1) {
    const number = index + 1;
    let line: RecordingLine;
    try {
      line = JSON.parse(rows[index] as string) as RecordingLine;
    } catch {
      if (index === rows.length - 1 && !endsCleanly && frames.length > 0) {
        truncated = { line: number, endsAt: (frames.at(-1) as Snapshot).at };
        break;
      }
      throw fail(number, 'not JSON: the file is damaged');
    }
    if (typeof line !== 'object' || line === null) throw fail(number, 'not a JSON object');
    try {
      if (line.kind === 'window') frames.push(builder.window(line));
      else if (line.kind === 'event') {
        builder.event(line.event);
        markers.push({ at: line.at, event: line.event });
      } else if (line.kind === 'action') actions.push({ at: line.at, action: line.action });
      // Other kinds are lines a later build of the same schema may add: skipped.
    } catch (error) {
      throw fail(number, (error as Error).message);
    }
  }
  if (frames.length === 0) {
    throw new RecordingError(`${shown} holds no measurements (only its header): nothing to replay`);
  }
  return { name, header, frames, markers, actions, ...(truncated ? { truncated } : {}) };
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
