// The done-when of blame, through the engine: a workload file that blocks 150 ms in its second slice (after one
// await) is blamed within ± 5 ms on async, naming the task; on workers the loop never stalls for it. Needs the
// loop's slices recorded into the slice log the engine hands blame (slices, issue 14 section 2): without them
// the stall is found but names no task.
import { setTimeout as idle } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../source/engine/engine.ts';
import type { ModelName, Snapshot, Stall } from '../source/engine/types.ts';
import secondSliceBlock from './fixtures/second-slice-block-workload.ts';
import { waitFor } from './helpers/wait-for.ts';

const blockMs = 150;
/** Tasks the workers test waits for: each would stall the loop once, were it on the loop. */
const tasksOnWorkers = 8;
const url = new URL('./fixtures/second-slice-block-workload.ts', import.meta.url).href;

const engines: Engine[] = [];
afterEach(async () => {
  await Promise.all(engines.splice(0).map((engine) => engine.stop()));
});

async function startEngine(model: ModelName): Promise<Engine> {
  const engine = new Engine({
    workload: url,
    workloadFiles: [{ url, workload: secondSliceBlock }],
    model,
    concurrency: 1,
    threads: 1,
    knobs: { block: blockMs },
    sampleIntervalMs: 100,
  });
  engines.push(engine);
  await engine.start();
  return engine;
}

describe('blame for a stall, in the engine', () => {
  // Retried: on a shared machine the OS can take the core from the loop inside the slice, which then reads
  // longer than the block.
  it('blames the task that blocked the loop 150 ms in its second slice, within ± 5 ms, on async', {
    retry: 2,
    timeout: 30_000,
  }, async () => {
    const engine = await startEngine('async');
    let snapshot: Snapshot | undefined;
    let stall: Stall | undefined;
    await waitFor(
      () => {
        snapshot = engine.snapshotNow();
        stall = snapshot.stalls?.recent.find((one) => one.durationMs > 100);
        return stall !== undefined;
      },
      { what: 'a stall of the loop as long as the block', timeoutMs: 15_000 },
    );
    const blamed = stall as Stall;
    expect(blamed.durationMs).toBeGreaterThanOrEqual(blockMs - 5);
    const [culprit] = blamed.culprits;
    expect(
      culprit,
      'the stall names no task: are the loop’s slices recorded into the slice log?',
    ).toBeDefined();
    expect(culprit?.workload).toBe('second-slice-block');
    expect(culprit?.sliceNumber).toBe(2);
    expect(culprit?.sliceMs).toBeGreaterThanOrEqual(blockMs - 5);
    expect(culprit?.sliceMs).toBeLessThanOrEqual(blockMs + 5);
    const ids = (snapshot as Snapshot).tasks.recent.map((task) => task.id);
    expect(ids).toContain(culprit?.taskId);
    expect((snapshot as Snapshot).stalls?.worst[0]?.culprits[0]?.sliceNumber).toBe(2);
  });

  it('raises no loop stall for the block on workers', async () => {
    const engine = await startEngine('workers');
    await waitFor(() => engine.snapshotNow().tasks.counts.done >= tasksOnWorkers, {
      what: `${tasksOnWorkers} tasks done on the worker`,
      timeoutMs: 20_000,
    });
    const stalls = engine.snapshotNow().stalls?.recent ?? [];
    // On the loop every task would stall it as long as its block. A machine shared by many jobs holds the loop
    // up now and then by itself (stalls of 100–200 ms were seen at a load of 10 on 2 cores), never once a task.
    const asLongAsTheBlock = stalls.filter((one) => one.durationMs >= blockMs - 10);
    expect(asLongAsTheBlock.length, JSON.stringify(stalls)).toBeLessThan(tasksOnWorkers / 2);
    expect(stalls.filter((one) => one.culprits.length > 0)).toEqual([]);
  });

  it('raises no stall for the time the process spends stopped by job control, and one for a block after', async () => {
    const engine = new Engine({ paused: true });
    engines.push(engine);
    await engine.start();
    const long = () => (engine.snapshotNow().stalls?.recent ?? []).filter((one) => one.durationMs >= 150);
    engine.dispatch({ type: 'suspendMeasuring' });
    // Stands in for the time the process is stopped: the lag probe is late by all of it.
    holdLoop(200);
    engine.dispatch({ type: 'resumeMeasuring' });
    // The probe fires on this thread a few times over: nothing to wait for elsewhere.
    await idle(20);
    expect(long()).toEqual([]);
    holdLoop(200);
    await idle(20);
    expect(long().length).toBeGreaterThanOrEqual(1);
  });
});

function holdLoop(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {}
}
