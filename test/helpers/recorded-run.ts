// A run of snapshots as an engine would publish them, made from plain values and a seed: every window adds a
// history point; now and then a model switch (an event and a new scoreboard row), a reset (history, events and
// stalls cleared), a notice that comes and goes, stalls. For the recording's format and replay tests.

import type {
  EngineEvent,
  HistoryPoint,
  ModelName,
  Snapshot,
  Stall,
  TaskRecord,
} from '../../source/engine/types.ts';
import { recordingKind, recordingSchema } from '../../source/record/recording-format.ts';
import { WindowEncoder } from '../../source/record/window-encoder.ts';
import { asyncRunningCpu } from '../fixtures/snapshots.ts';
import { seededRandom } from './seeded-random.ts';

const models: ModelName[] = ['async', 'workers', 'processes'];

/** `windows` snapshots 250 ms apart, as the engine publishes them, with the history bounded to `historyLength`. */
export function recordedRun(seed: number, windows: number, historyLength = 40): Snapshot[] {
  const random = seededRandom(seed);
  const start = asyncRunningCpu.at;
  let model: ModelName = 'async';
  let history: HistoryPoint[] = asyncRunningCpu.history.slice(-historyLength);
  let events: EngineEvent[] = [];
  let stalls: Stall[] = [];
  let stallTotal = 0;
  const rows = new Map(asyncRunningCpu.scoreboard.map((row) => [row.key, row]));
  const snapshots: Snapshot[] = [];
  for (let index = 0; index < windows; index += 1) {
    const at = start + index * 250;
    const roll = random();
    if (roll < 0.06) {
      const to = models[Math.floor(random() * models.length)] as ModelName;
      const event: EngineEvent = { at: at - 100, kind: 'switch', from: model, to };
      events = [...events, event].slice(-128);
      model = to;
    } else if (roll < 0.08) {
      history = [];
      events = [{ at: at - 50, kind: 'reset' }];
      stalls = [];
      stallTotal = 0;
      rows.clear();
    }
    if (random() < 0.2) {
      stalls = [...stalls, { at: at - 120, durationMs: 20 + random() * 100, culprits: [], tasks: 0 }].slice(
        -30,
      );
      stallTotal += 1;
    }
    history = [
      ...history,
      {
        at,
        model,
        lagP99: random() * 50,
        lagMax: random() * 80,
        eventLoopUtilization: random(),
        throughput: random() * 1000,
        poolUtilization: random(),
        processCores: random() * 2,
        perCore: [random(), random()],
        settling: random() < 0.1,
      },
    ].slice(-historyLength);
    const key = `cpu|${model}`;
    const previous = rows.get(key);
    rows.set(key, {
      ...(asyncRunningCpu.scoreboard[0] as Snapshot['scoreboard'][number]),
      ...previous,
      key,
      model,
      phase: 'measuring',
      throughput: random() * 1000,
      activeMs: (previous?.activeMs ?? 0) + 250,
    });
    for (const [other, row] of rows) if (other !== key) rows.set(other, { ...row, phase: 'past' });
    const notice =
      random() < 0.3 ? { at: at - 10, level: 'info' as const, message: `notice ${index}` } : undefined;
    // The task table: the newest few ids, each queued, running or done, some unchanged from the window before.
    const newest = 100 + Math.floor(index / 2);
    const recent: TaskRecord[] = [0, 1, 2, 3].map((back) => {
      const id = newest - back;
      const state = back === 0 ? 'queued' : back === 1 && index % 2 === 0 ? 'running' : 'done';
      return {
        id,
        state,
        model,
        submittedAt: start + id * 125,
        ...(state === 'queued' ? {} : { threadId: 0, startedAt: start + id * 125 + 10 }),
        ...(state === 'done' ? { endedAt: start + id * 125 + 60, slices: 2, sliceMs: 0.5 } : {}),
      };
    });
    snapshots.push({
      ...asyncRunningCpu,
      tasks: { ...asyncRunningCpu.tasks, recent },
      at,
      model,
      eventLoop: { lag: { p50: random(), p99: random() * 10, max: random() * 20 }, utilization: random() },
      history,
      events,
      scoreboard: [...rows.values()],
      stalls: { thresholdMs: 20, recent: stalls, worst: stalls.slice(0, 2), total: stallTotal },
      ...(notice ? { notice } : {}),
    });
  }
  return snapshots;
}

/** The recording file's text for `snapshots`, as the writer makes it. */
export function recordingText(snapshots: readonly Snapshot[]): string {
  const encoder = new WindowEncoder();
  const first = snapshots[0] as Snapshot;
  const header = {
    kind: recordingKind,
    schema: recordingSchema,
    startedAt: first.startedAt,
    recordedAt: '2026-12-02T01:00:00.000Z',
    machine: first.machine,
    workloads: [],
    lanes: false,
  };
  const lines = snapshots.flatMap((snapshot) => encoder.encode(snapshot));
  return `${[header, ...lines].map((line) => JSON.stringify(line)).join('\n')}\n`;
}
