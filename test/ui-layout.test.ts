import { describe, expect, test } from 'vitest';
import { type Layout, layoutFor, type PaneName, type Section, scoreboardRows } from '../source/ui/layout.ts';
import { seededRandom } from './helpers/seeded-random.ts';

function panesOf(columns: number, rows: number): PaneName[] {
  return layoutFor({ columns, rows }).sections.flatMap((section) =>
    section.kind === 'row' ? section.panes.map((slot) => slot.pane) : [],
  );
}

function kindsOf(columns: number, rows: number): string[] {
  return layoutFor({ columns, rows }).sections.map((section) => section.kind);
}

describe('at the minimum size and above', () => {
  test.each([
    [80, 24],
    [100, 30],
    [120, 40],
    [200, 60],
  ])('%i×%i shows every pane, the scoreboard, header and footer', (columns, rows) => {
    const layout = layoutFor({ columns, rows });
    expect(layout.complete).toBe(true);
    expect(kindsOf(columns, rows)).toEqual(['header', 'scoreboard', 'row', 'row', 'footer']);
    expect(panesOf(columns, rows)).toEqual(['eventLoop', 'pool', 'tasks', 'cpu']);
  });

  test.each([
    [80, 24],
    [120, 40],
    [97, 31],
    [300, 100],
  ])('at %i×%i the frame is strictly shorter than the terminal', (columns, rows) => {
    const layout = layoutFor({ columns, rows });
    expect(layout.height).toBeLessThan(rows);
    expect(layout.sections.reduce((sum, section) => sum + section.height, 0)).toBe(layout.height);
  });

  test('no line reaches the last column, so nothing wraps at the right edge', () => {
    const layout = layoutFor({ columns: 80, rows: 24 });
    expect(layout.width).toBe(79);
    for (const section of layout.sections) {
      if (section.kind === 'row') {
        const used =
          section.panes.reduce((sum, slot) => sum + slot.width, 0) + 2 * (section.panes.length - 1);
        expect(used).toBeLessThanOrEqual(79);
      }
    }
  });

  test('every pane at 80×24 has room for its title and some content, the charts a little more', () => {
    const [upper, lower] = rowsOf(layoutFor({ columns: 80, rows: 24 }));
    for (const slot of upper?.panes ?? []) expect(slot.height).toBeGreaterThanOrEqual(6);
    for (const slot of lower?.panes ?? []) expect(slot.height).toBeGreaterThanOrEqual(5);
  });

  test.each([
    [80, 24],
    [100, 30],
    [120, 30],
    [120, 40],
    [220, 60],
  ])('at %i×%i the model name and the headline ratio are large and first', (columns, rows) => {
    const [header, scoreboard] = layoutFor({ columns, rows }).sections;
    expect(header).toMatchObject({ kind: 'header', big: true });
    expect(scoreboard).toMatchObject({ kind: 'scoreboard', headline: 'big' });
    if (scoreboard?.kind !== 'scoreboard') throw new Error('no scoreboard');
    const inner = scoreboard.height - (scoreboard.framed ? 2 : 0);
    expect(inner).toBeGreaterThanOrEqual(scoreboardRows.big);
  });

  test('the framed scoreboard from 30 rows, the bare one below', () => {
    expect(scoreboardOf(layoutFor({ columns: 80, rows: 24 })).framed).toBe(false);
    expect(scoreboardOf(layoutFor({ columns: 100, rows: 30 })).framed).toBe(true);
  });

  test('a fourth header row from 40 rows, so a long description wraps instead of being cut', () => {
    expect(layoutFor({ columns: 120, rows: 39 }).sections[0]?.height).toBe(3);
    expect(layoutFor({ columns: 120, rows: 40 }).sections[0]?.height).toBe(4);
  });

  test('on a large screen the charts grow in height and width, and the scoreboard spans the width', () => {
    const base = layoutFor({ columns: 120, rows: 40 });
    for (const size of [
      { columns: 160, rows: 50 },
      { columns: 220, rows: 60 },
    ]) {
      const large = layoutFor(size);
      expect(chartPane(large).height).toBeGreaterThan(chartPane(base).height);
      expect(chartPane(large).width).toBeGreaterThan(chartPane(base).width);
      expect(chartPane(large).width / large.width).toBeGreaterThan(chartPane(base).width / base.width);
      expect(scoreboardOf(large).width).toBe(large.width);
      // The charts' row gets more of the extra height than the task table's.
      const [upper, lower] = rowsOf(large);
      expect(upper?.height).toBeGreaterThanOrEqual(lower?.height ?? 0);
    }
  });
});

