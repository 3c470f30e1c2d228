import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../source/engine/types.ts';
import { parseRecording, RecordingError, readRecording } from '../source/record/read-recording.ts';
import { recordingKind } from '../source/record/recording-format.ts';
import { WindowEncoder } from '../source/record/window-encoder.ts';
import { recordedRun } from './helpers/recorded-run.ts';

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
