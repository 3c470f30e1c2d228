// What a snapshot source offers beyond the engine's actions: the live run's recording (start and stop), or a
// replay's transport (pause, seek, speed, markers). The dashboard's keys reach them through
// `EngineHandle.controls`, so the same dashboard draws a live run and a replay.

import type { PresenterControls } from '../present/presenter.ts';
import type { Marker } from './read-recording.ts';

/** A marker where the replay shows it: `time` is the first frame that holds its event. */
export type PlacedMarker = Marker & { time: number };

/** Where a replay stands: what its scrub bar shows. */
export type ReplayState = {
  /** The replayed time (engine clock of the recording), from `start` to `end`. */
  time: number;
  start: number;
  end: number;
  /** Replay speed: 1 is as recorded. */
  speed: number;
  paused: boolean;
  markers: readonly PlacedMarker[];
  /** The file's name and when it was recorded (ISO 8601), for the header. */
  file: string;
  recordedAt: string;
  /** Set when the file was cut off: where the replay ends instead, in one line. */
  truncated?: string;
};

/** The transport of a replay. */
export type ReplayControls = {
  state(): ReplayState;
  /** Calls `listener` whenever the state changes (time, speed, pause); returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  togglePause(): void;
  /** Moves the time by `byMs` (negative: back), within the recording. */
  seek(byMs: number): void;
  /** One speed step up (1) or down (-1), within 0.25× … 8×. */
  stepSpeed(direction: 1 | -1): void;
  /** Jumps to the next marker after the time; returns it, or undefined when there is none. */
  nextMarker(): PlacedMarker | undefined;
};

/** Starting and stopping a recording of the live run. */
export type RecordingControls = {
  /** Starts recording (to a new file in the working directory) or stops it; returns what happened, in words. */
  toggle(): string;
};

export type SourceControls = {
  replay?: ReplayControls;
  recording?: RecordingControls;
  /** A talk's script presented on the live run (`concur-tui present`). */
  presenter?: PresenterControls;
};
