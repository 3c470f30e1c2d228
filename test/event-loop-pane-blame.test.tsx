import { cleanup, render } from 'ink-testing-library';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, test } from 'vitest';
import type { Snapshot, Stall, StallSample } from '../source/engine/types.ts';
import { layoutFor } from '../source/ui/layout.ts';
import { blameLine } from '../source/ui/panes/event-loop-pane.tsx';
import { EventLoopPane } from '../source/ui/panes/pane-boxes.tsx';
import { ThemeContext } from '../source/ui/theme-context.ts';
import { afterFreeze, asyncRunningCpu, at } from './fixtures/snapshots.ts';

afterEach(cleanup);

function read(node: ReactNode): string {
  const { lastFrame } = render(<ThemeContext value={{ color: false }}>{node}</ThemeContext>);
  return lastFrame() ?? '';
}

const blamed: Stall = {
  at: at - 3182,
  durationMs: 182,
  culprits: [
    { taskId: 1234, workload: 'cpu', sliceMs: 182, sliceNumber: 2 },
    { taskId: 1240, workload: 'cpu', sliceMs: 12, sliceNumber: 1 },
  ],
  tasks: 3,
};
const unblamed: Stall = { at: at - 6045, durationMs: 45, culprits: [], tasks: 0 };

function withStalls(snapshot: Snapshot, recent: Stall[]): Snapshot {
  const stalls: StallSample = { thresholdMs: 20, recent, worst: recent.filter((one) => one.culprits.length) };
  return { ...snapshot, stalls };
}

/** The event-loop pane's size in the layout of a terminal of that size. */
function paneAt(columns: number, rows: number): { width: number; height: number } {
  for (const section of layoutFor({ columns, rows }).sections) {
    if (section.kind !== 'row') continue;
    const pane = section.panes.find((one) => one.pane === 'eventLoop');
    if (pane) return pane;
  }
  throw new Error(`no event-loop pane at ${columns}×${rows}`);
}

const sizes = [
  [80, 24],
  [120, 40],
  [220, 60],
] as const;

describe('the blame line of the event-loop pane', () => {
  test('names the task, how long its slice ran without yielding, and how many more tasks', () => {
    const text = blameLine(withStalls(asyncRunningCpu, [blamed]), 200)
      ?.map((span) => span.text)
      .join('');
    expect(text).toBe(
      'stall 182 ms, 3 s ago: task #1234 (cpu) ran 182 ms without yielding (slice 2), +2 more',
    );
  });

  test('says when the stall was not a task', () => {
    const text = blameLine(withStalls(asyncRunningCpu, [unblamed]), 200)
      ?.map((span) => span.text)
      .join('');
    expect(text).toBe('stall 45 ms, 6 s ago: not a task: GC, the engine or the dashboard');
  });

  test('says a stall that just ended happened just now', () => {
    const justNow: Stall = { ...blamed, at: at - 182.5 };
    const text = blameLine(withStalls(asyncRunningCpu, [justNow]), 200)
      ?.map((span) => span.text)
      .join('');
    expect(text).toMatch(/^stall 182 ms, just now: task #1234/);
  });

  test('is absent while the loop has not stalled', () => {
    expect(blameLine(withStalls(asyncRunningCpu, []), 200)).toBeUndefined();
    expect(blameLine({ ...asyncRunningCpu, stalls: undefined }, 200)).toBeUndefined();
  });

  for (const [columns, rows] of sizes) {
    test(`at ${columns}×${rows} it shows the latest stall in one line, and the pane grows no taller`, () => {
      const { width, height } = paneAt(columns, rows);
      const before = read(<EventLoopPane snapshot={asyncRunningCpu} width={width} height={height} />);
      const snapshot = withStalls(asyncRunningCpu, [unblamed, blamed]);
      const after = read(<EventLoopPane snapshot={snapshot} width={width} height={height} />);
      expect(after.split('\n')).toHaveLength(before.split('\n').length);
      expect(after.split('\n').length).toBeLessThanOrEqual(height);
      const line = after.split('\n').find((one) => one.startsWith('stall'));
      expect(line, after).toBeDefined();
      expect(line).toContain('#1234');
      expect(line).toContain('182 ms');
      expect(line?.length).toBeLessThanOrEqual(width);
      // The lag chart still shows, one row shorter, with its marker line.
      expect(after).toMatch(/[▁▂▃▄▅▆▇█]/);
    });

    test(`at ${columns}×${rows} it fits beside a freeze without growing the pane`, () => {
      const { width, height } = paneAt(columns, rows);
      const snapshot = withStalls(afterFreeze, [blamed]);
      const text = read(<EventLoopPane snapshot={snapshot} width={width} height={height} />);
      expect(text.split('\n').length).toBeLessThanOrEqual(height);
      expect(text).toContain('#1234');
      expect(text).toContain('loop froze');
    });
  }

  test('the lag chart marks when the loop stalled', () => {
    const { width, height } = paneAt(120, 40);
    const snapshot = withStalls(asyncRunningCpu, [unblamed, blamed]);
    const text = read(<EventLoopPane snapshot={snapshot} width={width} height={height} />);
    const markerRow = text.split('\n').at(-1) ?? '';
    expect(markerRow.trimEnd().endsWith('!'), text).toBe(true);
  });
});
