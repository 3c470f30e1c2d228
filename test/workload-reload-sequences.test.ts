// Random sequences of saves (good and broken), model and workload switches, load changes and resets against a
// running engine on a workload file, seeded and reproducible. After every step the task counts add up; at the
// end every task ran a good version, never one newer than the latest good version at its start, and finished
// on the version it started with.
import { describe, expect, it } from 'vitest';
import type { EngineAction } from '../source/engine/actions.ts';
import { now } from '../source/engine/clock.ts';
import { Engine } from '../source/engine/engine.ts';
import type { Snapshot } from '../source/engine/types.ts';
import { pinWorkloadFile } from '../source/engine/workload-reload-pins.ts';
import { seededRandom } from './helpers/seeded-random.ts';
import { VersionedWorkload } from './helpers/versioned-workload.ts';
import { waitFor } from './helpers/wait-for.ts';

type Step =
  | { kind: 'save' }
  | { kind: 'break'; how: 'syntax' | 'throws' | 'contract' }
  | { kind: 'gate'; open: boolean }
  | { kind: 'wait' }
  | { kind: 'engine'; action: EngineAction };

function randomStep(random: () => number, url: string): Step {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const roll = random();
  if (roll < 0.25) return { kind: 'save' };
  if (roll < 0.35) return { kind: 'break', how: pick(['syntax', 'throws', 'contract'] as const) };
  if (roll < 0.45) return { kind: 'gate', open: random() < 0.6 };
  if (roll < 0.55) return { kind: 'wait' };
  const actions: EngineAction[] = [
    { type: 'switchModel', model: pick(['async', 'workers', 'processes'] as const) },
    { type: 'setWorkload', workload: pick(['io-timer', url, url]) },
    { type: 'setConcurrency', concurrency: pick([1, 3, 6]) },
    { type: 'resetStatistics' },
  ];
  return { kind: 'engine', action: pick(actions) };
}

function countsAddUp(snapshot: Snapshot): string | undefined {
  const { counts } = snapshot.tasks;
  const inFlight = counts.queued + counts.running;
  if (counts.done + counts.failed + counts.cancelled + inFlight === counts.submitted) return undefined;
  return `counts do not add up: ${JSON.stringify(counts)}`;
}

async function runSequence(seed: number, steps: number): Promise<string[]> {
  const random = seededRandom(seed);
  const file = new VersionedWorkload();
  const problems: string[] = [];
  /** Each good version, and when it was saved: no task may run it before. */
  const saved: { version: number; at: number }[] = [{ version: 1, at: Number.NEGATIVE_INFINITY }];
  // Version 1 pinned as the dashboard pins it: a thread that first imports it after a broken save still gets it.
  const url = await pinWorkloadFile(file.url, 1);
  const engine = new Engine({
    workload: file.url,
    workloadFiles: [{ url, workload: await file.workload() }],
    concurrency: 3,
    threads: 2,
    sampleIntervalMs: 60_000,
    settlingBoundMs: 200,
  });
  try {
    file.open();
    await engine.start();
    await waitFor(() => file.lines().length > 0, { what: 'v1 loaded', timeoutMs: 20_000 });
    for (let index = 0; index < steps; index++) {
      const step = randomStep(random, file.url);
      if (step.kind === 'save' || step.kind === 'break') {
        const version = (saved.at(-1)?.version ?? 1) + 1;
        if (step.kind === 'save') {
          saved.push({ version, at: now() });
          file.save(version);
        } else file.saveBroken(step.how);
        engine.dispatch({ type: 'reloadWorkload', url: file.url });
        await engine.settled();
        const notice = engine.latest() && engine.snapshotNow().notice;
        const expected = step.kind === 'save' ? `reloaded task.mjs (v${version})` : 'task.mjs not reloaded';
        if (!notice?.message.startsWith(expected)) {
          problems.push(`seed ${seed} step ${index} ${step.kind}: notice "${notice?.message}"`);
        }
      } else if (step.kind === 'gate') {
        if (step.open) file.open();
        else file.close();
      } else if (step.kind === 'wait') {
        // Some tasks finish: of the file when it runs and its gate is open, else of whatever runs.
        const onFile = engine.snapshotNow().workload.name === 'versioned';
        const seen = file.lines().length;
        const done = engine.snapshotNow().tasks.counts.done;
        const progressed = () =>
          onFile ? file.lines().length > seen : engine.snapshotNow().tasks.counts.done > done;
        if (file.opened || !onFile) await waitFor(progressed, { what: 'a task', timeoutMs: 20_000 });
      } else {
        engine.dispatch(step.action);
        await engine.settled();
      }
      const problem = countsAddUp(engine.snapshotNow());
      if (problem) problems.push(`seed ${seed} step ${index} (${JSON.stringify(step)}): ${problem}`);
    }
    file.open();
    await engine.stop();
    const finalProblem = countsAddUp(engine.snapshotNow());
    if (finalProblem) problems.push(`seed ${seed} at the end: ${finalProblem}`);
    const lines = file.lines();
    const starts = new Map(lines.filter((line) => line.at === 'start').map((line) => [line.id, line]));
    for (const line of lines) {
      const start = starts.get(line.id);
      if (!start) continue;
      const latestAtStart = saved.filter((entry) => entry.at <= (start.time ?? 0)).at(-1)?.version ?? 1;
      if (line.version < 1) problems.push(`seed ${seed}: task ${line.id} ran a broken save`);
      else if (line.version > latestAtStart) {
        problems.push(`seed ${seed}: task ${line.id} ran v${line.version}, saved after it started`);
      }
      if (line.at === 'end' && line.version !== start.version) {
        problems.push(
          `seed ${seed}: task ${line.id} started on v${start.version}, ended on v${line.version}`,
        );
      }
    }
    const current = engine.snapshotNow().scoreboard.find((row) => row.phase !== 'past');
    const last = saved.at(-1)?.version ?? 1;
    if (current?.workload === 'versioned' && (current.config.codeVersion ?? 1) !== last) {
      problems.push(
        `seed ${seed}: the current row is v${current.config.codeVersion}, the last good save v${last}`,
      );
    }
  } finally {
    file.open();
    await engine.stop();
    file.remove();
  }
  return problems;
}

describe('random sequences of saves and switches on a workload file', () => {
  it.each([1, 2, 3, 4])(
    'keep every task on a good version, with counts that add up (seed %i)',
    async (seed) => {
      expect(await runSequence(seed, 30)).toEqual([]);
    },
    120_000,
  );
});
