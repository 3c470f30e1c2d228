import { describe, expect, it } from 'vitest';
import { attachYield, yieldNow } from '../source/engine/cooperative-yield.ts';
import { createEventLoopModel } from '../source/engine/models/event-loop-model.ts';
import type { TaskOutcome } from '../source/engine/models/execution-model.ts';
import { createWorkerPoolModel } from '../source/engine/models/worker-pool-model.ts';
import type { TaskContext } from '../source/engine/types.ts';
import cpu from '../workloads/cpu.ts';
import { input, options } from './helpers/model-tasks.ts';

function resultOf(outcome: TaskOutcome): unknown {
  if (outcome.status !== 'done') throw new Error(`expected done, got ${JSON.stringify(outcome)}`);
  return outcome.result;
}

describe('cooperative yielding', () => {
  it('resumes each yielded task in a loop turn of its own, so other callbacks run between them', async () => {
    const order: string[] = [];
    const first = yieldNow().then(() => order.push('first'));
    const second = yieldNow().then(() => order.push('second'));
    setImmediate(() => order.push('immediate queued after both'));
    await Promise.all([first, second]);
    expect(order).toEqual(['first', 'immediate queued after both', 'second']);
  });

  it('computes the same checksum in chunks as in one go', async () => {
    const whole = await cpu.run(input(1, { size: 3000, chunk: 0 }));
    const chunked = await cpu.run(input(1, { size: 3000, chunk: 1 }));
    expect(chunked).toBe(whole);
  });

  it('lets a timer run between the chunks of a task on the event loop', async () => {
    const model = createEventLoopModel();
    const ended: string[] = [];
    const task = model.run('cpu', input(1, { size: 200_000, chunk: 1 }), options()).then((outcome) => {
      ended.push('task');
      return outcome;
    });
    setTimeout(() => ended.push('timer'), 0);
    resultOf(await task);
    expect(ended).toEqual(['timer', 'task']);
    await model.close();
  });

  it('gives the context a yield helper that structured clone leaves out', async () => {
    const model = createEventLoopModel();
    const context: TaskContext = { httpPort: 1 };
    resultOf(await model.run('cpu', { id: 1, knobs: { size: 1 }, context }, options()));
    expect(typeof context.yield).toBe('function');
    expect(structuredClone(context)).toEqual({ httpPort: 1 });
    expect(JSON.parse(JSON.stringify(context))).toEqual({ httpPort: 1 });
    await model.close();
  });

  it('attaches the helper once per context object', () => {
    const context = {};
    attachYield(context);
    const helper = (context as TaskContext).yield;
    attachYield(context);
    expect((context as TaskContext).yield).toBe(helper);
    expect(Object.keys(context)).toEqual([]);
  });

  it('yields on a worker thread too, with the same result', async () => {
    const pool = createWorkerPoolModel({ threads: 1 });
    const whole = resultOf(await pool.run('cpu', input(1, { size: 3000 }), options()));
    const chunked = resultOf(await pool.run('cpu', input(2, { size: 3000, chunk: 1 }), options()));
    expect(chunked).toBe(whole);
    await pool.close();
  });
});
