import { afterEach, describe, expect, it } from 'vitest';
import { ModelSet } from '../source/engine/model-set.ts';
import { fixture, input, options } from './helpers/model-tasks.ts';

const steps = fixture('slice-steps-workload.ts');

describe('the model set hands slice recording to its pools', () => {
  let models: ModelSet | undefined;

  afterEach(async () => {
    await models?.close();
    models = undefined;
  });

  it('gives each pool the sink, so threads and processes bring their slices on their own lanes', async () => {
    const lanes: string[] = [];
    models = new ModelSet(
      1,
      1000,
      { gil: false, tasksPerWorker: 1 },
      0,
      {},
      {
        recordSlices: true,
        onSlice: (lane) => lanes.push(lane),
      },
    );
    const knobs = { steps: 1, spin: 1, wait: 1 };
    const onThread = await models.get('workers').run(steps, input(1, knobs), options());
    const onProcess = await models.get('processes').run(steps, input(2, knobs), options());
    models.get('workers').sampleThreads(250);
    expect(onThread).toMatchObject({ status: 'done', slices: 2 });
    expect(onProcess).toMatchObject({ status: 'done', slices: 2 });
    expect(lanes.sort()).toEqual(['p1', 'p1', 't1', 't1']);
  });

  it('records nothing when recording is off', async () => {
    const lanes: string[] = [];
    models = new ModelSet(
      1,
      1000,
      undefined,
      0,
      {},
      { recordSlices: false, onSlice: (lane) => lanes.push(lane) },
    );
    const outcome = await models.get('workers').run(steps, input(1, { steps: 1 }), options());
    models.get('workers').sampleThreads(250);
    expect(outcome).not.toHaveProperty('slices');
    expect(lanes).toEqual([]);
  });
});
