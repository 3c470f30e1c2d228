import { describe, expect, it } from 'vitest';
import type { Stall } from '../source/engine/types.ts';
import { lanesCaption } from '../source/ui/panes/lanes-pane.tsx';

const stall: Stall = {
  at: 1_000,
  durationMs: 30,
  culprits: [{ taskId: 188, workload: 'cpu', sliceMs: 28, sliceNumber: 1 }],
  tasks: 1,
};

describe('the timeline caption', () => {
  it('names the stall culprit at 80 columns, shortening the scale rather than leaving the culprit out', () => {
    const caption = lanesCaption(730, 10, 60_000, 80, { stall, dropped: 0 });
    expect(caption).toContain('#188 (cpu) ran 28 ms without yielding');
    expect(caption.length).toBeLessThanOrEqual(80 - 14);
  });

  it('keeps the scale in full when the line has room for everything', () => {
    const caption = lanesCaption(1100, 10, 60_000, 120, { stall, dropped: 0 });
    expect(caption).toMatch(/10ms a column, now at the right · ! #188/);
    expect(caption).toContain('charts: last');
  });

  it('never passes the line, however narrow', () => {
    for (let width = 0; width < 90; width++) {
      const caption = lanesCaption(730, 10, 60_000, width, { stall, dropped: 12 });
      expect(caption.length).toBeLessThanOrEqual(Math.max(0, width - 14));
    }
  });
});

describe('a long workload name', () => {
  it('keeps the culprit at 80 columns by leaving out "without yielding"', () => {
    const long: Stall = {
      ...stall,
      culprits: [{ taskId: 40, workload: 'second-slice-block', sliceMs: 150, sliceNumber: 2 }],
    };
    const caption = lanesCaption(730, 10, 60_000, 80, { stall: long, dropped: 0 });
    expect(caption).toContain('#40 (second-slice-block) ran 150 ms');
    expect(caption.length).toBeLessThanOrEqual(80 - 14);
  });
});
