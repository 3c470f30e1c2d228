import { availableParallelism } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import { Piscina } from 'piscina';
import type { TaskCallbacks } from '../../source/engine/models/execution-model.ts';
import { piscinaOptions } from '../../source/engine/models/piscina-pool.ts';
import { createThreadBoard, resetTicket } from '../../source/engine/models/thread-board.ts';
import type { WorkerPayload, WorkerResult } from '../../source/engine/models/worker-messages.ts';
import { createWorkerPoolModel } from '../../source/engine/models/worker-pool-model.ts';
import type { TaskInput } from '../../source/engine/types.ts';
import type { Figure, Measurements } from './figure.ts';

const warmupSeconds = 1;
const measuredSeconds = 2;
/**
 * Tasks in flight per thread, the same on both sides: one (no task waits, every dispatch is on the critical
 * path) and four (the engine's default of 8 on two cores: queues never run dry).
 */
const inFlightLevels = [1, 4];
/** `cpu` at its smallest size: 1,000 hash rounds, a few microseconds, so dispatch is nearly all the cost. */
const knobs = { size: 1 };

/** A closed loop of tiny tasks: `submit(onDone)` starts one; each completion starts the next. */
async function closedLoopThroughput(inFlight: number, submit: (onDone: () => void) => void): Promise<number> {
  let finished = 0;
  let open = true;
  let settle: () => void = () => {};
  let outstanding = 0;
  const drained = new Promise<void>((resolve) => {
    settle = resolve;
  });
  const onDone = () => {
    finished++;
    if (open) submit(onDone);
    else if (--outstanding === 0) settle();
  };
  for (let index = 0; index < inFlight; index++) submit(onDone);
  await delay(warmupSeconds * 1000);
  const startCount = finished;
  const startedAt = performance.now();
  await delay(measuredSeconds * 1000);
  const count = finished - startCount;
  const elapsed = (performance.now() - startedAt) / 1000;
  outstanding = inFlight;
  open = false;
  await drained;
  return count / elapsed;
}

/**
 * concur-tui's worker model (one single-thread Piscina per thread, its own queue and balancer), driven through
 * its hot-path `submit` as the engine drives it.
 */
async function modelThroughput(threads: number, inFlight: number): Promise<number> {
  const model = createWorkerPoolModel({ threads });
  const signal = new AbortController().signal;
  let id = 0;
  try {
    return await closedLoopThroughput(inFlight, (onDone) => {
      const input: TaskInput = { id: ++id, knobs, context: {} };
      const callbacks: TaskCallbacks = { signal, onStart: () => {}, onSettled: onDone };
      model.submit('cpu', input, callbacks);
    });
  } finally {
    await model.close();
  }
}

/**
 * Piscina alone: one pool of all the threads, with the worker file and options concur-tui uses
 * (source/engine/models/piscina-pool.ts), Piscina's own queue and balancer.
 * The worker entry needs a thread board and a ticket per task in flight; that is all this side adds.
 */
async function rawPiscinaThroughput(threads: number, inFlight: number): Promise<number> {
  const board = createThreadBoard(threads * 2, inFlight);
  const piscina = new Piscina<WorkerPayload, WorkerResult>(piscinaOptions(threads, board));
  const freeTickets = Array.from({ length: inFlight }, (_, ticket) => ticket);
  let id = 0;
  try {
    return await closedLoopThroughput(inFlight, (onDone) => {
      const ticket = freeTickets.pop() as number;
      resetTicket(board, ticket);
      const input: TaskInput = { id: ++id, knobs, context: {} };
      piscina.run({ workload: 'cpu', input, ticket }).then(() => {
        freeTickets.push(ticket);
        onDone();
      });
    });
  } finally {
    await piscina.destroy();
  }
}

export const dispatchCost: Figure = {
  name: 'dispatch-cost',
  method: `tiny tasks (cpu, size 1) kept in flight at ${inFlightLevels.join(' and ')} per thread, ${warmupSeconds} s warm-up + ${measuredSeconds} s per side, sides run A-B-B-A: concur-tui's worker model (through submit, as the engine drives it: a single-thread Piscina per thread) ÷ raw Piscina (one pool of all threads) with the same worker file and options`,
  timeoutSeconds: 60,
  async measure({ repetition }) {
    const threads = availableParallelism();
    const result: Measurements = { threads };
    for (const perThread of inFlightLevels) {
      const inFlight = threads * perThread;
      // A-B-B-A (starting side alternating by repetition): whichever side runs first in a fresh process also
      // pays for compiling the main thread's code, which alone moved the ratio by 15 %.
      const model: number[] = [];
      const raw: number[] = [];
      const sides =
        repetition % 2 === 0 ? ['model', 'raw', 'raw', 'model'] : ['raw', 'model', 'model', 'raw'];
      for (const side of sides) {
        if (side === 'model') model.push(await modelThroughput(threads, inFlight));
        else raw.push(await rawPiscinaThroughput(threads, inFlight));
      }
      const modelMean = (model[0] as number) / 2 + (model[1] as number) / 2;
      const rawMean = (raw[0] as number) / 2 + (raw[1] as number) / 2;
      result[`modelThroughput${perThread}PerThread`] = modelMean;
      result[`rawThroughput${perThread}PerThread`] = rawMean;
      result[`ratio${perThread}PerThread`] = modelMean / rawMean;
    }
    return result;
  },
  checks: inFlightLevels.map((perThread) => ({
    label: `dispatch: worker model ÷ raw Piscina, ${perThread}/thread`,
    key: `ratio${perThread}PerThread`,
    unit: '×',
    bound: { kind: 'atLeast', value: 0.95 } as const,
    absolute: {
      ours: `modelThroughput${perThread}PerThread`,
      floor: `rawThroughput${perThread}PerThread`,
      unit: 'tasks/s',
    },
  })),
};
