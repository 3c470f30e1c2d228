// The recording file: NDJSON, one JSON object per line. A header first, then, in the order they happened, one
// line per published snapshot (its window's measurements only, see window-encoder.ts), the engine's events as
// they first appear, and the user's actions. Every line but the header carries `at` on the engine clock.

import type { EngineAction } from '../engine/actions.ts';
import type { WorkloadSummary } from '../engine/engine-handle.ts';
import type {
  EngineEvent,
  HistoryPoint,
  MachineInfo,
  ScoreboardRow,
  Stall,
  TaskSample,
} from '../engine/types.ts';
import type { EncodedRow } from './task-rows-codec.ts';

/** What the header's `kind` says: a file whose first line has another is not a recording. */
export const recordingKind = 'concur-tui recording';

/** The schema this build writes and reads; a reader refuses a newer one. */
export const recordingSchema = 1;

export type RecordingHeader = {
  kind: typeof recordingKind;
  schema: number;
  /** Engine clock (Unix ms) of the run's start, as `Snapshot.startedAt`. */
  startedAt: number;
  /** Wall-clock time the recording began, ISO 8601. */
  recordedAt: string;
  machine: MachineInfo;
  /** The workloads the keys `1`…`9` picked, so the replay's footer and help read as the run's did. */
  workloads: readonly WorkloadSummary[];
  /** The version of concur-tui that wrote the file. */
  version?: string;
  /** Whether the timeline lanes are in the file: never in schema 1. */
  lanes: false;
};

/**
 * One published snapshot: `at`, `windowMs`, and only the snapshot's fields that changed since the last window
 * line (the first window line holds them all). A field that disappeared is listed in `removed`.
 */
export type WindowLine = {
  kind: 'window';
  at: number;
  /** Snapshot fields that changed, by name, each whole (never `history`, `events`, `timeline`, `inspected`, `tasks`). */
  fields: Record<string, unknown>;
  removed?: string[];
  /** This window's history point, when the snapshot's history gained one. */
  point?: HistoryPoint;
  /** The whole history once, on the first window line: what the charts held when recording began. */
  history?: HistoryPoint[];
  /** How many history points and events the snapshot held: the reader keeps the newest that many. */
  historyLength: number;
  eventsLength: number;
  /**
   * Stalls: the sample without `recent`, whose new stalls come in `newStalls`; `recentLength` as above; `worst`
   * only when it changed.
   */
  stalls?: { thresholdMs: number; worst?: Stall[]; total: number; recentLength: number; newStalls: Stall[] };
  /** The task sample, its table's rows encoded (task-rows-codec.ts). */
  tasks: Omit<TaskSample, 'recent'> & { recent: EncodedRow[] };
  /** Scoreboard rows that changed (by `key`), and the rows' keys in order when that changed. */
  scoreboard?: { rows: ScoreboardRow[]; keys?: string[] };
};

/** An engine event (a switch, a settings change, a reset), the first time a snapshot held it. */
export type EventLine = { kind: 'event'; at: number; event: EngineEvent };

/** What the user asked of the engine (a key), when they asked it. */
export type ActionLine = { kind: 'action'; at: number; action: EngineAction };

export type RecordingLine = WindowLine | EventLine | ActionLine;
