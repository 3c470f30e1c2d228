import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { afterAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../source/engine/types.ts';
import {
  parseRecording,
  type Recording,
  RecordingError,
  readRecording,
} from '../source/record/read-recording.ts';
import { recordingKind } from '../source/record/recording-format.ts';
import { WindowEncoder } from '../source/record/window-encoder.ts';
import { recordedRun } from './helpers/recorded-run.ts';
import { seededRandom } from './helpers/seeded-random.ts';

const header = (schema = 1) =>
  JSON.stringify({
    kind: recordingKind,
    schema,
    startedAt: 1,
    recordedAt: '2026-12-02T01:00:00.000Z',
    machine: { cpuModel: 'x', logicalCores: 2, totalMemoryBytes: 1 },
    workloads: [],
    lanes: false,
  });

function linesOf(snapshots: readonly Snapshot[]): string[] {
  const encoder = new WindowEncoder();
  return [
    header(),
    ...snapshots.flatMap((snapshot) => encoder.encode(snapshot)).map((line) => JSON.stringify(line)),
  ];
}

/** The one line a RecordingError carries, or the thrown thing when it is not one. */
function failure(text: string): string {
  try {
    parseRecording(text, '/tmp/run.ndjson');
  } catch (error) {
    if (error instanceof RecordingError) return error.message;
    throw error;
  }
  throw new Error('no error');
}

describe('reading a recording', () => {
  it('replays a file cut off mid-line up to where it ends, and says where it was cut', () => {
    const run = recordedRun(5, 40);
    const lines = linesOf(run);
    const whole = `${lines.join('\n')}\n`;
    const cut = whole.slice(0, whole.length - Math.floor((lines.at(-1) as string).length / 2));
    const recording = parseRecording(cut, 'run.ndjson');
    expect(recording.truncated?.line).toBe(lines.length);
    expect(recording.frames.length).toBe(run.length - 1);
    expect(recording.frames.at(-1)).toEqual(run.at(-2));
    expect(recording.truncated?.endsAt).toBe((run.at(-2) as Snapshot).at);
  });

  it('reads a whole file that lacks only its last newline as whole', () => {
    const run = recordedRun(6, 10);
    const recording = parseRecording(linesOf(run).join('\n'), 'run.ndjson');
    expect(recording.truncated).toBeUndefined();
    expect(recording.frames.length).toBe(run.length);
  });

  it('refuses a newer schema in one line naming line 1 and both schemas', () => {
    const message = failure(`${header(2)}\n`);
    expect(message).toMatch(/^run\.ndjson line 1: schema 2 is newer than this concur-tui reads \(1\)/);
    expect(message).not.toContain('\n');
  });

  it('refuses snapshots of a newer schema than this build draws, naming their line; reads one that names none as 1', () => {
    const run = recordedRun(4, 10);
    const newer = linesOf(run.map((snapshot) => ({ ...snapshot, schema: 2 })));
    const message = failure(`${newer.join('\n')}\n`);
    expect(message).toMatch(
      /^run\.ndjson line 2: snapshots of schema 2, newer than this concur-tui reads \(1\)/,
    );
    expect(message).not.toContain('\n');
    const unnamed = linesOf(run.map(({ schema: _schema, ...rest }) => rest as Snapshot));
    const recording = parseRecording(`${unnamed.join('\n')}\n`, 'run.ndjson');
    expect(recording.frames.map((frame) => frame.schema)).toEqual(run.map(() => 1));
  });

  it('refuses a file that is not a recording: JSON of another kind, text, an empty file', () => {
    expect(failure('{"name":"package"}\n')).toMatch(/^run\.ndjson line 1: not a concur-tui recording/);
    expect(failure('hello world\n')).toMatch(/^run\.ndjson line 1: not a concur-tui recording/);
    expect(failure('')).toMatch(/^run\.ndjson is empty: not a concur-tui recording/);
    expect(failure('\n\n')).toMatch(/is empty/);
  });

  it('refuses a header with no measurements, and names a damaged line in the middle', () => {
    expect(failure(`${header()}\n`)).toMatch(/holds no measurements/);
    const lines = linesOf(recordedRun(8, 10));
    lines[4] = '{"kind":"window", broken';
    expect(failure(`${lines.join('\n')}\n`)).toMatch(/^run\.ndjson line 5: not JSON/);
  });

  it('says a missing file is missing', async () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'concur-tui-reader-'));
    await expect(readRecording(path.join(directory, 'none.ndjson'))).rejects.toThrow(/no such file/);
    const file = path.join(directory, 'run.ndjson');
    writeFileSync(file, `${linesOf(recordedRun(9, 4)).join('\n')}\n`);
    expect((await readRecording(file)).frames.length).toBe(4);
  });
});

