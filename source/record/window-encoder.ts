// Turns each published snapshot into the lines that say what changed since the last one. The history and the
// events repeat in every snapshot (and grow with the run), so only their new entries are written, with how many
// the snapshot held; the rest of the snapshot is written field by field, each only when it changed.

import type { EngineEvent, ScoreboardRow, Snapshot, Stall, StallSample } from '../engine/types.ts';
import type { EventLine, RecordingLine, WindowLine } from './recording-format.ts';
import { encodeRows } from './task-rows-codec.ts';

/** Snapshot fields the encoder writes its own way, or not at all (lanes and the inspected task are not recorded). */
const notPlainFields = new Set([
  'at',
  'history',
  'events',
  'timeline',
  'inspected',
  'stalls',
  'scoreboard',
  'tasks',
]);

/** The lines of one recording, snapshot after snapshot; keeps what it wrote last to write only changes. */
export class WindowEncoder {
  #started = false;
  readonly #fieldJson = new Map<string, string>();
  #lastPointAt: number | undefined;
  #lastEventJson: string | undefined;
  #lastStall: string | undefined;
  #worstJson = '';
  readonly #rowJson = new Map<string, string>();
  #rowKeys = '';
  readonly #taskRows = new Map<number, string>();

  /** The lines for `snapshot`: its new events first, then its window line. */
  encode(snapshot: Snapshot): RecordingLine[] {
    const first = !this.#started;
    this.#started = true;
    const lines: RecordingLine[] = this.#newEvents(snapshot.events);
    const fields: Record<string, unknown> = {};
    const removed: string[] = [];
    for (const [name, value] of Object.entries(snapshot)) {
      if (notPlainFields.has(name)) continue;
      const json = JSON.stringify(value);
      if (json === undefined) continue;
      if (this.#fieldJson.get(name) === json) continue;
      this.#fieldJson.set(name, json);
      fields[name] = value;
    }
    for (const name of this.#fieldJson.keys()) {
      if ((snapshot as Record<string, unknown>)[name] === undefined) {
        this.#fieldJson.delete(name);
        removed.push(name);
      }
    }
    const { recent, ...tasks } = snapshot.tasks;
    const window: WindowLine = {
      kind: 'window',
      at: snapshot.at,
      fields,
      ...(removed.length > 0 ? { removed } : {}),
      historyLength: snapshot.history.length,
      eventsLength: snapshot.events.length,
      tasks: { ...tasks, recent: encodeRows(recent, snapshot.at, this.#taskRows) },
    };
    const point = snapshot.history.at(-1);
    if (first) {
      window.history = snapshot.history;
    } else if (point && point.at !== this.#lastPointAt) {
      window.point = point;
    }
    this.#lastPointAt = point?.at;
    if (snapshot.stalls) window.stalls = this.#stalls(snapshot.stalls);
    const scoreboard = this.#scoreboard(snapshot.scoreboard);
    if (scoreboard) window.scoreboard = scoreboard;
    lines.push(window);
    return lines;
  }

  /** The events after the last one written; all of them after a reset cleared the list (or on the first call). */
  #newEvents(events: readonly EngineEvent[]): EventLine[] {
    let from = 0;
    if (this.#lastEventJson !== undefined) {
      for (let index = events.length - 1; index >= 0; index -= 1) {
        if (JSON.stringify(events[index]) === this.#lastEventJson) {
          from = index + 1;
          break;
        }
      }
    }
    const fresh = events.slice(from);
    const last = fresh.at(-1);
    if (last) this.#lastEventJson = JSON.stringify(last);
    return fresh.map((event) => ({ kind: 'event', at: event.at, event }));
  }

  #stalls(sample: StallSample): NonNullable<WindowLine['stalls']> {
    // The stalls after the last one written; all of them when it is gone (a reset, or none for a minute).
    let from = 0;
    for (let index = sample.recent.length - 1; index >= 0 && this.#lastStall !== undefined; index -= 1) {
      if (stallKey(sample.recent[index] as Stall) === this.#lastStall) {
        from = index + 1;
        break;
      }
    }
    const newStalls = sample.recent.slice(from);
    const last = newStalls.at(-1);
    if (last) this.#lastStall = stallKey(last);
    // The worst blockers change rarely: written when they do.
    const worstJson = JSON.stringify(sample.worst);
    const worstChanged = worstJson !== this.#worstJson;
    this.#worstJson = worstJson;
    return {
      thresholdMs: sample.thresholdMs,
      ...(worstChanged ? { worst: sample.worst } : {}),
      total: sample.total ?? sample.recent.length,
      recentLength: sample.recent.length,
      newStalls,
    };
  }

  #scoreboard(rows: readonly ScoreboardRow[]): WindowLine['scoreboard'] {
    const changed: ScoreboardRow[] = [];
    for (const row of rows) {
      const json = JSON.stringify(row);
      if (this.#rowJson.get(row.key) === json) continue;
      this.#rowJson.set(row.key, json);
      changed.push(row);
    }
    const keys = rows.map((row) => row.key);
    const keysJson = JSON.stringify(keys);
    const keysChanged = keysJson !== this.#rowKeys;
    this.#rowKeys = keysJson;
    if (changed.length === 0 && !keysChanged) return undefined;
    return { rows: changed, ...(keysChanged ? { keys } : {}) };
  }
}

/** A stall by when it began and how long it lasted: no two stalls of the loop share both. */
function stallKey(stall: Stall): string {
  return `${stall.at}:${stall.durationMs}`;
}
