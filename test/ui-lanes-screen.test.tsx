// The lanes in the whole frame: where the layout puts them at every size, that many threads never overflow it,
// and that `t` always toggles them over random sequences of keys and resizes.
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { EngineHandle, WorkloadSummary } from '../source/engine/engine-handle.ts';
import type { Snapshot } from '../source/engine/types.ts';
import { App } from '../source/ui/app.tsx';
import { commandsFor } from '../source/ui/key-bindings.ts';
import { layoutFor, minimumSize, type Section } from '../source/ui/layout.ts';
import { Screen } from '../source/ui/screen.tsx';
import { ThemeContext } from '../source/ui/theme-context.ts';
import { initialViewState, type ViewState, viewReducer } from '../source/ui/view-state.ts';
import { asyncCpuLanes, workersCpuLanes } from './fixtures/lane-pictures.ts';
import { at, sixtyFourThreads } from './fixtures/snapshots.ts';
import { seededRandom } from './helpers/seeded-random.ts';
import { backToBack, timelineFromSlices } from './helpers/timeline-from-slices.ts';

afterEach(cleanup);

const rowPanes = (sections: readonly Section[]) =>
  sections.flatMap((section) => (section.kind === 'row' ? section.panes : []));

describe('the layout with the lanes shown', () => {
  test('at every size the frame stays shorter than the terminal, the lanes span its width', () => {
    const next = seededRandom(14);
    for (let index = 0; index < 400; index++) {
      const size = { columns: 20 + Math.floor(next() * 240), rows: 6 + Math.floor(next() * 70) };
      const layout = layoutFor(size, { lanes: true });
      const where = `${size.columns}×${size.rows}`;
      expect(layout.height, where).toBeLessThan(size.rows);
      for (const section of layout.sections) {
        if (section.kind !== 'row') continue;
        const widths =
          section.panes.reduce((sum, pane) => sum + pane.width, 0) + 2 * (section.panes.length - 1);
        expect(widths, where).toBeLessThanOrEqual(layout.width);
      }
      const lanes = rowPanes(layout.sections).find((pane) => pane.pane === 'lanes');
      if (layout.complete) {
        expect(lanes?.width, where).toBe(layout.width);
        // Title, main and four threads, the ruler.
        expect(lanes?.height, where).toBeGreaterThanOrEqual(7);
        // The CPU bars stay in the frame beside the lanes.
        expect(
          rowPanes(layout.sections).some((pane) => pane.pane === 'cpu'),
          where,
        ).toBe(true);
      }
    }
  });

  test('below 40 rows the lanes take the charts’ place; from 40 the charts stay above them', () => {
    const panes = (rows: number) => rowPanes(layoutFor({ columns: 120, rows }, { lanes: true }).sections);
    expect(panes(24).map((pane) => pane.pane)).toEqual(['lanes', 'tasks', 'cpu']);
    expect(panes(40).map((pane) => pane.pane)).toEqual(['eventLoop', 'pool', 'lanes', 'tasks', 'cpu']);
    expect(rowPanes(layoutFor(minimumSize).sections).some((pane) => pane.pane === 'lanes')).toBe(false);
  });
});

