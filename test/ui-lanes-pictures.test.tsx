// The four pictures of the timeline lanes (issue 14, section 1), each in a whole 80×24 frame with the lanes shown,
// drawn from timelines built out of slices as the slice log bins them.
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, test } from 'vitest';
import type { Snapshot } from '../source/engine/types.ts';
import { layoutFor } from '../source/ui/layout.ts';
import { Screen } from '../source/ui/screen.tsx';
import { ThemeContext } from '../source/ui/theme-context.ts';
import { initialViewState } from '../source/ui/view-state.ts';
import {
  asyncBlockingLanes,
  asyncCpuLanes,
  asyncIoTimerLanes,
  workersCpuLanes,
} from './fixtures/lane-pictures.ts';

afterEach(cleanup);

const size = { columns: 80, rows: 24 };
const fullGlyphs = /[#=|]/;

/** The frame a person reads at 80×24 with the lanes shown, colour off. */
function frame(snapshot: Snapshot): string[] {
  const { lastFrame } = render(
    <ThemeContext value={{ color: false }}>
      <Screen
        snapshot={snapshot}
        layout={layoutFor(size)}
        size={size}
        view={{ ...initialViewState, lanesOpen: true }}
        workloadCount={3}
      />
    </ThemeContext>,
  );
  return (lastFrame() ?? '').split('\n');
}

/** The cells of a lane (its label cut off), or undefined when the frame has no such lane. */
function lane(lines: readonly string[], name: string): string | undefined {
  const line = lines.find((candidate) => candidate.startsWith(`${name} `));
  return line?.slice(6).replace(/\s+$/, '');
}

function share(cells: string, pattern: RegExp): number {
  return Array.from(cells).filter((cell) => pattern.test(cell)).length / Math.max(1, cells.length);
}

/** The lengths of runs of one full glyph: a task's bar. */
function barLengths(cells: string): number[] {
  return (cells.match(/#+|=+/g) ?? []).map((run) => run.length);
}

describe('the four pictures of the lanes', () => {
  test('async cpu: one lane of back-to-back bars, neighbouring tasks told apart', () => {
    const lines = frame(asyncCpuLanes);
    expect(lines.join('\n')).toMatchSnapshot();
    const main = lane(lines, 'main') ?? '';
    expect(share(main, fullGlyphs)).toBeGreaterThan(0.95);
    // Tasks of 20 ms in 10 ms columns: bars of two cells, solid then striped.
    const bars = barLengths(main);
    expect(bars.length).toBeGreaterThan(30);
    expect(Math.max(...bars)).toBeLessThanOrEqual(3);
    expect(main).toContain('##==');
    expect(lane(lines, 't1')).toBeUndefined();
  });

  test('async io-timer at 10,000 in flight: one lane of thin slivers', () => {
    const lines = frame(asyncIoTimerLanes);
    expect(lines.join('\n')).toMatchSnapshot();
    const main = lane(lines, 'main') ?? '';
    expect(share(main, /[.:]/)).toBeGreaterThan(0.95);
    expect(main).not.toMatch(fullGlyphs);
  });

  test('workers cpu: four busy lanes and a quiet loop', () => {
    const lines = frame(workersCpuLanes);
    expect(lines.join('\n')).toMatchSnapshot();
    for (const name of ['t1', 't2', 't3', 't4']) {
      expect(share(lane(lines, name) ?? '', fullGlyphs), name).toBeGreaterThan(0.9);
    }
    expect(lane(lines, 'main')).not.toMatch(fullGlyphs);
  });

  test('async blocking: one lane of long bars, marked as stalls, while the cores are idle', () => {
    const lines = frame(asyncBlockingLanes);
    const text = lines.join('\n');
    expect(text).toMatchSnapshot();
    const main = lane(lines, 'main') ?? '';
    // 200 ms slices in 10 ms columns: bars of about 20 cells.
    expect(Math.max(...barLengths(main))).toBeGreaterThanOrEqual(18);
    expect(lines.find((line) => line.startsWith('stall '))).toMatch(/!-{15,}/);
    expect(text).toContain('process 0.0 cores');
    expect(text).toContain('TIMELINE');
  });
});