/** What reading gives: the recording, or the one line of its RecordingError. */
async function outcome(read: () => Recording | Promise<Recording>): Promise<Recording | string> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof RecordingError) return error.message;
    throw error;
  }
}

describe('reading a recording file a piece at a time', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'concur-tui-reader-pieces-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const file = path.join(folder, 'run.ndjson');

  it('gives what reading the whole text gives, read in pieces of any size, whole, cut or damaged', async () => {
    const random = seededRandom(17);
    // A header field with characters of two and three bytes, so that pieces split them.
    const wide = JSON.stringify({ ...JSON.parse(header()), note: 'ünïcode · lag … ✓' });
    for (let trial = 0; trial < 60; trial++) {
      const lines = linesOf(recordedRun(100 + trial, 2 + Math.floor(random() * 30)));
      lines[0] = wide;
      let text = `${lines.join('\n')}\n`;
      const variant = Math.floor(random() * 6);
      if (variant === 1) text = text.slice(0, Math.floor(random() * text.length));
      if (variant === 2) text = text.slice(0, -1);
      if (variant === 3) lines.splice(1 + Math.floor(random() * (lines.length - 1)), 0, '{"kind":"window",');
      if (variant === 3) text = `${lines.join('\n')}\n`;
      if (variant === 4) text = `\n\n${text}`;
      if (variant === 5) text = ['', '\n', ' \n\n', '\n \n '][trial % 4] as string;
      writeFileSync(file, text);
      const chunkBytes = 1 + Math.floor(random() * 400);
      const whole = await outcome(() => parseRecording(text, file));
      const pieces = await outcome(() => readRecording(file, { chunkBytes }));
      expect(pieces, `trial ${trial}, variant ${variant}, pieces of ${chunkBytes} bytes`).toEqual(whole);
    }
  });

  it('reads a recording from a pipe, and refuses a device or a line that never ends', async () => {
    const lines = linesOf(recordedRun(21, 12));
    writeFileSync(file, `${lines.join('\n')}\n`);
    const pipe = path.join(folder, 'pipe');
    expect(spawnSync('mkfifo', [pipe]).status).toBe(0);
    const writer = pipeline(createReadStream(file), createWriteStream(pipe));
    const fromPipe = await readRecording(pipe);
    await writer;
    expect(fromPipe.frames).toEqual(parseRecording(`${lines.join('\n')}\n`, file).frames);

    await expect(readRecording('/dev/zero')).rejects.toThrow(/^cannot read \/dev\/zero: it is not a file$/);
    writeFileSync(file, `${header()}\n${'x'.repeat(5000)}`);
    expect(await outcome(() => readRecording(file, { maxLineChars: 4096, chunkBytes: 1000 }))).toBe(
      'run.ndjson line 2: no line break in its first 4 KiB: not a concur-tui recording',
    );
  });

  it('stops with one line, before the heap runs out, when the frames outgrow the memory allowed', async () => {
    const lines = linesOf(recordedRun(22, 2100));
    writeFileSync(file, `${lines.join('\n')}\n`);
    let looks = 0;
    const limit = 1000 * 1024 * 1024;
    // The heap fills as the frames are read: past three quarters of its limit at the second look.
    const heap = () => ({ used: (++looks === 1 ? 0.5 : 0.8) * limit, limit });
    const message = await outcome(() => readRecording(file, { heap }));
    expect(message).toMatch(
      /^run\.ndjson is too large for this process's memory: 800 MiB of its 1000 MiB were in use after \d+ MiB of \d+ MiB \(more with NODE_OPTIONS=--max-old-space-size=<MiB>\)$/,
    );
    expect(looks).toBe(2);
    const below = await outcome(() => readRecording(file, { heap: () => ({ used: 0.7 * limit, limit }) }));
    expect(typeof below === 'string' ? below : below.frames.length).toBe(2100);
  });
});
