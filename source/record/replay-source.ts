// A recording as a snapshot source: implements `EngineHandle`, so the same dashboard draws it. It ignores engine
// actions (a replay changes nothing) and offers its transport through `controls.replay` instead.

import type { EngineAction } from '../engine/actions.ts';
import type { EngineHandle, SnapshotPart, WorkloadSummary } from '../engine/engine-handle.ts';
import type { Snapshot } from '../engine/types.ts';
import type { Marker, Recording } from './read-recording.ts';
import {
  type ClockAction,
  type ClockState,
  clockReducer,
  frameIndexAt,
  initialClock,
  speedOf,
} from './replay-clock.ts';
import type { PlacedMarker, ReplayControls, ReplayState, SourceControls } from './source-controls.ts';

export type ReplaySourceOptions = {
  /** Real time, ms. @default performance.now */
  now?: () => number;
  /** The longest the replay waits between two looks at the clock, ms: how often the scrub bar moves. @default 250 */
  tickMs?: number;
};

export class ReplaySource implements EngineHandle {
  readonly workloads: readonly WorkloadSummary[];
  readonly controls: SourceControls;
  /** A recording holds no inspected task, and no lanes unless its header says so (never in schema 1). */
  readonly lacks: readonly SnapshotPart[];
  readonly #recording: Recording;
  readonly #frames: Snapshot[];
  readonly #markers: PlacedMarker[];
  readonly #now: () => number;
  readonly #tickMs: number;
  readonly #snapshotListeners = new Set<(snapshot: Snapshot) => void>();
  readonly #stateListeners = new Set<() => void>();
  #clock: ClockState;
  #index = 0;
  #lastTick: number;
  #timer: NodeJS.Timeout | undefined;
  #running = false;
  #state: ReplayState | undefined;

  constructor(recording: Recording, options: ReplaySourceOptions = {}) {
    this.#recording = recording;
    this.#frames = recording.frames;
    this.workloads = recording.header.workloads;
    this.lacks = recording.header.lanes ? ['inspected'] : ['timeline', 'inspected'];
    this.#now = options.now ?? (() => performance.now());
    this.#tickMs = options.tickMs ?? 250;
    const first = (this.#frames[0] as Snapshot).at;
    const last = (this.#frames.at(-1) as Snapshot).at;
    this.#markers = placeMarkers(this.#frames, recording.markers, first, last);
    this.#clock = initialClock(first, last);
    this.#lastTick = this.#now();
    const replay: ReplayControls = {
      state: () => this.state(),
      subscribe: (listener) => this.subscribeState(listener),
      togglePause: () => this.togglePause(),
      seek: (byMs) => this.seek(byMs),
      stepSpeed: (direction) => this.stepSpeed(direction),
      nextMarker: () => this.nextMarker(),
    };
    this.controls = { replay };
  }

  /** Starts the clock (the replay plays from its start). */
  start(): void {
    this.#running = true;
    this.#lastTick = this.#now();
    this.#schedule();
  }

  stop(): void {
    this.#running = false;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#snapshotListeners.clear();
    this.#stateListeners.clear();
  }

  latest(): Snapshot | undefined {
    return this.#frames[this.#index];
  }

  subscribe(listener: (snapshot: Snapshot) => void): () => void {
    this.#snapshotListeners.add(listener);
    return () => this.#snapshotListeners.delete(listener);
  }

  /** A replay changes nothing: every engine action is ignored. */
  dispatch(_action: EngineAction): void {}

  state(): ReplayState {
    if (this.#state) return this.#state;
    const { time, start, end, paused } = this.#clock;
    const { truncated } = this.#recording;
    this.#state = {
      time,
      start,
      end,
      speed: speedOf(this.#clock),
      paused,
      markers: this.#markers,
      file: this.#recording.name,
      recordedAt: this.#recording.header.recordedAt,
      ...(truncated
        ? { truncated: `the file is cut off at line ${truncated.line}: replays up to there` }
        : {}),
    };
    return this.#state;
  }

  subscribeState(listener: () => void): () => void {
    this.#stateListeners.add(listener);
    return () => this.#stateListeners.delete(listener);
  }

  togglePause(): void {
    this.#apply({ type: 'togglePause' });
  }

  seek(byMs: number): void {
    this.#apply({ type: 'seek', byMs });
  }

  stepSpeed(direction: 1 | -1): void {
    this.#apply({ type: 'stepSpeed', direction });
  }

  nextMarker(): PlacedMarker | undefined {
    const before = this.#clock.time;
    this.#apply({ type: 'nextMarker', times: this.#markers.map((marker) => marker.time) });
    if (this.#clock.time === before) return undefined;
    return this.#markers.find((marker) => marker.time === this.#clock.time);
  }

  /** The frame shown now. */
  get frameIndex(): number {
    return this.#index;
  }

  #apply(action: ClockAction): void {
    this.#advance();
    this.#clock = clockReducer(this.#clock, action);
    this.#changed();
    this.#schedule();
  }

  /** Moves the clock on by the real time since the last look. */
  #advance(): void {
    const now = this.#now();
    const elapsedMs = now - this.#lastTick;
    this.#lastTick = now;
    if (this.#running) this.#clock = clockReducer(this.#clock, { type: 'tick', elapsedMs });
  }

  #changed(): void {
    this.#state = undefined;
    const index = frameIndexAt(this.#frames, this.#clock.time);
    if (index !== this.#index) {
      this.#index = index;
      const frame = this.#frames[index] as Snapshot;
      for (const listener of this.#snapshotListeners) listener(frame);
    }
    for (const listener of this.#stateListeners) listener();
  }

  #schedule(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (!this.#running || this.#clock.paused) return;
    const next = this.#frames[this.#index + 1];
    const untilNext = next ? (next.at - this.#clock.time) / speedOf(this.#clock) : this.#tickMs;
    const delay = Math.min(this.#tickMs, Math.max(10, untilNext));
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#advance();
      this.#changed();
      this.#schedule();
    }, delay);
    this.#timer.unref?.();
  }
}

function placeMarkers(frames: readonly Snapshot[], markers: readonly Marker[], first: number, last: number) {
  const placed: PlacedMarker[] = [];
  for (const marker of markers) {
    if (marker.at < first || marker.at > last) continue;
    const atOrBefore = frameIndexAt(frames, marker.at);
    // The frame at or before the marker may predate it; the next one holds its event.
    const index = atOrBefore + ((frames[atOrBefore] as Snapshot).at < marker.at ? 1 : 0);
    placed.push({ ...marker, time: (frames[index] as Snapshot).at });
  }
  return placed;
}
