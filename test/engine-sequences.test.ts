// Random key sequences against the engine, seeded and reproducible: after every step the task counts add up,
// no task counts for two rows, no two rows count at the same time, and the closed loop keeps its concurrency;
// on one model, on two, and on three with one added to the descriptor table at run time.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { EngineAction } from '../source/engine/actions.ts';
import { Engine } from '../source/engine/engine.ts';
import { registerModel } from '../source/engine/models/model-descriptors.ts';
import type { ModelName, Snapshot } from '../source/engine/types.ts';
import { gate, gateUrl } from './fixtures/gate-engine.ts';
import gateWorkload from './fixtures/gate-workload.ts';
import { relayDescriptor, relayName } from './fixtures/relay-model.ts';
import { seededRandom } from './helpers/seeded-random.ts';

type Step =
  | { kind: 'engine'; action: EngineAction }
  | { kind: 'gate'; operation: 'close' | 'open' | 'release' }
  | { kind: 'wait'; turns: number };

function randomStep(random: () => number, models: readonly ModelName[]): Step {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const roll = random();
  if (roll < 0.3) return { kind: 'wait', turns: 1 + Math.floor(random() * 4) };
  if (roll < 0.42) return { kind: 'gate', operation: pick(['close', 'open', 'release'] as const) };
  const actions: EngineAction[] = [
    { type: 'switchModel', model: pick(models) },
    { type: 'setWorkload', workload: pick(['gate', 'io-timer']) },
    { type: 'changeConcurrency', delta: pick([1, -1]) },
    { type: 'changeConcurrency', delta: pick([2, -2]) },
    { type: 'setConcurrency', concurrency: pick([1, 3, 16, 40]) },
    { type: 'setRate', rate: pick([50, 500, 5000]) },
    { type: 'changeThreads', delta: pick([1, -1]) },
    { type: 'togglePause' },
    { type: 'resetStatistics' },
  ];
  return { kind: 'engine', action: pick(actions) };
}

/** What the checks remember across the steps of one sequence. */
type Ledger = { countedTasks: Set<number>; perRow: Map<string, number>; problems: string[] };

function check(engine: Engine, snapshot: Snapshot, ledger: Ledger, strictQueue: boolean): void {
  const { counts } = snapshot.tasks;
  const inFlight = counts.queued + counts.running;
  const problem = (message: string) => ledger.problems.push(message);
  if (counts.done + counts.failed + counts.cancelled + inFlight !== counts.submitted) {
    problem(`counts do not add up: ${JSON.stringify(counts)}`);
  }
  const current = snapshot.scoreboard.filter((row) => row.phase !== 'past');
  if (current.length !== 1) problem(`${current.length} current rows`);
  for (const row of snapshot.scoreboard) {
    const counted = ledger.perRow.get(row.key) ?? 0;
    if (row.finished + row.failed !== counted) {
      problem(`row ${row.key} shows ${row.finished + row.failed} tasks, ${counted} were counted for it`);
    }
  }
  const intervals = engine.countedIntervals().sort((a, b) => a.from - b.from);
  for (let index = 1; index < intervals.length; index++) {
    const [previous, next] = [intervals[index - 1], intervals[index]];
    if (previous && next && next.from < previous.to) {
      problem(`rows ${previous.key} and ${next.key} counted at the same time`);
    }
  }
  const { mode, concurrency, paused } = snapshot.scheduler;
  if (mode === 'closed' && !paused) {
    if (inFlight < concurrency) problem(`${inFlight} in flight, concurrency ${concurrency}`);
    // On the loop a task is queued until it starts: only tasks from before may exceed the concurrency.
    const fromBefore = current[0]?.settling?.tasksFromBefore ?? 0;
    if (strictQueue && inFlight > concurrency && inFlight - concurrency > fromBefore) {
      problem(`${inFlight} in flight at concurrency ${concurrency} with ${fromBefore} from before`);
    }
  }
}

