import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { EngineAction } from '../source/engine/actions.ts';
import type { EngineHandle, WorkloadSummary } from '../source/engine/engine-handle.ts';
import type { Snapshot } from '../source/engine/types.ts';
import { App } from '../source/ui/app.tsx';
import { asyncRunningCpu, workersBusy } from './fixtures/snapshots.ts';

afterEach(cleanup);

const workloads: WorkloadSummary[] = [
  { name: 'cpu', kind: 'cpu', description: 'hashes' },
  { name: 'io-timer', kind: 'io', description: 'waits on timers' },
  { name: 'blocking', kind: 'blocking', description: 'blocks' },
];

/** An engine stand-in: publishes what the test gives it and records what the dashboard asks. */
function fakeHandle(first: Snapshot | null = asyncRunningCpu) {
  let latest = first ?? undefined;
  const listeners = new Set<(snapshot: Snapshot) => void>();
  const dispatched: EngineAction[] = [];
  const handle: EngineHandle = {
    latest: () => latest,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispatch: (action) => dispatched.push(action),
    workloads,
  };
  const publish = (snapshot: Snapshot) => {
    latest = snapshot;
    for (const listener of listeners) listener(snapshot);
  };
  return { handle, dispatched, publish, listeners };
}

/** Lets Ink attach its input listeners (they attach in effects after the first frame). */
async function settled(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
}

async function mount(options: { snapshot?: Snapshot; columns?: number; rows?: number } = {}) {
  const fake = fakeHandle(options.snapshot);
  const onQuit = vi.fn();
  const onSuspend = vi.fn();
  const size = { columns: options.columns ?? 100, rows: options.rows ?? 30 };
  const rendered = render(
    <App handle={fake.handle} color={false} onQuit={onQuit} onSuspend={onSuspend} size={size} />,
  );
  await settled();
  return { ...fake, ...rendered, onQuit, onSuspend };
}

describe('keys reach the engine', () => {
  test('pressing w asks the engine to switch to workers', async () => {
    const { stdin, dispatched } = await mount();
    stdin.write('w');
    await vi.waitFor(() => expect(dispatched).toEqual([{ type: 'switchModel', model: 'workers' }]));
  });

  test('pressing + asks for one more task in flight', async () => {
    const { stdin, dispatched } = await mount();
    stdin.write('+');
    await vi.waitFor(() => expect(dispatched).toEqual([{ type: 'changeConcurrency', delta: 1 }]));
  });

  test('pressing 2 picks the second workload by name', async () => {
    const { stdin, dispatched } = await mount();
    stdin.write('2');
    await vi.waitFor(() => expect(dispatched).toEqual([{ type: 'setWorkload', workload: 'io-timer' }]));
  });

  test('tab picks the workload after the current one', async () => {
    const { stdin, dispatched } = await mount();
    stdin.write('\t');
    await vi.waitFor(() => expect(dispatched).toEqual([{ type: 'setWorkload', workload: 'io-timer' }]));
  });

  test('several keys arriving together each count', async () => {
    const { stdin, dispatched } = await mount();
    stdin.write('w] ');
    await vi.waitFor(() =>
      expect(dispatched).toEqual([
        { type: 'switchModel', model: 'workers' },
        { type: 'changeThreads', delta: 1 },
        { type: 'togglePause' },
      ]),
    );
  });

  test('the footer echoes what was asked, for the audience', async () => {
    const { stdin, lastFrame } = await mount({ columns: 140 });
    stdin.write('w');
    await vi.waitFor(() => expect(lastFrame()).toContain('▸ switch to workers'));
  });
});

describe('help and quitting', () => {
  test('pressing ? opens the help, and esc closes it', async () => {
    const { stdin, lastFrame } = await mount();
    stdin.write('?');
    await vi.waitFor(() => expect(lastFrame()).toContain('HELP — press ? or esc to close'));
    stdin.write('\u001B');
    await vi.waitFor(() => expect(lastFrame()).toContain('SCOREBOARD'));
    expect(lastFrame()).not.toContain('HELP —');
  });

  test('while the help is open, w switches to workers and closes the help', async () => {
    const { stdin, lastFrame, dispatched } = await mount();
    stdin.write('?');
    await vi.waitFor(() => expect(lastFrame()).toContain('HELP'));
    stdin.write('w');
    await vi.waitFor(() => expect(lastFrame()).not.toContain('HELP —'));
    expect(dispatched).toEqual([{ type: 'switchModel', model: 'workers' }]);
  });

  test('pressing q calls onQuit', async () => {
    const { stdin, onQuit } = await mount();
    stdin.write('q');
    await vi.waitFor(() => expect(onQuit).toHaveBeenCalledTimes(1));
  });

  test('Ctrl-C calls onQuit', async () => {
    const { stdin, onQuit } = await mount();
    stdin.write('\u0003');
    await vi.waitFor(() => expect(onQuit).toHaveBeenCalledTimes(1));
  });

  test('Ctrl-Z, which raw mode turns into a key, asks to suspend and nothing else', async () => {
    const { stdin, onSuspend, onQuit, dispatched } = await mount();
    stdin.write('\u001A');
    await vi.waitFor(() => expect(onSuspend).toHaveBeenCalledTimes(1));
    expect(onQuit).not.toHaveBeenCalled();
    expect(dispatched).toEqual([]);
  });
});

describe('snapshots', () => {
  test('before the first snapshot the screen says it is waiting for the engine', async () => {
    const fake = fakeHandle(null);
    const { lastFrame } = render(
      <App handle={fake.handle} onQuit={() => {}} size={{ columns: 80, rows: 24 }} />,
    );
    expect(lastFrame()).toContain("waiting for the engine's first measurements");
  });

  test('a published snapshot is drawn', async () => {
    const { publish, lastFrame } = await mount();
    expect(lastFrame()).toContain('ASYNC');
    publish(workersBusy);
    await vi.waitFor(() => expect(lastFrame()).toContain('WORKERS'));
    // The ratio in block digits with its caption; the verdict in words joins it from 32 rows.
    expect(lastFrame()).toContain("workers' throughput");
    expect(lastFrame()).toContain("over async's");
  });

  test('unmounting unsubscribes from the engine', async () => {
    const { unmount, listeners } = await mount();
    expect(listeners.size).toBe(1);
    unmount();
    expect(listeners.size).toBe(0);
  });
});

describe('fitting the terminal', () => {
  test.each([
    [80, 24],
    [120, 40],
  ])('at %i×%i every pane shows and the frame is shorter than the terminal', async (columns, rows) => {
    const { lastFrame } = await mount({ snapshot: workersBusy, columns, rows });
    const frame = lastFrame() ?? '';
    expect(frame.split('\n').length).toBeLessThan(rows);
    for (const title of ['SCOREBOARD', 'EVENT LOOP', 'WORKER POOL', 'TASKS', 'CPU'])
      expect(frame).toContain(title);
  });

  test('a small terminal gets fewer panes and the hint to enlarge it', async () => {
    const { lastFrame } = await mount({ columns: 60, rows: 15 });
    const frame = lastFrame() ?? '';
    expect(frame).toContain('enlarge to at least 80×24 for all panes');
    expect(frame).not.toContain('WORKER POOL');
    expect(frame.split('\n').length).toBeLessThan(15);
  });

  test('the help fits the terminal too', async () => {
    const { stdin, lastFrame } = await mount({ columns: 80, rows: 24 });
    stdin.write('?');
    await vi.waitFor(() => expect(lastFrame()).toContain('HELP'));
    expect((lastFrame() ?? '').split('\n').length).toBeLessThan(24);
  });
});
