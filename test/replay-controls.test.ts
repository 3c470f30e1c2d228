import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Snapshot } from '../source/engine/types.ts';
import { parseRecording } from '../source/record/read-recording.ts';
import { frameIndexAt, replaySpeeds } from '../source/record/replay-clock.ts';
import { ReplaySource } from '../source/record/replay-source.ts';
import type { ReplayControls } from '../source/record/source-controls.ts';
import { recordedRun, recordingText } from './helpers/recorded-run.ts';
import { seededRandom } from './helpers/seeded-random.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

type Step =
  | { kind: 'wait'; ms: number }
  | { kind: 'pause' }
  | { kind: 'seek'; byMs: number }
  | { kind: 'speed'; direction: 1 | -1 }
  | { kind: 'next' };

function randomStep(random: () => number): Step {
  const roll = random();
  if (roll < 0.35) return { kind: 'wait', ms: Math.floor(random() * 3000) };
  if (roll < 0.45) return { kind: 'pause' };
  // Seeks well past either end as often as within.
  if (roll < 0.65)
    return { kind: 'seek', byMs: (random() < 0.5 ? -1 : 1) * (random() < 0.3 ? 100_000 : 5000) };
  if (roll < 0.85) return { kind: 'speed', direction: random() < 0.5 ? -1 : 1 };
  return { kind: 'next' };
}

describe('replay controls over random sequences', () => {
  it('keep the time within the recording, frames moving forward while playing, markers reached in order', () => {
    for (let seed = 1; seed <= 30; seed += 1) {
      const random = seededRandom(seed);
      const recording = parseRecording(recordingText(recordedRun(seed, 160)), 'run.ndjson');
      const { frames } = recording;
      const source = new ReplaySource(recording, { now: () => Date.now() });
      const replay = source.controls.replay as ReplayControls;
      const shown: Snapshot[] = [];
      source.subscribe((snapshot) => shown.push(snapshot));
      source.start();
      const first = (frames[0] as Snapshot).at;
      const last = (frames.at(-1) as Snapshot).at;
      for (let index = 0; index < 200; index += 1) {
        const step = randomStep(random);
        const where = `seed ${seed} step ${index} (${JSON.stringify(step)})`;
        const before = replay.state();
        shown.length = 0;
        if (step.kind === 'wait') vi.advanceTimersByTime(step.ms);
        else if (step.kind === 'pause') replay.togglePause();
        else if (step.kind === 'seek') replay.seek(step.byMs);
        else if (step.kind === 'speed') replay.stepSpeed(step.direction);
        else {
          const expected = before.markers.find((marker) => marker.time > before.time);
          const marker = replay.nextMarker();
          // The next marker after the time, never one further on: markers are reached in order.
          expect(marker?.time, where).toBe(expected?.time);
          if (!marker) expect(replay.state().time, where).toBeGreaterThanOrEqual(before.time);
        }
        const state = replay.state();
        expect(state.time, where).toBeGreaterThanOrEqual(first);
        expect(state.time, where).toBeLessThanOrEqual(last);
        expect(replaySpeeds as readonly number[], where).toContain(state.speed);
        expect(source.latest(), where).toBe(frames[frameIndexAt(frames, state.time)]);
        if (step.kind === 'wait') {
          const ats = shown.map((snapshot) => snapshot.at);
          expect(ats, where).toEqual([...ats].sort((a, b) => a - b));
          if (before.paused) expect(ats, where).toEqual([]);
          else expect(state.time, where).toBeGreaterThanOrEqual(before.time);
          if (state.time >= last) expect(state.paused, where).toBe(true);
        }
      }
      source.stop();
    }
  });

  it('play the recording from start to end at the speed chosen, then stop at the end', () => {
    const recording = parseRecording(recordingText(recordedRun(2, 81)), 'run.ndjson');
    const source = new ReplaySource(recording, { now: () => Date.now() });
    const replay = source.controls.replay as ReplayControls;
    source.start();
    replay.stepSpeed(1);
    expect(replay.state().speed).toBe(2);
    // 80 windows of 250 ms are 20 s of recording: 10 s at 2×.
    vi.advanceTimersByTime(5000);
    expect(replay.state().time - replay.state().start).toBeCloseTo(10_000, -2);
    vi.advanceTimersByTime(6000);
    expect(replay.state()).toMatchObject({ paused: true, time: replay.state().end });
    expect(source.latest()).toBe(recording.frames.at(-1));
    // Resuming at the end plays again from the start.
    replay.togglePause();
    expect(replay.state()).toMatchObject({ paused: false, time: replay.state().start });
    source.stop();
  });

  it('ignore every engine action: a replay changes nothing', () => {
    const recording = parseRecording(recordingText(recordedRun(4, 20)), 'run.ndjson');
    const source = new ReplaySource(recording);
    const before = source.latest();
    source.dispatch({ type: 'switchModel', model: 'workers' });
    source.dispatch({ type: 'resetStatistics' });
    expect(source.latest()).toBe(before);
  });
});