describe('any size (random sizes, seeded)', () => {
  const random = seededRandom(2024);
  const sizes = Array.from({ length: 400 }, () => ({
    columns: Math.floor(random() * 320),
    rows: Math.floor(random() * 130),
  }));

  test('the frame is shorter than the terminal and no narrower section is wider than the frame', () => {
    for (const size of sizes) {
      const layout = layoutFor(size);
      expect(layout.height, JSON.stringify(size)).toBeLessThan(Math.max(1, size.rows));
      expect(layout.height).toBe(layout.sections.reduce((sum, section) => sum + section.height, 0));
      expect(layout.width).toBe(Math.max(0, size.columns - 1));
      for (const section of layout.sections) {
        expect(section.height, JSON.stringify({ size, section })).toBeGreaterThan(0);
        if (section.kind === 'row') {
          const used =
            section.panes.reduce((sum, slot) => sum + slot.width, 0) + 2 * (section.panes.length - 1);
          expect(used).toBeLessThanOrEqual(layout.width);
          for (const slot of section.panes) expect(slot.height).toBe(section.height);
        } else {
          expect(section.width).toBe(layout.width);
        }
      }
    }
  });

  test('every size from the minimum up is complete, with the big header and headline', () => {
    for (const size of sizes) {
      const layout = layoutFor(size);
      const large = size.columns >= 80 && size.rows >= 24;
      expect(layout.complete, JSON.stringify(size)).toBe(large);
      if (!large) continue;
      expect(panesOf(size.columns, size.rows)).toEqual(['eventLoop', 'pool', 'tasks', 'cpu']);
      expect(layout.sections[0]).toMatchObject({ kind: 'header', big: true });
      expect(scoreboardOf(layout).headline).toBe('big');
    }
  });

  test('more rows never shrink the charts, more columns never narrow them', () => {
    for (const { columns, rows } of sizes) {
      if (columns < 80 || rows < 24) continue;
      const here = chartPane(layoutFor({ columns, rows }));
      expect(chartPane(layoutFor({ columns, rows: rows + 1 })).height).toBeGreaterThanOrEqual(here.height);
      expect(chartPane(layoutFor({ columns: columns + 1, rows })).width).toBeGreaterThanOrEqual(here.width);
    }
  });
});

describe('below the minimum size', () => {
  test('a short terminal keeps the scoreboard and event loop and shows the hint', () => {
    const layout = layoutFor({ columns: 60, rows: 15 });
    expect(layout.complete).toBe(false);
    expect(kindsOf(60, 15)).toEqual(['header', 'scoreboard', 'row', 'hint', 'footer']);
    expect(panesOf(60, 15)).toEqual(['eventLoop']);
    expect(layout.height).toBeLessThan(15);
  });

  test('a terminal narrower than 80 columns also gets fewer panes and the hint', () => {
    expect(layoutFor({ columns: 79, rows: 40 }).complete).toBe(false);
    expect(kindsOf(79, 40)).toContain('hint');
  });

  test.each([
    [40, 10],
    [20, 5],
    [10, 2],
    [1, 1],
    [0, 0],
  ])('%i×%i still lays out without exceeding the terminal', (columns, rows) => {
    const layout = layoutFor({ columns, rows });
    expect(layout.height).toBeLessThan(Math.max(1, rows));
    for (const section of layout.sections) expect(section.height).toBeGreaterThan(0);
  });

  test('the hint is the first thing kept when space is tight', () => {
    expect(kindsOf(30, 2)).toEqual(['hint']);
    expect(kindsOf(30, 3)).toEqual(['hint', 'footer']);
  });
});

function rowsOf(layout: Layout) {
  return layout.sections.filter(
    (section): section is Extract<Section, { kind: 'row' }> => section.kind === 'row',
  );
}

function scoreboardOf(layout: Layout): Extract<Section, { kind: 'scoreboard' }> {
  const section = layout.sections.find((entry) => entry.kind === 'scoreboard');
  if (section?.kind !== 'scoreboard') throw new Error('no scoreboard');
  return section;
}

/** The event loop's pane, which holds the lag chart. */
function chartPane(layout: Layout) {
  const slot = rowsOf(layout)
    .flatMap((row) => row.panes)
    .find((entry) => entry.pane === 'eventLoop');
  if (!slot) throw new Error('no event loop pane');
  return slot;
}