async function runSequence(
  seed: number,
  steps: number,
  models: readonly ModelName[],
  countedPerModel = new Map<string, number>(),
): Promise<string[]> {
  const random = seededRandom(seed);
  const ledger: Ledger = { countedTasks: new Set(), perRow: new Map(), problems: [] };
  gate.reset();
  const engine = new Engine({
    // Both finish at once when not held, and yield the loop between tasks as I/O does.
    workload: random() < 0.5 ? 'gate' : 'io-timer',
    knobs: { defer: 1, latency: 0 },
    workloadFiles: [{ url: gateUrl, workload: gateWorkload }],
    model: models[Math.floor(random() * models.length)],
    mode: random() < 0.2 ? 'open' : 'closed',
    concurrency: 1 + Math.floor(random() * 12),
    rate: 1000,
    threads: 1 + Math.floor(random() * 2),
    sampleIntervalMs: 3_600_000,
    // A bound, not a wait: stop() returns as soon as the last task settles. Under load a loop turn can take
    // longer than 50 ms, and then tasks that were about to end would be left in flight.
    stopTimeoutMs: 1000,
    onTaskCounted: (task, key) => {
      if (ledger.countedTasks.has(task.id)) ledger.problems.push(`task ${task.id} counted twice`);
      // A row counts only what ran under its configuration: never a task that ran on another model.
      if (!key.startsWith(`${task.model}|`)) ledger.problems.push(`task on ${task.model} counted for ${key}`);
      ledger.countedTasks.add(task.id);
      countedPerModel.set(task.model, (countedPerModel.get(task.model) ?? 0) + 1);
      ledger.perRow.set(key, (ledger.perRow.get(key) ?? 0) + 1);
    },
  });
  const log: string[] = [];
  const strictQueue = !models.includes('workers');
  try {
    await engine.start();
    for (let index = 0; index < steps && ledger.problems.length === 0; index++) {
      const step = randomStep(random, models);
      log.push(JSON.stringify(step));
      if (step.kind === 'wait') {
        for (let turn = 0; turn < step.turns; turn++) await nextTurn();
      } else if (step.kind === 'gate') {
        if (step.operation === 'close') gate.close();
        else if (step.operation === 'open') gate.open();
        else gate.releaseHeld();
        // The gate changes nothing in the engine until the loop turns: the next step checks.
        continue;
      } else {
        if (step.action.type === 'resetStatistics') ledger.perRow.clear();
        engine.dispatch(step.action);
        if (step.action.type === 'setWorkload') await engine.settled();
      }
      check(engine, engine.snapshotNow(), ledger, strictQueue);
    }
  } finally {
    gate.reset();
    await engine.stop();
  }
  const { counts } = engine.latest()?.tasks ?? { counts: undefined };
  if (counts && counts.queued + counts.running > 0 && models.includes('workers') === false) {
    ledger.problems.push(`${counts.queued + counts.running} tasks still in flight after stop`);
  }
  return ledger.problems.length > 0 ? [`seed ${seed}: ${ledger.problems[0]}`, ...log] : [];
}

describe('random key sequences', () => {
  it('keep every invariant across three models, one added to the table at run time (30 sequences)', async () => {
    const remove = registerModel(relayDescriptor);
    const counted = new Map<string, number>();
    try {
      for (let seed = 20_001; seed <= 20_030; seed++) {
        const failure = await runSequence(seed, 40, ['async', 'workers', relayName], counted);
        expect(failure).toEqual([]);
      }
    } finally {
      remove();
    }
    // The added model ran and counted tasks like a built-in one (worker threads take longer to start than a
    // sequence of turns lasts, so workers is switched to and from, and its tasks withdrawn, more than counted).
    for (const model of ['async', relayName]) expect(counted.get(model) ?? 0, model).toBeGreaterThan(100);
  }, 120_000);

  it('keep every invariant on the event loop (2,000 sequences)', async () => {
    for (let seed = 1; seed <= 2000; seed++) {
      const failure = await runSequence(seed, 30, ['async']);
      expect(failure).toEqual([]);
    }
  }, 120_000);

  it('keep every invariant across the event loop and the worker pool (40 sequences)', async () => {
    for (let seed = 10_001; seed <= 10_040; seed++) {
      const failure = await runSequence(seed, 40, ['async', 'workers']);
      expect(failure).toEqual([]);
    }
  }, 120_000);
});
