// The reader's half of window-encoder.ts: rebuilds each full snapshot from the window lines, carrying every field
// forward until a line changes it, and the history, events and stalls from their new entries and lengths.

import {
  type EngineEvent,
  type HistoryPoint,
  type ScoreboardRow,
  type Snapshot,
  type Stall,
  snapshotSchema,
  type TaskRecord,
} from '../engine/types.ts';
import type { WindowLine } from './recording-format.ts';
import { decodeRows } from './task-rows-codec.ts';

/** Builds snapshots line by line; the snapshots share unchanged parts, so a long recording stays small in memory. */
export class FrameBuilder {
  readonly #fields: Record<string, unknown> = {};
  #points: HistoryPoint[] = [];
  #events: EngineEvent[] = [];
  #stalls: Stall[] = [];
  #worst: Stall[] = [];
  readonly #rows = new Map<string, ScoreboardRow>();
  #rowKeys: string[] = [];
  readonly #taskRows = new Map<number, TaskRecord>();

  event(event: EngineEvent): void {
    // Never in place: the snapshots already built hold the arrays they were given.
    this.#events = [...this.#events, event];
  }

  /** The snapshot a window line stands for; throws when a line lacks what every window line has. */
  window(line: WindowLine): Snapshot {
    if (
      typeof line.at !== 'number' ||
      typeof line.fields !== 'object' ||
      line.fields === null ||
      !line.tasks
    ) {
      throw new Error('a window line needs "at", "fields" and "tasks"');
    }
    const { recent, ...tasks } = line.tasks;
    Object.assign(this.#fields, line.fields);
    for (const name of line.removed ?? []) delete this.#fields[name];
    if (line.history) this.#points = [...line.history];
    else if (line.point) this.#points = [...this.#points, line.point];
    this.#points = keepNewest(this.#points, line.historyLength);
    this.#events = keepNewest(this.#events, line.eventsLength);
    if (line.scoreboard) {
      for (const row of line.scoreboard.rows) this.#rows.set(row.key, row);
      if (line.scoreboard.keys) this.#rowKeys = line.scoreboard.keys;
    }
    let stalls: Snapshot['stalls'];
    if (line.stalls) {
      const { thresholdMs, worst, total, recentLength, newStalls } = line.stalls;
      if (worst) this.#worst = worst;
      this.#stalls = keepNewest([...this.#stalls, ...newStalls], recentLength);
      stalls = { thresholdMs, worst: this.#worst, total, recent: this.#stalls };
    }
    // Recordings made before snapshots carried a version hold version 1's shape.
    const schema = this.#fields.schema ?? 1;
    if (typeof schema !== 'number' || !Number.isInteger(schema) || schema > snapshotSchema) {
      throw new Error(
        `snapshots of schema ${JSON.stringify(schema)}, newer than this concur-tui reads (${snapshotSchema}): replay it with a newer concur-tui`,
      );
    }
    const snapshot = {
      ...this.#fields,
      schema,
      at: line.at,
      tasks: { ...tasks, recent: decodeRows(recent, line.at, this.#taskRows) },
      history: this.#points,
      events: this.#events,
      scoreboard: this.#rowKeys.flatMap((key) => this.#rows.get(key) ?? []),
      ...(stalls ? { stalls } : {}),
    } as Snapshot;
    if (typeof snapshot.startedAt !== 'number' || typeof snapshot.model !== 'string') {
      throw new Error('the first window line must hold the whole snapshot');
    }
    return snapshot;
  }
}

/** The newest `count` entries, as a new array (the snapshot handed out keeps its own). */
function keepNewest<Item>(items: readonly Item[], count: number): Item[] {
  const kept = Math.max(0, Math.min(items.length, Number.isFinite(count) ? count : items.length));
  return items.slice(items.length - kept);
}
