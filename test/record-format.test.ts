import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../source/engine/types.ts';
import { parseRecording } from '../source/record/read-recording.ts';
import { recordedRun, recordingText } from './helpers/recorded-run.ts';

const fileOf = recordingText;

describe('the recording format', () => {
  it('gives back every snapshot as published, history, events, stalls and scoreboard included (random runs)', () => {
    for (let seed = 1; seed <= 20; seed += 1) {
      const run = recordedRun(seed, 120);
      const recording = parseRecording(fileOf(run), 'run.ndjson');
      expect(recording.frames.length, `seed ${seed}`).toBe(run.length);
      recording.frames.forEach((frame, index) => {
        expect(frame, `seed ${seed} window ${index}`).toEqual(run[index]);
      });
    }
  });

  it('writes each event once, and never the history or the events whole after the first window', () => {
    const run = recordedRun(7, 200);
    const lines = fileOf(run)
      .trimEnd()
      .split('\n')
      .slice(1)
      .map(
        (line) => JSON.parse(line) as { kind: string; history?: unknown; fields: Record<string, unknown> },
      );
    const windows = lines.filter((line) => line.kind === 'window');
    expect(windows.slice(1).every((line) => line.history === undefined)).toBe(true);
    expect(windows.every((line) => !('events' in line.fields) && !('history' in line.fields))).toBe(true);
    const distinctEvents = new Set(
      run.flatMap((snapshot) => snapshot.events.map((event) => JSON.stringify(event))),
    );
    expect(lines.filter((line) => line.kind === 'event').length).toBe(distinctEvents.size);
  });

  it('grows by about the same amount per window however long the run: nothing repeats and grows', () => {
    const run = recordedRun(3, 400, 240);
    const bytes = (snapshots: Snapshot[]) => fileOf(snapshots).length;
    const firstHalf = bytes(run.slice(0, 200)) - bytes(run.slice(0, 100));
    const secondHalf = bytes(run.slice(0, 400)) - bytes(run.slice(0, 300));
    // A format that wrote the history whole would grow its per-window size with the history (40 → 240 points).
    expect(secondHalf).toBeLessThan(firstHalf * 1.5);
  });

  it('keeps the recorded markers: every switch with its time', () => {
    const run = recordedRun(11, 300);
    const recording = parseRecording(fileOf(run), 'run.ndjson');
    const switches = new Map(
      run
        .flatMap((snapshot) => snapshot.events.filter((event) => event.kind === 'switch'))
        .map((event) => [event.at, event]),
    );
    expect(
      recording.markers.filter((marker) => marker.event.kind === 'switch').map((marker) => marker.at),
    ).toEqual([...switches.keys()]);
  });
});
