// A stall made of thousands of short slices (async io-timer at 10,000 in flight, timers firing together) is not
// blamed on one task that "ran 0.00 ms": no single task stalled the loop, and the words say so.
import { describe, expect, it } from 'vitest';
import type { Snapshot, Stall } from '../source/engine/types.ts';
import { blameLine } from '../source/ui/panes/event-loop-pane.tsx';
import { lanesCaption } from '../source/ui/panes/lanes-pane.tsx';
import { asyncRunningCpu, at } from './fixtures/snapshots.ts';

const timersTogether: Stall = {
  at: at - 100,
  durationMs: 25,
  culprits: [{ taskId: 1_245_776, workload: 'io-timer', sliceMs: 0.004, sliceNumber: 2 }],
  tasks: 1309,
};
/** Eight 150 ms blocking calls back to back: the longest is a real blocker and is named. */
const blockersInTurn: Stall = {
  at: at - 1300,
  durationMs: 1200,
  culprits: [{ taskId: 81, workload: 'blocking', sliceMs: 152, sliceNumber: 2 }],
  tasks: 8,
};

const withStall = (stall: Stall): Snapshot => ({
  ...asyncRunningCpu,
  stalls: { thresholdMs: 20, recent: [stall], worst: [] },
});
const text = (spans: { text: string }[] | undefined) => (spans ?? []).map((span) => span.text).join('');

describe('blame for a stall of many short slices', () => {
  it.each([40, 60, 80, 120])(
    'at %i columns the event-loop pane counts the tasks instead of naming one',
    (width) => {
      const line = text(blameLine(withStall(timersTogether), width));
      expect(line).toMatch(/1,309 (tasks in )?short slices/);
      expect(line).not.toContain('#1245776');
    },
  );

  it('a stall of long slices in turn still names its longest blocker', () => {
    expect(text(blameLine(withStall(blockersInTurn), 80))).toMatch(/#81 \(blocking\) ran 152 ms/);
  });

  it('the timeline caption says the same at 80 columns', () => {
    const caption = lanesCaption(730, 10, 60_000, 80, { stall: timersTogether, dropped: 0, thresholdMs: 20 });
    expect(caption).toContain('1,309 tasks in short slices');
    expect(caption).not.toContain('#1245776');
    expect(caption.length).toBeLessThanOrEqual(80 - 14);
  });
});
