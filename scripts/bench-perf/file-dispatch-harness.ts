// The measurements of the file-dispatch figure, run bundled like the binary (worker-entry.js and process-entry.js
// beside it, as in dist/). Argv: repetition, then the `file:` URL of a workload file whose task is the built-in
// `cpu`'s own. Prints one JSON line.

import { createEventLoopModel } from '../../source/engine/models/event-loop-model.ts';
import type { ExecutionModel, TaskCallbacks } from '../../source/engine/models/execution-model.ts';
import { createProcessPoolModel } from '../../source/engine/models/process-pool-model.ts';
import { createWorkerPoolModel } from '../../source/engine/models/worker-pool-model.ts';
import type { Measurements } from './figure.ts';
import { closedLoopRate } from './process-closed-loop.ts';

const members = 2;
/** The engine's default load: 8 tasks in flight. */
const inFlight = 8;
const warmupMs = 300;
const measuredMs = 1000;
const tiny = { size: 1 };
const repetition = Number(process.argv[2] ?? 0);
const fileUrl = process.argv[3] as string;

const creators: Record<string, () => ExecutionModel> = {
  async: () => createEventLoopModel(),
  workers: () => createWorkerPoolModel({ threads: members }),
  processes: () => createProcessPoolModel({ processes: members }),
};

/** Tasks finished per second, driving a fresh model through `submit` as the engine does. */
async function modelRate(model: ExecutionModel, workload: string): Promise<number> {
  const signal = new AbortController().signal;
  let id = 0;
  const input = () => ({ id: ++id, knobs: tiny, context: {} });
  try {
    // Every member up, and the file imported in each, before timing starts.
    await Promise.all(
      Array.from({ length: members * 2 }, () => model.run(workload, input(), { signal, onStart() {} })),
    );
    return await closedLoopRate(
      inFlight,
      (done) => {
        const callbacks: TaskCallbacks = { signal, onStart() {}, onSettled: done };
        model.submit(workload, input(), callbacks);
      },
      warmupMs,
      measuredMs,
    );
  } finally {
    await model.close();
  }
}

const result: Measurements = {};
for (const [name, create] of Object.entries(creators)) {
  // A-B-B-A, the side that starts alternating by repetition: the first run in a process also pays for compiling.
  const sides =
    repetition % 2 === 0 ? ['builtin', 'file', 'file', 'builtin'] : ['file', 'builtin', 'builtin', 'file'];
  const rates: Record<string, number[]> = { builtin: [], file: [] };
  for (const side of sides) {
    rates[side]?.push(await modelRate(create(), side === 'file' ? fileUrl : 'cpu'));
  }
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  result[`${name}Builtin`] = mean(rates.builtin as number[]);
  result[`${name}File`] = mean(rates.file as number[]);
  result[`${name}FileOverBuiltin`] = mean(rates.file as number[]) / mean(rates.builtin as number[]);
}
process.stdout.write(`${JSON.stringify(result)}\n`);
