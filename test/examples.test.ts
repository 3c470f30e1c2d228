import { readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createEventLoopModel } from '../source/engine/models/event-loop-model.ts';
import type { TaskOutcome } from '../source/engine/models/execution-model.ts';
import { createWorkerPoolModel } from '../source/engine/models/worker-pool-model.ts';
import type { Workload } from '../source/engine/types.ts';
import { loadWorkload, resolveKnobs } from '../workloads/index.ts';
import { input, options } from './helpers/model-tasks.ts';

const examplesFolder = new URL('../examples/', import.meta.url);
const exampleUrl = (file: string) => new URL(file, examplesFolder).href;
const exampleFiles = readdirSync(examplesFolder).filter((file) => file.endsWith('.js'));

/** Knobs small enough for a quick test: every knob at its minimum, except those the case sets. */
function smallKnobs(workload: Workload, overrides: Record<string, number> = {}): Record<string, number> {
  const minimums = Object.fromEntries(workload.knobs.map((knob) => [knob.name, knob.min]));
  return resolveKnobs(workload, { ...minimums, ...overrides });
}

function resultOf(outcome: TaskOutcome): unknown {
  if (outcome.status !== 'done') throw new Error(`expected done, got ${JSON.stringify(outcome)}`);
  return outcome.result;
}

describe('the examples', () => {
  const pool = createWorkerPoolModel({ threads: 1 });
  afterAll(() => pool.close());

  it('are the four the README explains', () => {
    expect(exampleFiles.sort()).toEqual(['gzip.js', 'parse-json.js', 'pbkdf2.js', 'read-file.js']);
  });

  it.each(exampleFiles)(
    '%s is a valid workload that gives the same answer on the loop and in a worker',
    async (file) => {
      const url = exampleUrl(file);
      const workload = await loadWorkload(url);
      const knobs = smallKnobs(workload);
      const onLoop = resultOf(await createEventLoopModel().run(url, input(1, knobs), options()));
      const inWorker = resultOf(await pool.run(url, input(1, knobs), options()));
      expect(typeof onLoop).toBe('number');
      expect(inWorker).toBe(onLoop);
    },
  );

  const withSyncKnob = ['pbkdf2.js', 'read-file.js', 'gzip.js'];

  it.each(withSyncKnob)(
    '%s with --sync 1 answers in the call itself, without it later, and both agree',
    async (file) => {
      const workload = await loadWorkload(exampleUrl(file));
      const blocking = workload.run(input(1, smallKnobs(workload, { sync: 1 })));
      const waiting = workload.run(input(1, smallKnobs(workload, { sync: 0 })));
      expect(blocking).not.toBeInstanceOf(Promise);
      expect(waiting).toBeInstanceOf(Promise);
      expect(await waiting).toBe(blocking);
    },
  );
});
