import { runBench } from '../../source/bench/run-bench.ts';
import { measuredParallelCores } from '../../source/engine/metrics/machine-details-probe.ts';
import type { ModelName } from '../../source/engine/types.ts';
import type { Figure } from './figure.ts';

const duration = 3;
const warmup = 1;

/** `cpu` under async, then under workers (order alternating by repetition), with the engine's own bench. */
export const parallelSpeedup: Figure = {
  name: 'parallel-speedup',
  method: `cpu workload, concurrency 8, in-process engine: ${warmup} s warm-up + ${duration} s measured per model, workers / async throughput`,
  timeoutSeconds: 60,
  async measure({ repetition }) {
    const models: ModelName[] = repetition % 2 === 0 ? ['async', 'workers'] : ['workers', 'async'];
    const result = await runBench({ workload: 'cpu', models, duration, warmup });
    const throughput = (model: ModelName) => result.rows.find((row) => row.model === model)?.throughput ?? 0;
    // Cores that run in parallel (physical, or performance cores), not logical ones: SMT siblings share a core.
    const cores = (await measuredParallelCores()).count;
    return {
      asyncThroughput: throughput('async'),
      workersThroughput: throughput('workers'),
      speedup: throughput('workers') / throughput('async'),
      threads: result.threads,
      cores,
      expectedSpeedup: 0.95 * Math.min(result.threads, cores),
    };
  },
  checks: [
    {
      label: 'parallel speedup (workers ÷ async)',
      key: 'speedup',
      unit: '×',
      bound: (medians) => ({ kind: 'atLeast', value: medians.expectedSpeedup ?? Number.NaN }),
      absolute: { ours: 'workersThroughput', floor: 'asyncThroughput', unit: 'tasks/s' },
    },
  ],
};
