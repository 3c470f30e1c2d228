// The measurements of the file-dispatch figure, run bundled like the binary (worker-entry.js and process-entry.js
// beside it, as in dist/). Argv: repetition, then the `file:` URL of a workload file whose task is the built-in
// `cpu`'s own. Prints one JSON line.

import { createEventLoopModel } from '../../source/engine/models/event-loop-model.ts';
import type { ExecutionModel, TaskCallbacks } from '../../source/engine/models/execution-model.ts';
import { createProcessPoolModel } from '../../source/engine/models/process-pool-model.ts';
import { createWorkerPoolModel } from '../../source/engine/models/worker-pool-model.ts';
import type { Measurements } from './figure.ts';
import { closedLoopRate } from './process-closed-loop.ts';
import { median } from './stats.ts';

const members = 2;
/** The engine's default load: 8 tasks in flight. */
const inFlight = 8;
/** ABBA blocks per model; the ratio is their median. */
const blocks = 5;
const warmupMs = 100;
const measuredMs = 400;
const tiny = { size: 1 };
const repetition = Number(process.argv[2] ?? 0);
const fileUrl = process.argv[3] as string;

const creators: Record<string, () => ExecutionModel> = {
  async: () => createEventLoopModel(),
  workers: () => createWorkerPoolModel({ threads: members }),
  processes: () => createProcessPoolModel({ processes: members }),
};

/** Tasks finished per second over one window, driving `model` through `submit` as the engine does. */
function windowRate(model: ExecutionModel, workload: string, nextId: () => number): Promise<number> {
  const signal = new AbortController().signal;
  return closedLoopRate(
    inFlight,
    (done) => {
      const callbacks: TaskCallbacks = { signal, onStart() {}, onSettled: done };
      model.submit(workload, { id: nextId(), knobs: tiny, context: {} }, callbacks);
    },
    warmupMs,
    measuredMs,
  );
}

const result: Measurements = {};
for (const [name, create] of Object.entries(creators)) {
  // One model for both sides, so both run on the same threads or processes, warm: only the specifier differs.
  const model = create();
  let id = 0;
  const nextId = () => ++id;
  const signal = new AbortController().signal;
  try {
    // Every member up, and the file imported in each, before timing starts.
    for (const workload of ['cpu', fileUrl]) {
      const outcomes = await Promise.all(
        Array.from({ length: members * 4 }, () =>
          model.run(workload, { id: nextId(), knobs: tiny, context: {} }, { signal, onStart() {} }),
        ),
      );
      // A side whose tasks fail would be measured as fast: refuse to measure it.
      const failed = outcomes.find((outcome) => outcome.status !== 'done');
      if (failed) throw new Error(`${name} ${workload}: ${JSON.stringify(failed)}`);
    }
    const ratios: number[] = [];
    const rates: Record<string, number[]> = { builtin: [], file: [] };
    for (let block = 0; block < blocks; block++) {
      // A-B-B-A, the side that starts alternating by block and repetition, so drift over time cancels.
      const first = (block + repetition) % 2 === 0 ? 'builtin' : 'file';
      const second = first === 'builtin' ? 'file' : 'builtin';
      const blockRates: Record<string, number[]> = { builtin: [], file: [] };
      for (const side of [first, second, second, first]) {
        const rate = await windowRate(model, side === 'file' ? fileUrl : 'cpu', nextId);
        blockRates[side]?.push(rate);
        rates[side]?.push(rate);
      }
      const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
      ratios.push(mean(blockRates.file as number[]) / mean(blockRates.builtin as number[]));
    }
    result[`${name}Builtin`] = median(rates.builtin as number[]);
    result[`${name}File`] = median(rates.file as number[]);
    result[`${name}FileOverBuiltin`] = median(ratios);
  } finally {
    await model.close();
  }
}
process.stdout.write(`${JSON.stringify(result)}\n`);