/** The frame as text, colour off. */
function frame(snapshot: Snapshot, size: { columns: number; rows: number }): string[] {
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

describe('many threads', () => {
  const sixtyFourLanes: Snapshot = {
    ...sixtyFourThreads,
    timeline: timelineFromSlices(
      Array.from({ length: 64 }, (_, index) =>
        backToBack(`t${index + 1}`, { start: at - 3000, end: at, lengthMs: 20, firstId: index * 1000 + 1 }),
      ).flat(),
      { endAt: at, lanes: ['main'] },
    ),
  };

  test.each([
    [80, 24],
    [120, 40],
    [220, 60],
  ])('64 worker threads at %i×%i: the lanes that fit, and how many more', (columns, rows) => {
    const lines = frame(sixtyFourLanes, { columns, rows });
    expect(lines.length).toBeLessThan(rows);
    for (const line of lines) expect(line.length).toBeLessThan(columns);
    const shown = lines.filter((line) => /^(main|t\d+)(\s|$)/.test(line)).length;
    const more = lines.find((line) => /^\+\d+ more lanes \(t\d+…t64\)/.test(line));
    expect(more).toBeDefined();
    expect(shown + Number(/^\+(\d+)/.exec(more ?? '')?.[1])).toBe(65);
  });

  test('a larger terminal shows more lanes and more seconds', () => {
    const small = frame(workersCpuLanes, { columns: 80, rows: 24 });
    const large = frame(workersCpuLanes, { columns: 220, rows: 60 });
    const span = (lines: string[]) => {
      const [, value, unit] = /last ([\d.]+)(ms|s)/.exec(lines.join('\n')) ?? [];
      return Number(value) * (unit === 's' ? 1000 : 1);
    };
    const lanes = (lines: string[]) => lines.filter((line) => /^(main|t\d+)(\s|$)/.test(line)).length;
    expect(lanes(large)).toBeGreaterThanOrEqual(lanes(small));
    expect(large.find((line) => line.startsWith('t1 '))?.length).toBeGreaterThan(
      small.find((line) => line.startsWith('t1 '))?.length ?? 0,
    );
    expect(span(large)).toBeGreaterThan(span(small));
  });
});

const workloads: WorkloadSummary[] = [
  { name: 'cpu', kind: 'cpu', description: 'hashes' },
  { name: 'io-timer', kind: 'io', description: 'waits on timers' },
];

function fakeHandle(snapshot: Snapshot): EngineHandle {
  return { latest: () => snapshot, subscribe: () => () => {}, dispatch: () => {}, workloads };
}

describe('t over random sequences of keys and resizes', () => {
  test.each([1, 2, 3])('seed %i: the frame stays within the terminal and t always toggles', async (seed) => {
    const next = seededRandom(seed * 977);
    const handle = fakeHandle(asyncCpuLanes);
    let size = { columns: 100, rows: 30 };
    const app = (current: typeof size) => (
      <App handle={handle} color={false} onQuit={() => {}} size={current} />
    );
    const rendered = render(app(size));
    await new Promise((resolve) => setImmediate(resolve));
    let lanesOpen = false;
    let helpOpen = false;
    for (let step = 0; step < 40; step++) {
      const roll = next();
      let pressed = '';
      if (roll < 0.2) {
        size = { columns: 30 + Math.floor(next() * 200), rows: 10 + Math.floor(next() * 50) };
        rendered.rerender(app(size));
      } else {
        pressed = roll < 0.65 ? 't' : (['?', 'x', '+', 'a'][Math.floor(next() * 4)] as string);
        rendered.stdin.write(pressed);
        if (pressed === 't') lanesOpen = !lanesOpen;
        helpOpen = pressed === '?' ? !helpOpen : false;
      }
      const where = `seed ${seed} step ${step}: ${pressed || 'resize'} at ${size.columns}×${size.rows}`;
      const complete = size.columns >= minimumSize.columns && size.rows >= minimumSize.rows;
      await vi.waitFor(() => {
        const lines = (rendered.lastFrame() ?? '').split('\n');
        expect(lines.length, where).toBeLessThan(size.rows);
        for (const line of lines) expect(line.length, where).toBeLessThan(size.columns);
        const shows = lines.some((line) => line.includes('TIMELINE'));
        if (!lanesOpen || helpOpen) expect(shows, where).toBe(false);
        else if (complete) expect(shows, where).toBe(true);
      });
    }
  });
});

describe('the t key', () => {
  const run = (input: string, view: ViewState) => {
    let state = view;
    const commands = commandsFor(
      input,
      {},
      {
        helpOpen: view.helpOpen,
        workloads,
        currentWorkload: 'cpu',
        lanesOpen: view.lanesOpen,
      },
    );
    for (const command of commands) if (command.kind === 'view') state = viewReducer(state, command.action);
    return state;
  };

  test('t shows the lanes, t again hides them, and the echo says which', () => {
    const shown = run('t', initialViewState);
    expect(shown.lanesOpen).toBe(true);
    expect(shown.echo).toEqual({ key: 't', text: expect.stringMatching(/^timeline lanes shown/) });
    const hidden = run('t', shown);
    expect(hidden.lanesOpen).toBe(false);
    expect(hidden.echo?.text).toBe('timeline lanes hidden');
    expect(run('tt', initialViewState).lanesOpen).toBe(false);
    expect(run('T', initialViewState).lanesOpen).toBe(true);
  });

  test('t over the help closes it, so the lanes are seen to change', () => {
    const view = run('t', { ...initialViewState, helpOpen: true });
    expect(view).toMatchObject({ helpOpen: false, lanesOpen: true });
  });
});
