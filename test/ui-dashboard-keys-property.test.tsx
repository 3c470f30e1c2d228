// Every key of the dashboard, the timeline's and the task detail's included, over random sequences with resizes:
// after each step the frame fits the terminal and nothing throws, and `q` still quits at the end.
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { EngineAction } from '../source/engine/actions.ts';
import type { EngineHandle, WorkloadSummary } from '../source/engine/engine-handle.ts';
import type { Advice, InspectedTask, Snapshot } from '../source/engine/types.ts';
import { App } from '../source/ui/app.tsx';
import { asyncBlockingLanes } from './fixtures/lane-pictures.ts';
import { doneTask, withInspected } from './fixtures/task-detail.ts';
import { seededRandom } from './helpers/seeded-random.ts';

afterEach(cleanup);

const workloads: WorkloadSummary[] = [
  { name: 'cpu', kind: 'cpu', description: 'hashes' },
  { name: 'blocking', kind: 'blocking', description: 'blocks the loop' },
];

const advice: Advice[] = [
  {
    rule: 'cpu-on-loop',
    pane: 'eventLoop',
    since: 0,
    facts: 'ELU 99 %, 3 stalls blamed on CPU slices',
    message: 'Computing on the loop: use workers, or yield in chunks',
  },
];

/**
 * A fake engine with lanes, stalls, advice and histograms: `inspectTask` opens the task the table shows (its
 * slices when it is the fixture's done task), publishing a new snapshot as the engine would a frame later.
 */
function fakeEngine(): { handle: EngineHandle; actions: EngineAction[] } {
  const base = withInspected(undefined, {
    timeline: asyncBlockingLanes.timeline,
    stalls: asyncBlockingLanes.stalls,
    advice,
    tasks: {
      ...withInspected(doneTask).tasks,
    },
  });
  let snapshot: Snapshot = base;
  const listeners = new Set<(snapshot: Snapshot) => void>();
  const actions: EngineAction[] = [];
  const handle: EngineHandle = {
    latest: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispatch(action) {
      actions.push(action);
      if (action.type !== 'inspectTask') return;
      const record = base.tasks.recent.find((task) => task.id === action.id);
      const inspected: InspectedTask | undefined =
        action.id === undefined
          ? undefined
          : record?.id === doneTask.record.id
            ? doneTask
            : record && { record, slices: [] };
      const { inspected: _closed, ...rest } = base;
      snapshot = inspected ? { ...rest, inspected } : rest;
      queueMicrotask(() => {
        for (const listener of listeners) listener(snapshot);
      });
    },
    workloads,
  };
  return { handle, actions };
}

const keys = {
  t: 't',
  j: 'j',
  k: 'k',
  up: '\u001B[A',
  down: '\u001B[B',
  enter: '\r',
  esc: '\u001B',
  help: '?',
  a: 'a',
  w: 'w',
  p: 'p',
  more: '+',
  fewer: '-',
  fewerThreads: '[',
  moreThreads: ']',
} as const;
const names = Object.keys(keys) as (keyof typeof keys)[];

describe('the dashboard over random sequences of its keys and resizes', () => {
  test.each([1, 2, 3, 4])('seed %i: every frame fits the terminal, and q still quits', async (seed) => {
    const next = seededRandom(seed * 7919);
    const { handle, actions } = fakeEngine();
    let quits = 0;
    let size = { columns: 100, rows: 30 };
    const app = (current: typeof size) => (
      <App handle={handle} color={false} onQuit={() => quits++} size={current} />
    );
    const rendered = render(app(size));
    await new Promise((resolve) => setImmediate(resolve));
    for (let step = 0; step < 50; step++) {
      let pressed = 'resize';
      if (next() < 0.15) {
        size = { columns: 30 + Math.floor(next() * 200), rows: 10 + Math.floor(next() * 50) };
        rendered.rerender(app(size));
      } else {
        const name = names[Math.floor(next() * names.length)] ?? 't';
        pressed = name;
        rendered.stdin.write(keys[name]);
      }
      const where = `seed ${seed} step ${step}: ${pressed} at ${size.columns}×${size.rows}`;
      await vi.waitFor(() => {
        const lines = (rendered.lastFrame() ?? '').split('\n');
        expect(lines.length, where).toBeLessThan(size.rows);
        for (const line of lines) expect(line.length, where).toBeLessThan(size.columns);
        // Ink draws a component's error in place of the frame.
        expect(lines.join('\n'), where).not.toMatch(/ERROR|at .*\.tsx?:\d+/);
      });
    }
    expect(quits).toBe(0);
    // Every task the keys opened was one the table listed.
    const listed = new Set(withInspected(doneTask).tasks.recent.map((task) => task.id));
    for (const action of actions)
      if (action.type === 'inspectTask' && action.id !== undefined) expect(listed.has(action.id)).toBe(true);
    // From wherever the sequence left it (help, detail, lanes), q quits.
    rendered.stdin.write('q');
    await vi.waitFor(() => expect(quits).toBe(1));
  });
});
