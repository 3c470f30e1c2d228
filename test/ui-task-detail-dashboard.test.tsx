import { cleanup, render } from 'ink-testing-library';
import { afterEach, expect, test, vi } from 'vitest';
import type { EngineAction } from '../source/engine/actions.ts';
import type { EngineHandle } from '../source/engine/engine-handle.ts';
import type { Snapshot } from '../source/engine/types.ts';
import { App } from '../source/ui/app.tsx';
import { doneTask, withInspected } from './fixtures/task-detail.ts';

afterEach(cleanup);

/** An engine stand-in that publishes the inspected task's record as the engine does, while it is inspected. */
function fakeEngine() {
  const dispatched: EngineAction[] = [];
  let inspectedId: number | undefined;
  const listeners = new Set<(snapshot: Snapshot) => void>();
  // The table lists the task first (the newest); its record rides in `inspected` only while it is inspected.
  const { tasks } = withInspected(doneTask);
  const snapshot = (): Snapshot => ({
    ...withInspected(inspectedId === doneTask.record.id ? doneTask : undefined),
    tasks,
  });
  const handle: EngineHandle = {
    latest: snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispatch(action) {
      dispatched.push(action);
      if (action.type === 'inspectTask') inspectedId = action.id;
    },
    workloads: [{ name: 'cpu', kind: 'cpu', description: 'hashes' }],
  };
  const publish = () => {
    for (const listener of listeners) listener(snapshot());
  };
  return { handle, dispatched, publish };
}

const escKey = '\u001B';

test('j selects the newest task, enter opens its detail, esc goes back, esc again clears the selection', async () => {
  const engine = fakeEngine();
  const { stdin, lastFrame } = render(
    <App handle={engine.handle} color={false} onQuit={vi.fn()} size={{ columns: 80, rows: 24 }} />,
  );
  await new Promise((resolve) => setImmediate(resolve));
  const id = doneTask.record.id;
  expect(engine.dispatched).toEqual([]);
  stdin.write('j');
  await vi.waitFor(() => expect(engine.dispatched).toEqual([{ type: 'inspectTask', id }]));
  await vi.waitFor(() => expect(lastFrame()).toContain(`#${id}: enter opens`));
  stdin.write('\r');
  engine.publish();
  await vi.waitFor(() => expect(lastFrame()).toContain(`TASK #${id}`));
  expect(lastFrame()).toContain('main (the event loop)');
  stdin.write(escKey);
  await vi.waitFor(() => expect(lastFrame()).not.toContain(`TASK #${id}`));
  expect(lastFrame()).toContain(`#${id}: enter opens`);
  stdin.write(escKey);
  await vi.waitFor(() => expect(engine.dispatched.at(-1)).toEqual({ type: 'inspectTask', id: undefined }));
  expect(lastFrame()).not.toContain(`#${id}: enter opens`);
});
