import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, test } from 'vitest';
import type { Snapshot, ThreadSample } from '../source/engine/types.ts';
import { PoolPane } from '../source/ui/panes/pane-boxes.tsx';
import { ThemeContext } from '../source/ui/theme-context.ts';
import { workersBusy } from './fixtures/snapshots.ts';

afterEach(cleanup);

function read(snapshot: Snapshot, width: number): string {
  const { lastFrame } = render(
    <ThemeContext value={{ color: false }}>
      <PoolPane snapshot={snapshot} width={width} height={8} />
    </ThemeContext>,
  );
  return lastFrame() ?? '';
}

const processRow = (label: number, fields: Partial<ThreadSample>): ThreadSample => ({
  threadId: fields.pid ?? 0,
  label,
  busyShare: 0.5,
  ...fields,
});

/** The workers fixture with its pool given to the processes model, as rows of processes. */
const withProcesses: Snapshot = {
  ...workersBusy,
  model: 'processes',
  pools: {
    processes: {
      ...(workersBusy.pools.workers as NonNullable<Snapshot['pools']['workers']>),
      threads: 2,
      perThread: [
        processRow(1, { pid: 4242, taskId: 9001, cpuShare: 0.93, rssBytes: 61 * 1048576, startMs: 512 }),
        processRow(2, { pid: 0 }),
      ],
    },
  },
};

describe('pool pane rows of processes', () => {
  test('a process row shows p<n>, its pid, CPU, RSS and how long it took to start; a starting one says so', () => {
    const text = read(withProcesses, 90);
    expect(text).toMatch(/p1\s+█+.*50%\s+#9001\s+pid 4242\s+cpu\s+93%\s+61 MB up\s+512 ms/);
    expect(text).toMatch(/p2\s+.*50%\s+idle\s+starting/);
  });

  test('on a narrow pane the process columns give way to the bar', () => {
    const text = read(withProcesses, 40);
    expect(text).toMatch(/p1\s+█+.*50%\s+#9001/);
    expect(text).not.toContain('pid 4242');
  });

  test('worker thread rows are unchanged: t<n>, no process columns', () => {
    const text = read(workersBusy, 90);
    expect(text).toMatch(/t1\s+█+.*98%\s+#9001/);
    expect(text).not.toContain('pid');
  });
});
