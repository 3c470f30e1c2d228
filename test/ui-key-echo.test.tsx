// Keys through the whole dashboard: what the audience sees after each press, at the sizes a projector gives.
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { EngineAction } from '../source/engine/actions.ts';
import type { EngineHandle, WorkloadSummary } from '../source/engine/engine-handle.ts';
import type { Snapshot } from '../source/engine/types.ts';
import { App } from '../source/ui/app.tsx';
import { workersBusy } from './fixtures/snapshots.ts';

afterEach(cleanup);

const workloads: WorkloadSummary[] = [
  { name: 'cpu', kind: 'cpu', description: 'hashes' },
  { name: 'io-http', kind: 'io', description: 'requests' },
];

async function mount(columns: number, rows: number, snapshot: Snapshot = workersBusy) {
  const dispatched: EngineAction[] = [];
  const handle: EngineHandle = {
    latest: () => snapshot,
    subscribe: () => () => {},
    dispatch: (action) => dispatched.push(action),
    workloads,
  };
  const rendered = render(<App handle={handle} color={false} onQuit={() => {}} size={{ columns, rows }} />);
  // Ink attaches its input listener in an effect after the first frame.
  await new Promise((resolve) => setImmediate(resolve));
  const footer = () => (rendered.lastFrame() ?? '').split('\n').at(-1) ?? '';
  return { ...rendered, dispatched, footer };
}

const arrowDown = '\u001B[B';

describe('every key echoes what it did', () => {
  test.each([
    [80, 24],
    [100, 30],
    [120, 40],
  ])(
    'at %i×%i the footer echoes [, space and r, the keys an 80-column footer used to drop',
    async (columns, rows) => {
      const { stdin, footer } = await mount(columns, rows);
      stdin.write('[');
      await vi.waitFor(() => expect(footer()).toContain('[ ▸ threads 4 → 3'));
      stdin.write(' ');
      await vi.waitFor(() => expect(footer()).toContain('space ▸ paused: no new tasks'));
      stdin.write('r');
      await vi.waitFor(() => expect(footer()).toContain('r ▸ reset'));
    },
  );

  test('caps lock: W switches to workers like w', async () => {
    const { stdin, dispatched, footer } = await mount(80, 24, { ...workersBusy, model: 'async' });
    stdin.write('W');
    await vi.waitFor(() => expect(dispatched).toEqual([{ type: 'switchModel', model: 'workers' }]));
    expect(footer()).toContain('w ▸ switch to workers');
  });

  test('a key with no binding says so', async () => {
    const { stdin, footer } = await mount(80, 24);
    stdin.write('x');
    await vi.waitFor(() => expect(footer()).toContain('x ▸ not a key: ? lists them'));
  });

  test("the engine's notice shows in the footer", async () => {
    const notice = { at: 0, level: 'error' as const, message: 'io-http did not start: port in use' };
    const { footer } = await mount(80, 24, { ...workersBusy, notice });
    expect(footer()).toContain('✖ io-http did not start');
  });
});

describe('the help at 80×24', () => {
  test('opens on the keys, scrolls with ↓, and a key pressed in it acts and closes it', async () => {
    const { stdin, lastFrame, dispatched } = await mount(80, 24);
    stdin.write('?');
    await vi.waitFor(() => expect(lastFrame()).toContain('HELP'));
    expect(lastFrame()).toMatch(/^Keys$/m);
    expect(lastFrame()).toContain('q, Ctrl-C');
    stdin.write(arrowDown);
    stdin.write(arrowDown);
    await vi.waitFor(() => expect(lastFrame()).toContain('2 sections above'));
    expect(lastFrame()).toMatch(/^Scoreboard/m);
    stdin.write('a');
    await vi.waitFor(() => expect(lastFrame()).not.toContain('HELP'));
    expect(dispatched).toEqual([{ type: 'switchModel', model: 'async' }]);
  });
});
